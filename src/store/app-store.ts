/**
 * The app's single store instance and its React binding. Created once, at module load, from what
 * the page knows at start: the language (URL, saved choice, browser) and reduced-motion preference.
 */
import { useStore } from 'zustand'
import { pickLanguage } from '../i18n/i18n'
import { createAppStore, type AppState } from './store'

export const LANGUAGE_STORAGE_KEY = 'portage.language'

function readSaved(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null // storage can be disabled (private mode, sandboxed iframe)
  }
}

export const appStore = createAppStore({
  language: pickLanguage({
    url: new URLSearchParams(location.search).get('lang'),
    saved: readSaved(LANGUAGE_STORAGE_KEY),
    browser: navigator.languages,
  }),
  settings: { reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches },
})

// Remember the visitor's language choice.
appStore.subscribe((s, prev) => {
  if (s.engine.language === prev.engine.language) return
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, s.engine.language)
  } catch {
    // not persisted: the choice still holds for this visit
  }
})

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector)
}
