import { describe, expect, it } from 'vitest'
import { isBlockedKey } from '../../../src/modes/kiosk/lockdown'
import { visitorSnapshot } from '../../../src/modes/kiosk/controller'
import { DEFAULT_SETTINGS, createAppStore } from '../../../src/state/store'
import { makeTour } from '../tour-fixture'

function loaded() {
  const store = createAppStore({ language: 'en', settings: { reducedMotion: true } })
  const tours = [makeTour('one'), makeTour('two')]
  store.setState({
    catalog: { status: 'ready', entries: tours.map((tour) => ({ id: tour.id, status: 'ok', tour })) },
    tours: new Map(tours.map((t) => [t.id, t])),
  })
  return store
}

describe('store reset between kiosk visitors', () => {
  it('leaves the store equal to its initial state, keeping the catalog and loaded models', () => {
    const store = loaded()
    const defaults = { language: 'fr', settings: { volume: 0.6 } }
    store.getState().actions.reset(defaults)
    const initial = visitorSnapshot(store.getState())

    const { actions } = store.getState()
    actions.openTour('one', { stopId: 'second', hotspotId: 'd' })
    actions.narrationStarted()
    actions.setLanguage('en')
    actions.setSettings({ volume: 0.2, captions: false, autoplay: false, reducedMotion: false })
    actions.notify('notice.unknown-tour', { value: 'x' })
    actions.openDialog('settings')
    actions.highlightHotspot('d')
    actions.resetView()
    actions.setModelLoad('/assets/models/second.glb', { status: 'loaded', progress: 1 })
    expect(visitorSnapshot(store.getState())).not.toEqual(initial)

    actions.reset(defaults)
    expect(visitorSnapshot(store.getState())).toEqual(initial)
    expect(store.getState().settings).toEqual({
      ...DEFAULT_SETTINGS,
      captions: true,
      volume: 0.6,
      reducedMotion: true,
      autoplay: true,
    })
    expect(store.getState().engine.language).toBe('fr')
    expect(store.getState().catalog.status).toBe('ready')
    expect(store.getState().models['/assets/models/second.glb']?.status).toBe('loaded')
  })

  it('without defaults, resets to what the store was created with', () => {
    const store = loaded()
    const fresh = visitorSnapshot(store.getState())
    store.getState().actions.openTour('two')
    store.getState().actions.setLanguage('fr')
    store.getState().actions.reset()
    expect(visitorSnapshot(store.getState())).toEqual(fresh)
  })

  it('limits the offer to the kiosk’s tours, in its order', () => {
    const store = loaded()
    store.getState().actions.limitTours(['two', 'missing'])
    expect(store.getState().catalog.entries.map((e) => e.id)).toEqual(['two'])
    expect([...store.getState().tours.keys()]).toEqual(['two'])
  })
})

describe('kiosk lockdown keys', () => {
  const key = (
    k: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  })
  it('blocks what the browser would do: zoom, reload, back, devtools, print, find', () => {
    for (const k of [
      key('+', { ctrlKey: true }),
      key('-', { ctrlKey: true }),
      key('0', { metaKey: true }),
      key('F5'),
      key('r', { ctrlKey: true }),
      key('ArrowLeft', { altKey: true }),
      key('BrowserBack'),
      key('I', { ctrlKey: true, shiftKey: true }),
      key('F12'),
      key('p', { ctrlKey: true }),
      key('f', { ctrlKey: true }),
      key('Backspace'),
    ])
      expect(isBlockedKey(k), JSON.stringify(k)).toBe(true)
  })
  it('lets the tour’s own keys through', () => {
    for (const k of [key('n'), key('ArrowLeft'), key('Escape'), key('?'), key('+'), key('Enter'), key('k')])
      expect(isBlockedKey(k), JSON.stringify(k)).toBe(false)
    expect(isBlockedKey(key('Backspace'), true)).toBe(false)
  })
})
