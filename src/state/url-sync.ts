/**
 * The URL is the address of a state: `?tour=&stop=&hotspot=&lang=`. Opening a URL opens that
 * state (or the nearest valid one, with a notice); moving through the tour updates the URL, with a
 * history entry per stop or hotspot so Back and Forward retrace the visit. Other parameters
 * (mode, diagnostics, ...) are kept as they are.
 */
import { UI_LANGUAGES } from '../core/i18n/i18n'
import { linkNotice } from '../core/links/link-value'
import { selectStop } from './selectors'
import type { AppState, AppStore } from './store'

export const STATE_PARAMS = ['tour', 'stop', 'hotspot', 'lang'] as const

export function stateToSearch(s: AppState, current: string): string {
  const params = new URLSearchParams(current)
  for (const p of STATE_PARAMS) params.delete(p)
  const stop = selectStop(s)
  if (s.engine.tourId) params.set('tour', s.engine.tourId)
  if (stop) params.set('stop', stop.id)
  if (s.engine.hotspotId) params.set('hotspot', s.engine.hotspotId)
  params.set('lang', s.engine.language)
  const out = params.toString()
  return out ? `?${out}` : ''
}

function applySearch(store: AppStore, search: string, { language = true } = {}) {
  const params = new URLSearchParams(search)
  const { actions } = store.getState()
  const lang = params.get('lang')
  if (!language) {
    // Back and Forward move between places; the language stays the one the visitor chose last.
  } else if (lang && UI_LANGUAGES.includes(lang)) actions.setLanguage(lang)
  else if (lang) {
    // Quoted back only if it looks like a language tag (core/links/link-value.ts).
    const notice = linkNotice('notice.unknown-lang', lang)
    actions.notify(notice.key, notice.vars)
  }
  actions.applyLocation({
    tour: params.get('tour'),
    stop: params.get('stop'),
    hotspot: params.get('hotspot'),
  })
}

export type UrlSyncOptions = {
  /**
   * `push`: a history entry per place, so Back and Forward retrace the visit. `replace`: the URL
   * follows the state without adding entries — for an embedded tour, whose entries would otherwise
   * land in the host page's history and make its Back button step through the tour.
   * @default 'push'
   */
  history?: 'push' | 'replace'
}

/** The window parts URL sync uses (a fake one in unit tests). */
export type UrlWindow = Pick<Window, 'location' | 'history' | 'addEventListener' | 'removeEventListener'>

export function startUrlSync(
  store: AppStore,
  win: UrlWindow = window,
  options: UrlSyncOptions = {},
): () => void {
  // The URL always shows the state actually reached (the nearest valid one for a stale link).
  const normalize = () =>
    win.history.replaceState(
      null,
      '',
      stateToSearch(store.getState(), win.location.search) || win.location.pathname,
    )
  applySearch(store, win.location.search)
  normalize()
  let applying = false
  const onPop = () => {
    applying = true
    applySearch(store, win.location.search, { language: false })
    applying = false
    if (stateToSearch(store.getState(), win.location.search) !== win.location.search) normalize()
  }
  win.addEventListener('popstate', onPop)
  const unsubscribe = store.subscribe((s, prev) => {
    if (applying) return
    const next = stateToSearch(s, win.location.search)
    if (next === win.location.search) return
    // A language switch is not a place: it replaces the entry rather than adding one.
    const moved =
      s.engine.tourId !== prev.engine.tourId ||
      s.engine.stopIndex !== prev.engine.stopIndex ||
      s.engine.hotspotId !== prev.engine.hotspotId
    if (moved && options.history !== 'replace') win.history.pushState(null, '', next)
    else win.history.replaceState(null, '', next)
  })
  return () => {
    win.removeEventListener('popstate', onPop)
    unsubscribe()
  }
}
