/**
 * What a deep link (`?tour=...&stop=...`) starts at boot, in parallel, instead of one after the
 * other: the requested tour's document, the tour view and 3D code (src/entry.ts, app/early.ts),
 * and — as soon as the stop is known — its poster and low-detail proxy model (here). Without this, each waited for the previous one
 * (landing chunk → catalog and every tour document → 3D chunk → model), which on a slow mobile
 * network put the first stop frame seconds later than a plain three.js page showing the same
 * model. The requests are taken over by the code that needs them (content/prefetch.ts), so
 * nothing is downloaded twice, and a failure here is never reported: the normal path retries and
 * reports it.
 */
import { prefetch } from '../../core/content/prefetch'
import { assetUrl, modelUrls } from '../../core/content/urls'
import { selectStop } from '../../state/selectors'
import type { AppStore } from '../../state/store'

/**
 * When the first stop is known (the URL applied), start its poster and its first model: the proxy
 * when it has one. Only once, for the first stop the app opens.
 */
export function startFirstStop(store: AppStore, base: string) {
  const go = () => {
    const state = store.getState()
    const stop = selectStop(state)
    if (!stop) return false
    if (stop.poster) {
      const img = new Image()
      img.src = assetUrl(base, stop.poster)
    }
    if (state.settings.view === '3d' && state.webgl === 'ok')
      prefetch(modelUrls(base, stop).first, { priority: 'high' })
    return true
  }
  if (go()) return
  const unsubscribe = store.subscribe(() => {
    if (go()) unsubscribe()
  })
}

/**
 * Resolves when the other tours' documents may load without slowing the deep-linked stop: once its
 * first frame is drawn, or the visitor is on the landing page (which lists them), or after
 * `timeoutMs` (the 2D tour draws no 3D frame; a model may fail).
 */
export function afterFirstStop(store: AppStore, timeoutMs = 8000): Promise<void> {
  return new Promise((resolve) => {
    let observer: PerformanceObserver | null = null
    const done = () => {
      clearTimeout(timer)
      observer?.disconnect()
      unsubscribe()
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    const unsubscribe = store.subscribe((s, prev) => {
      if (prev.engine.tourId && !s.engine.tourId) done()
    })
    if (performance.getEntriesByName('portage:stop-frame').length) return done()
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('portage:stop-frame').length) done()
      })
      observer.observe({ type: 'mark' })
    } catch {
      // no PerformanceObserver for marks: the timeout decides
    }
  })
}
