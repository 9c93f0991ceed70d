/**
 * What a device remembers between visits, and who decides (src/state/preferences.ts, chosen per
 * shell in src/shells/visitor-store.ts). Regression: the store used to be created at import with
 * a saver subscribed, so every way in — the kiosk included — wrote the visitor's choices to the
 * device and read them back after a reload: one kiosk visitor's captions choice reached the next.
 */
import { describe, expect, it } from 'vitest'
import { readBootConfig } from '../../../src/core/boot/boot-config'
import {
  initialStoreOptions,
  LANGUAGE_STORAGE_KEY,
  persistPreferences,
  readPreferences,
  SETTINGS_STORAGE_KEY,
  type PreferenceStorage,
} from '../../../src/state/preferences'
import { createAppStore } from '../../../src/state/store'

function memory(initial: Record<string, string> = {}): PreferenceStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
  }
}

const browser = { languages: ['fr-CA', 'en'], reducedMotion: false, webgl: true }
const boot = (search = '') => readBootConfig(search, '/')

describe('reading what the device remembers', () => {
  it('keeps remembered settings of the right type and ignores the rest', () => {
    const saved = readPreferences(
      memory({
        [LANGUAGE_STORAGE_KEY]: 'fr',
        [SETTINGS_STORAGE_KEY]: JSON.stringify({
          captions: false,
          volume: '1',
          view: '2d',
          captionSize: 'large',
        }),
      }),
    )
    // `view` is not remembered (the link and the browser decide it); a string volume is not a volume.
    expect(saved).toEqual({ language: 'fr', settings: { captions: false, captionSize: 'large' } })
  })

  it('survives unreadable storage and broken JSON', () => {
    const throwing: PreferenceStorage = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {},
    }
    expect(readPreferences(throwing)).toEqual({ language: null, settings: {} })
    expect(readPreferences(memory({ [SETTINGS_STORAGE_KEY]: '{nope' }))).toEqual({
      language: null,
      settings: {},
    })
    expect(readPreferences(memory({ [SETTINGS_STORAGE_KEY]: 'null' }))).toEqual({
      language: null,
      settings: {},
    })
    expect(readPreferences(null)).toEqual({ language: null, settings: {} })
  })
})

describe('the store as it starts', () => {
  it('takes the language from the link, else the saved choice, else the browser', () => {
    const saved = { language: 'en', settings: {} }
    expect(initialStoreOptions(boot('?lang=fr'), saved, browser).language).toBe('fr')
    expect(initialStoreOptions(boot(), saved, browser).language).toBe('en')
    expect(initialStoreOptions(boot(), { language: null, settings: {} }, browser).language).toBe('fr')
  })

  it('opens the 2D tour when the link asks or WebGL is missing, and says WebGL is unavailable', () => {
    const none = { language: null, settings: {} }
    expect(initialStoreOptions(boot('?view=2d'), none, browser)).toMatchObject({
      settings: { view: '2d' },
      webgl: 'ok',
    })
    expect(initialStoreOptions(boot(), none, { ...browser, webgl: false })).toMatchObject({
      settings: { view: '2d' },
      webgl: 'unavailable',
    })
    expect(
      createAppStore(initialStoreOptions(boot(), none, { ...browser, webgl: false })).getState().webgl,
    ).toBe('unavailable')
  })

  it('lets a saved choice win over the browser’s reduced-motion preference', () => {
    const options = initialStoreOptions(
      boot(),
      { language: null, settings: { reducedMotion: false } },
      { ...browser, reducedMotion: true },
    )
    expect(options.settings?.reducedMotion).toBe(false)
  })
})

describe('remembering', () => {
  it('writes the language and remembered settings as they change, and stops when asked', () => {
    const storage = memory()
    const store = createAppStore({ language: 'en' })
    const stop = persistPreferences(store, storage)
    store.getState().actions.setLanguage('fr')
    store.getState().actions.setSettings({ captions: false, view: '2d' })
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('fr')
    expect(JSON.parse(storage.data.get(SETTINGS_STORAGE_KEY)!)).toMatchObject({ captions: false })
    expect(JSON.parse(storage.data.get(SETTINGS_STORAGE_KEY)!)).not.toHaveProperty('view')
    stop()
    store.getState().actions.setSettings({ captions: true })
    expect(JSON.parse(storage.data.get(SETTINGS_STORAGE_KEY)!)).toMatchObject({ captions: false })
  })
})
