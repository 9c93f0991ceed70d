/**
 * The studio's own interface strings, in English and French, typed like the app's (src/core/i18n):
 * a key the code asks for that English lacks fails the type-check, and French must have every key
 * of English (and no other). The studio is a development tool: its strings never reach the app.
 */
import en from './en.json'
import fr from './fr.json'

type English = typeof en
type French = typeof fr
export type StudioKey = Exclude<keyof English, `$${string}`>
type Has<L extends Readonly<Record<Keys, string>>, Keys extends PropertyKey> = L
/** Compiles only while French and English have the same keys. */
export type StudioLocalesAreComplete = [Has<French, keyof English>, Has<English, keyof French>]

export const STUDIO_LANGUAGES = ['en', 'fr'] as const
export type StudioLanguage = (typeof STUDIO_LANGUAGES)[number]

const MESSAGES: Record<StudioLanguage, Readonly<Record<string, string>>> = { en, fr }

export type Vars = Readonly<Record<string, string | number>>

export function st(lang: StudioLanguage, key: StudioKey, vars?: Vars): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text
}

/** Numbers as the language writes them (1.5 / 1,5). */
export const num = (lang: StudioLanguage, n: number, digits = 2) =>
  n.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: digits })
