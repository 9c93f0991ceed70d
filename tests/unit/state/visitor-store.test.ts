/**
 * Each shell chooses what the visitor's device remembers (src/shells/visitor-store.ts).
 * Regression: the one store was created at import with a saver subscribed, so the kiosk read
 * the device's saved choices at every start and wrote each visitor's choices back: after a
 * reload, one visitor's caption choice greeted the next.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readBootConfig } from '../../../src/core/boot/boot-config'
import { LANGUAGE_STORAGE_KEY, SETTINGS_STORAGE_KEY } from '../../../src/state/preferences'
import { createVisitorStore } from '../../../src/shells/visitor-store'

let data: Map<string, string>

beforeEach(() => {
  data = new Map([
    [LANGUAGE_STORAGE_KEY, 'fr'],
    [SETTINGS_STORAGE_KEY, JSON.stringify({ captions: false })],
  ])
  const canvas = { getContext: () => null }
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => data.set(k, v),
    },
    navigator: { languages: ['en-CA'] },
    matchMedia: () => ({ matches: false }),
    document: { createElement: () => canvas },
  })
})
afterEach(() => vi.unstubAllGlobals())

const boot = (search: string) => readBootConfig(search, '/')

describe('what each way in remembers', () => {
  it('the page starts from the saved choices and remembers new ones', () => {
    const { store } = createVisitorStore(boot(''), 'remember')
    expect(store.getState().engine.language).toBe('fr')
    expect(store.getState().settings.captions).toBe(false)
    store.getState().actions.setSettings({ captions: true })
    expect(JSON.parse(data.get(SETTINGS_STORAGE_KEY)!)).toMatchObject({ captions: true })
  })

  it('the kiosk neither reads nor writes them', () => {
    const { store, storage } = createVisitorStore(boot('?mode=kiosk'), 'none')
    expect(storage).toBeNull()
    expect(store.getState().engine.language).toBe('en')
    expect(store.getState().settings.captions).toBe(true)
    store.getState().actions.setSettings({ captions: false, captionSize: 'large' })
    store.getState().actions.setLanguage('fr')
    expect(JSON.parse(data.get(SETTINGS_STORAGE_KEY)!)).toEqual({ captions: false })
    expect(data.get(LANGUAGE_STORAGE_KEY)).toBe('fr')
    expect(data.size).toBe(2)
  })

  it('the embed starts from them but writes nothing back (its link options are its own)', () => {
    const { store } = createVisitorStore(boot('?mode=embed'), 'read-only')
    expect(store.getState().settings.captions).toBe(false)
    store.getState().actions.setSettings({ captions: true, volume: 0.5 })
    store.getState().actions.setLanguage('en')
    expect(JSON.parse(data.get(SETTINGS_STORAGE_KEY)!)).toEqual({ captions: false })
    expect(data.get(LANGUAGE_STORAGE_KEY)).toBe('fr')
  })

  it('a browser without WebGL starts in the 2D tour, told so by the store', () => {
    const { store } = createVisitorStore(boot(''), 'remember')
    expect(store.getState()).toMatchObject({ webgl: 'unavailable', settings: { view: '2d' } })
  })
})
