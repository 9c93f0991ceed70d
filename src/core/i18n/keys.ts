/**
 * The keys of the interface strings, read from the locale files by the compiler. Types only (no
 * Vite, no DOM), so the Node tools can name a key too.
 *
 * English is the source of truth: `MessageKey` is read from `en.json`, so a key the code uses that
 * English lacks fails the type-check. French is checked against English (`LocalesAreComplete`); a
 * language added only as data is checked by the unit test (tests/unit/i18n.test.ts).
 */
import type en from './locales/en.json'
import type fr from './locales/fr.json'
import type kioskEn from '../kiosk/locales/en.json'
import type kioskFr from '../kiosk/locales/fr.json'
import type liveEn from '../live/locales/en.json'
import type liveFr from '../live/locales/fr.json'
import type arEn from '../ar/locales/en.json'
import type arFr from '../ar/locales/fr.json'

/**
 * The kiosk's strings are added when the kiosk starts, the live tour's when the live mode (or the
 * Share dialog) loads, the AR mode's when its slot loads (i18n.ts `addMessages`); they are keys all
 * the same.
 */
type English = typeof en & typeof kioskEn & typeof liveEn & typeof arEn
type French = typeof fr & typeof kioskFr & typeof liveFr & typeof arFr

/** Keys starting with `$` describe the file (`$language`, the language's own name), not a string to show. */
export type MetaKey = Extract<keyof English, `$${string}`>

/** A string the interface can show: any key of `en.json` but its meta keys. */
export type MessageKey = Exclude<keyof English, MetaKey>

/** `Has<L, Keys>` compiles only if locale `L` has a string for every one of `Keys`. */
type Has<L extends Readonly<Record<Keys, string>>, Keys extends PropertyKey> = L

/**
 * The compiler's half of the completeness check: French has every key of English and English every
 * key of French, so deleting a string from either file fails `tsc` with the missing key's name.
 */
export type LocalesAreComplete = [Has<French, keyof English>, Has<English, keyof French>]
