/**
 * The URL is the address of a state: opening a URL gives that state (or the nearest valid one, with
 * a notice), moving updates the URL, and Back / Forward walk the visited states. A fake window
 * stands in for the browser's history so every step is checked without a browser.
 */
import { describe, expect, it } from 'vitest'
import { startUrlSync, type UrlWindow } from '../../src/state/url-sync'
import { createAppStore } from '../../src/state/store'
import { makeTour } from './tour-fixture'

/** A window with a real-enough session history: entries, an index, and popstate on back/forward. */
class FakeWindow {
  entries: string[]
  index = 0
  private listeners = new Set<() => void>()
  constructor(search: string) {
    this.entries = [search]
  }
  get search() {
    return this.entries[this.index]!
  }
  location = { pathname: '/' } as unknown as Location
  history = {
    pushState: (_: unknown, __: string, url: string) => {
      this.entries = [...this.entries.slice(0, this.index + 1), this.toSearch(url)]
      this.index++
    },
    replaceState: (_: unknown, __: string, url: string) => {
      this.entries[this.index] = this.toSearch(url)
    },
  } as unknown as History
  private toSearch(url: string) {
    return url.startsWith('?') ? url : ''
  }
  addEventListener = (type: string, fn: () => void) => type === 'popstate' && this.listeners.add(fn)
  removeEventListener = (type: string, fn: () => void) => type === 'popstate' && this.listeners.delete(fn)
  go(delta: number) {
    this.index = Math.min(this.entries.length - 1, Math.max(0, this.index + delta))
    for (const fn of this.listeners) fn()
  }
  asWindow(): UrlWindow {
    Object.defineProperty(this.location, 'search', { get: () => this.search })
    return this as unknown as UrlWindow
  }
}

function setup(search: string, options?: Parameters<typeof startUrlSync>[2]) {
  const store = createAppStore({ language: 'en' })
  const tour = makeTour('t')
  store.setState({ tours: new Map([['t', tour]]) })
  const win = new FakeWindow(search)
  const stop = startUrlSync(store, win.asWindow(), options)
  return { store, win, stop, actions: store.getState().actions }
}

const where = (store: ReturnType<typeof createAppStore>) => {
  const e = store.getState().engine
  return { tour: e.tourId, stop: e.stopIndex, hotspot: e.hotspotId, lang: e.language }
}

describe('deep links', () => {
  it('a URL opens its exact state and stays as it is (round trip)', () => {
    const url = '?tour=t&stop=third&hotspot=f&lang=fr'
    const { store, win } = setup(url)
    expect(where(store)).toEqual({ tour: 't', stop: 2, hotspot: 'f', lang: 'fr' })
    expect(win.search).toBe(url)
  })

  it('a short link to a story opens its stop, and the URL is completed', () => {
    const { store, win } = setup('?tour=t&hotspot=d')
    expect(where(store)).toMatchObject({ stop: 1, hotspot: 'd' })
    expect(win.search).toBe('?tour=t&stop=second&hotspot=d&lang=en')
  })

  it('a stale link lands on the nearest valid state, says so, and the URL shows where', () => {
    const { store, win } = setup('?tour=t&stop=gone&hotspot=nope&lang=xx')
    expect(where(store)).toEqual({ tour: 't', stop: 0, hotspot: null, lang: 'en' })
    expect(store.getState().notices.map((n) => n.key)).toEqual([
      'notice.unknown-lang',
      'notice.unknown-stop',
      'notice.unknown-hotspot',
    ])
    expect(win.search).toBe('?tour=t&stop=first&lang=en')
  })

  it('parameters that are not state (mode, options) are kept', () => {
    const { win, actions } = setup('?mode=embed&tour=t&captions=0')
    actions.goToStop(1)
    expect(new URLSearchParams(win.search).get('mode')).toBe('embed')
    expect(new URLSearchParams(win.search).get('captions')).toBe('0')
  })
})

describe('back and forward', () => {
  it('each place is a history entry; Back and Forward move through them', () => {
    const { store, win, actions } = setup('?lang=en')
    actions.openTour('t')
    actions.openHotspot('b')
    actions.goToStop(2)
    actions.openHotspot('f')
    expect(win.entries).toEqual([
      '?lang=en',
      '?tour=t&stop=first&lang=en',
      '?tour=t&stop=first&hotspot=b&lang=en',
      '?tour=t&stop=third&lang=en',
      '?tour=t&stop=third&hotspot=f&lang=en',
    ])
    win.go(-1)
    expect(where(store)).toMatchObject({ stop: 2, hotspot: null })
    win.go(-1)
    expect(where(store)).toMatchObject({ stop: 0, hotspot: 'b' })
    win.go(-1)
    expect(where(store)).toMatchObject({ tour: 't', stop: 0, hotspot: null })
    win.go(-1)
    expect(where(store).tour).toBeNull()
    win.go(+3)
    expect(where(store)).toMatchObject({ tour: 't', stop: 2, hotspot: null })
    // Moving through history adds no entries of its own.
    expect(win.entries).toHaveLength(5)
  })

  it('a language switch is not a place: it replaces the entry', () => {
    const { win, actions } = setup('?tour=t&lang=en')
    actions.setLanguage('fr')
    expect(win.entries).toEqual(['?tour=t&stop=first&lang=fr'])
  })

  it('Back keeps the language the visitor chose, and the URL says so', () => {
    const { store, win, actions } = setup('?tour=t&lang=en')
    actions.openHotspot('a')
    actions.setLanguage('fr')
    win.go(-1)
    expect(where(store)).toMatchObject({ hotspot: null, lang: 'fr' })
    expect(win.search).toBe('?tour=t&stop=first&lang=fr')
  })

  it('in replace mode (an embedded tour) the URL follows the state without adding entries', () => {
    const { win, actions } = setup('?mode=embed&tour=t', { history: 'replace' })
    actions.goToStop(1)
    actions.openHotspot('d')
    expect(win.entries).toEqual(['?mode=embed&tour=t&stop=second&hotspot=d&lang=en'])
  })

  it('stops following the store once stopped', () => {
    const { win, actions, stop } = setup('?tour=t')
    stop()
    actions.goToStop(1)
    expect(win.entries).toEqual(['?tour=t&stop=first&lang=en'])
  })
})
