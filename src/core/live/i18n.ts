/**
 * The live group tour's interface strings (core/live/locales/<lang>.json), apart from the page's (core/i18n/locales/):
 * only the live mode imports this module, so they travel in its chunk and a visitor who is not in
 * a group downloads none of them. Same rules as i18n.ts: English is the source of the keys, French
 * is checked against it by the compiler, a missing string falls back to English.
 */
import { FALLBACK_LANGUAGE, fill, type Vars } from '../i18n/i18n'
import type en from './locales/en.json'
import type fr from './locales/fr.json'

type Messages = Readonly<Record<string, string>>
type English = typeof en

/** A string of the live mode (`$about` describes the file). */
export type LiveMessageKey = Exclude<keyof English, `$${string}`>

/** Compiles only if French has every key of English and English every key of French. */
type Has<L extends Readonly<Record<Keys, string>>, Keys extends PropertyKey> = L
export type LiveLocalesAreComplete = [Has<typeof fr, keyof English>, Has<English, keyof typeof fr>]

const files = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' })

export const LIVE_MESSAGES: Readonly<Record<string, Messages>> = Object.fromEntries(
  Object.entries(files).map(([path, messages]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), messages]),
)

export function tLive(lang: string, key: LiveMessageKey, vars?: Vars): string {
  const text = LIVE_MESSAGES[lang]?.[key] ?? LIVE_MESSAGES[FALLBACK_LANGUAGE]?.[key] ?? key
  return vars ? fill(text, vars) : text
}
