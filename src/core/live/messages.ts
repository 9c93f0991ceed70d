/**
 * The live group tour's interface strings (locales/<lang>.json), by language. Only the live mode
 * (and the lazily loaded Share dialog, for "Lead a group") imports this module and adds them (core/i18n
 * `addMessages`), so a visitor who is not in a group downloads none of them. Same rules as the
 * interface's strings: English is the source of the keys and French is checked against it
 * (core/i18n/keys.ts).
 */
import { byLanguage } from '../i18n/i18n'

export const LIVE_MESSAGES = byLanguage(
  import.meta.glob<Readonly<Record<string, string>>>('./locales/*.json', { eager: true, import: 'default' }),
)
