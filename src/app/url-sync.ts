/**
 * The URL is the address of a state: `?tour=&stop=&hotspot=&lang=`. Opening a URL opens that
 * state (or the nearest valid one, with a notice); moving through the tour updates the URL, with a
 * history entry per stop or hotspot so Back and Forward retrace the visit. Other parameters
 * (mode, diagnostics, ...) are kept as they are.
 */
import { UI_LANGUAGES } from '../i18n/i18n'
import { selectStop } from '../store/selectors'
import type { AppState, AppStore } from '../store/store'

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

function applySearch(store: AppStore, search: string) {
  const params = new URLSearchParams(search)
  const { actions } = store.getState()
  const lang = params.get('lang')
  if (lang && UI_LANGUAGES.includes(lang)) actions.setLanguage(lang)
  else if (lang) actions.notify('notice.unknown-lang', { value: lang })
  actions.applyLocation({
    tour: params.get('tour'),
    stop: params.get('stop'),
    hotspot: params.get('hotspot'),
  })
}

export function startUrlSync(store: AppStore, win: Window = window): () => void {
  applySearch(store, win.location.search)
  win.history.replaceState(
    null,
    '',
    stateToSearch(store.getState(), win.location.search) || win.location.pathname,
  )
  let applying = false
  const onPop = () => {
    applying = true
    applySearch(store, win.location.search)
    applying = false
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
    if (moved) win.history.pushState(null, '', next)
    else win.history.replaceState(null, '', next)
  })
  return () => {
    win.removeEventListener('popstate', onPop)
    unsubscribe()
  }
}
