/**
 * The kiosk's own interface strings (operator screens, PIN pad, attract loop, idle countdown), by
 * language. Only the kiosk shell imports this module and adds them (core/i18n `addMessages`), so a
 * visitor on the page, an embed or a handout downloads none of them. Same rules as the interface's
 * strings: English is the source of the keys and French is checked against it (core/i18n/keys.ts).
 */
import { byLanguage } from '../i18n/i18n'

export const KIOSK_MESSAGES = byLanguage(
  import.meta.glob<Readonly<Record<string, string>>>('./locales/*.json', { eager: true, import: 'default' }),
)
