/**
 * What a visitor's device remembers between visits (language, captions, motion, volume), and the
 * store's starting values. A shell decides whether to remember anything: the page and the embed
 * do, per device; a kiosk does not (one visitor's choices must never reach the next, not even
 * after a reload), so it passes no storage at all.
 */
import type { BootConfig } from '../core/boot/boot-config'
import type { BrowserFacts } from '../core/boot/browser'
import { pickLanguage } from '../core/i18n/i18n'
import { DEFAULT_SETTINGS, type Settings } from './settings'
import type { AppStore, StoreOptions } from './store'

export const LANGUAGE_STORAGE_KEY = 'portage.language'
export const SETTINGS_STORAGE_KEY = 'portage.settings'

/** Settings a visitor's choice is remembered for (per device). */
export const REMEMBERED = [
  'captions',
  'captionSize',
  'captionBackground',
  'reducedMotion',
  'autoplay',
  'volume',
] as const satisfies readonly (keyof Settings)[]

/** The part of Web Storage used here (a Map-backed fake in tests). */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>

/** The browser's localStorage, or null where it is refused (private mode, a sandboxed iframe). */
export function localStorageIfAllowed(): PreferenceStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

function read(storage: PreferenceStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

export type SavedPreferences = { language: string | null; settings: Partial<Settings> }

/** What the device remembers; anything unreadable or of the wrong type is ignored. */
export function readPreferences(storage: PreferenceStorage | null): SavedPreferences {
  const language = read(storage, LANGUAGE_STORAGE_KEY)
  try {
    const raw = JSON.parse(read(storage, SETTINGS_STORAGE_KEY) ?? '{}') as Record<string, unknown>
    const settings: Partial<Record<keyof Settings, unknown>> = {}
    for (const key of REMEMBERED)
      if (raw && key in raw && typeof raw[key] === typeof DEFAULT_SETTINGS[key]) settings[key] = raw[key]
    return { language, settings: settings as Partial<Settings> }
  } catch {
    return { language, settings: {} }
  }
}

function write(storage: PreferenceStorage, key: string, value: string) {
  try {
    storage.setItem(key, value)
  } catch {
    // not persisted: the choice still holds for this visit
  }
}

/** Remember the visitor's language and settings choices as they change; returns the unsubscribe. */
export function persistPreferences(store: AppStore, storage: PreferenceStorage): () => void {
  return store.subscribe((s, prev) => {
    if (s.engine.language !== prev.engine.language) write(storage, LANGUAGE_STORAGE_KEY, s.engine.language)
    if (s.settings !== prev.settings && REMEMBERED.some((k) => s.settings[k] !== prev.settings[k]))
      write(
        storage,
        SETTINGS_STORAGE_KEY,
        JSON.stringify(Object.fromEntries(REMEMBERED.map((k) => [k, s.settings[k]]))),
      )
  })
}

/**
 * The store's starting values: the language from the link, else the saved choice, else the
 * browser's; saved settings over the browser's reduced-motion preference; the 2D tour when the
 * link asks for it or WebGL is not there.
 */
export function initialStoreOptions(
  boot: BootConfig,
  saved: SavedPreferences,
  browser: BrowserFacts,
): StoreOptions {
  return {
    language: pickLanguage({ url: boot.lang, saved: saved.language, browser: browser.languages }),
    settings: {
      reducedMotion: browser.reducedMotion,
      ...saved.settings,
      view: boot.flat || !browser.webgl ? '2d' : '3d',
    },
    webgl: browser.webgl ? 'ok' : 'unavailable',
  }
}
