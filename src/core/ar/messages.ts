/**
 * The AR mode's own interface strings ("View on a table", its overlay, its notices, the phone's own
 * AR viewers), by language. Only the AR mode's slot adds them (core/i18n `addMessages`), when it
 * loads, so a visitor whose page never offers AR downloads none of them. Same rules as the
 * interface's strings: English is the source of the keys and French is checked against it
 * (core/i18n/keys.ts).
 */
import { byLanguage } from '../i18n/i18n'

export const AR_MESSAGES = byLanguage(
  import.meta.glob<Readonly<Record<string, string>>>('./locales/*.json', { eager: true, import: 'default' }),
)
