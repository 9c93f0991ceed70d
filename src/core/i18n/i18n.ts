/**
 * Interface strings. Each language is a JSON file in `locales/` (data, no code): adding a language
 * means adding `locales/<code>.json` with every key of `en.json`. Keys are typed (keys.ts): the
 * compiler checks every key the code asks for against English, and French against English.
 */
import type { MessageKey, MetaKey } from './keys'

export type { LocalesAreComplete, MessageKey } from './keys'

type Messages = Readonly<Record<string, string>>

const files = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' })

/** A language's strings by the language's code, from files named `<code>.json`. */
export const byLanguage = (files: Readonly<Record<string, Messages>>): Record<string, Messages> =>
  Object.fromEntries(
    Object.entries(files).map(([path, messages]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), messages]),
  )

const messages: Record<string, Messages> = byLanguage(files)

/**
 * The strings every way in needs. A mode with many strings of its own keeps them in its own locale
 * files and adds them when it starts (`addMessages`), so they travel in its chunk and not on every
 * visitor's path: the kiosk's operator screens, PIN pad and attract loop (core/kiosk/locales), the
 * AR mode's button, overlay and notices (core/ar/locales).
 */
export const MESSAGES: Readonly<Record<string, Messages>> = messages

/** Add a mode's strings (by language) to the interface's, before the mode shows anything. */
export function addMessages(more: Readonly<Record<string, Messages>>) {
  for (const [lang, strings] of Object.entries(more)) messages[lang] = { ...messages[lang], ...strings }
}

/** Languages the interface is available in, English and French first. */
export const UI_LANGUAGES: readonly string[] = Object.keys(MESSAGES).sort((a, b) => {
  const rank = (l: string) => ['en', 'fr'].indexOf(l) >>> 0
  return rank(a) - rank(b) || a.localeCompare(b)
})

export const FALLBACK_LANGUAGE = 'en'

export type Vars = Readonly<Record<string, string | number>>

/**
 * Translate `key` into `lang`, filling `{name}` placeholders. A language added as data that lacks
 * the key falls back to English; the key itself is shown only if English lacks it too, which typed
 * code cannot reach (a key cast from data is the one way in), so a gap shows as a readable key, not
 * a blank or a crash.
 */
export function t(lang: string, key: MessageKey, vars?: Vars): string {
  const text = MESSAGES[lang]?.[key] ?? MESSAGES[FALLBACK_LANGUAGE]?.[key] ?? key
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text
}

/** The language's own name, e.g. "Français". */
export const languageName = (lang: string) => MESSAGES[lang]?.['$language' satisfies MetaKey] ?? lang

/**
 * The language to start in: from the URL, else the saved choice, else the browser's preferences,
 * else English. Only languages the interface has are accepted.
 */
export function pickLanguage(options: {
  url?: string | null
  saved?: string | null
  browser?: readonly string[]
  available?: readonly string[]
}): string {
  const available = options.available ?? UI_LANGUAGES
  const match = (code: string | null | undefined) => {
    if (!code) return undefined
    const lower = code.toLowerCase()
    return available.find((l) => l === lower) ?? available.find((l) => l === lower.split('-')[0])
  }
  return (
    match(options.url) ??
    match(options.saved) ??
    (options.browser ?? []).map(match).find(Boolean) ??
    FALLBACK_LANGUAGE
  )
}

/** Pick the text of a localised content field, falling back to English, then to any language. */
export function localize(text: Readonly<Record<string, string>>, lang: string): string {
  return text[lang] ?? text[FALLBACK_LANGUAGE] ?? Object.values(text)[0] ?? ''
}
