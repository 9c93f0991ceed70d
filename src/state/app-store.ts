/**
 * The app's single store instance and its React binding. Created once, at module load, from what
 * the page knows at start: the language (URL, saved choice, browser) and reduced-motion preference.
 */
import { useStore } from 'zustand'
import { pickLanguage } from '../core/i18n/i18n'
import { webglAvailable } from '../core/boot/webgl'
import { createAppStore, DEFAULT_SETTINGS, type AppState, type Settings } from './store'

export const LANGUAGE_STORAGE_KEY = 'portage.language'
export const SETTINGS_STORAGE_KEY = 'portage.settings'
/** Settings a visitor's choice is remembered for (per device). */
const REMEMBERED = [
  'captions',
  'captionSize',
  'captionBackground',
  'reducedMotion',
  'autoplay',
  'volume',
] as const

function readSaved(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null // storage can be disabled (private mode, sandboxed iframe)
  }
}

function savedSettings(): Partial<Settings> {
  try {
    const raw = JSON.parse(readSaved(SETTINGS_STORAGE_KEY) ?? '{}') as Record<string, unknown>
    const out: Partial<Record<keyof Settings, unknown>> = {}
    for (const key of REMEMBERED)
      if (key in raw && typeof raw[key] === typeof DEFAULT_SETTINGS[key]) out[key] = raw[key]
    return out as Partial<Settings>
  } catch {
    return {}
  }
}

const params = new URLSearchParams(location.search)

export const appStore = createAppStore({
  language: pickLanguage({
    url: params.get('lang'),
    saved: readSaved(LANGUAGE_STORAGE_KEY),
    browser: navigator.languages,
  }),
  settings: {
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
    ...savedSettings(),
    // The 2D tour when asked for by the link, or when this browser cannot draw WebGL at all.
    view: params.get('view') === '2d' || !webglAvailable() ? '2d' : '3d',
  },
})

function save(key: string, value: string) {
  try {
    localStorage.setItem(key, value)
  } catch {
    // not persisted: the choice still holds for this visit
  }
}

// Remember the visitor's language and settings choices.
appStore.subscribe((s, prev) => {
  if (s.engine.language !== prev.engine.language) save(LANGUAGE_STORAGE_KEY, s.engine.language)
  if (s.settings !== prev.settings && REMEMBERED.some((k) => s.settings[k] !== prev.settings[k]))
    save(SETTINGS_STORAGE_KEY, JSON.stringify(Object.fromEntries(REMEMBERED.map((k) => [k, s.settings[k]]))))
})

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector)
}
