/**
 * Plays the attract script (logic/attract-script.ts) against the app store, in a loop, until
 * stopped: each stop's overview, then each story with its narration and captions, the stories'
 * languages in turn. It waits for what the visitor would wait for (the model, the narration's
 * end) so the loop paces itself on slow devices, with caps so nothing can hold it forever.
 */
import type { AppState, AppStore } from '../../state/store'
import { attractLanguage, type AttractStep } from './logic/attract-script'
import type { KioskConfig } from '../../core/kiosk/config'

/** Longest wait for a stop's model before its overview is shown anyway. */
const MODEL_WAIT_MS = 30_000

/** The clock the loop waits with (the kiosk passes its own, so stopping it provably clears them). */
export type AttractTimers = {
  setTimeout(fn: () => void, ms: number): number
  clearTimeout(id: number): void
}

const globalTimers: AttractTimers = {
  // A number in the browser; under Node (unit tests) an object, which clearTimeout takes back as is.
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
  clearTimeout: (id) => clearTimeout(id),
}

export type AttractOptions = {
  store: AppStore
  steps: readonly AttractStep[]
  attract: KioskConfig['attract']
  /** Narration volume when the attract loop is audible. */
  volume: number
  /** Model URL of a stop, to wait for it to load. */
  modelUrl: (tourId: string, stopIndex: number) => string | undefined
  /** Called each time the loop arrives at a stop. */
  onStop?: (step: Extract<AttractStep, { kind: 'stop' }>) => void
  /** Called once when audible narration was refused by the browser and the loop went muted. */
  onMutedFallback?: () => void
  /** @default the global setTimeout and clearTimeout */
  timers?: AttractTimers
}

export type AttractRun = { stop(): void; done: Promise<void> }

function sleep(timers: AttractTimers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      timers.clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = timers.setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}

/** Resolve true when `test` holds for the store, false after `ms` or when aborted. */
function waitFor(
  timers: AttractTimers,
  store: AppStore,
  test: (s: AppState) => boolean,
  ms: number,
  signal: AbortSignal,
) {
  return new Promise<boolean>((resolve) => {
    if (test(store.getState())) return resolve(true)
    if (signal.aborted) return resolve(false)
    const finish = (result: boolean) => {
      timers.clearTimeout(timer)
      unsubscribe()
      signal.removeEventListener('abort', onAbort)
      resolve(result)
    }
    const onAbort = () => finish(false)
    const timer = timers.setTimeout(() => finish(false), ms)
    const unsubscribe = store.subscribe((s) => test(s) && finish(true))
    signal.addEventListener('abort', onAbort)
  })
}

export function runAttract(options: AttractOptions): AttractRun {
  const { store, steps, attract, timers = globalTimers } = options
  const controller = new AbortController()
  const signal = controller.signal
  const actions = () => store.getState().actions
  let muted = attract.narration === 'muted'
  let stories = 0

  const showStop = async (step: Extract<AttractStep, { kind: 'stop' }>) => {
    const { engine } = store.getState()
    if (engine.tourId !== step.tourId) actions().openTour(step.tourId, { stopId: step.stopId })
    else if (engine.stopIndex !== step.stopIndex) actions().goToStop(step.stopIndex)
    else {
      // A tour of one stop: back to its overview.
      actions().closeHotspot()
      actions().resetView()
    }
    options.onStop?.(step)
    const url = options.modelUrl(step.tourId, step.stopIndex)
    if (url)
      await waitFor(
        timers,
        store,
        (s) => (s.models[url]?.status ?? 'loading') !== 'loading',
        MODEL_WAIT_MS,
        signal,
      )
    await sleep(timers, step.dwellMs, signal)
  }

  const showStory = async (step: Extract<AttractStep, { kind: 'hotspot' }>) => {
    actions().setLanguage(attractLanguage(stories++, attract.languages, step.tourLanguages))
    const started = performance.now()
    actions().openHotspot(step.hotspotId)
    const left = () => Math.max(0, step.maxMs - (performance.now() - started))
    for (;;) {
      const settled = await waitFor(
        timers,
        store,
        (s) =>
          s.engine.hotspotId !== step.hotspotId ||
          ['ended', 'error', 'paused'].includes(s.engine.narration.status),
        left(),
        signal,
      )
      if (!settled || signal.aborted) break
      const { engine } = store.getState()
      // The browser refused audible narration without a gesture: go on muted (captions still run).
      if (engine.hotspotId === step.hotspotId && engine.narration.status === 'paused' && !muted) {
        muted = true
        actions().setSettings({ volume: 0 })
        options.onMutedFallback?.()
        actions().playNarration()
        continue
      }
      break
    }
    await sleep(timers, Math.max(0, step.minMs - (performance.now() - started)), signal)
    if (signal.aborted) return
    actions().closeHotspot()
    await sleep(timers, step.pauseMs, signal)
  }

  const done = (async () => {
    if (steps.length === 0) return
    actions().setSettings({ volume: muted ? 0 : options.volume, autoplay: true, captions: true })
    while (!signal.aborted) {
      for (const step of steps) {
        if (signal.aborted) break
        if (step.kind === 'stop') await showStop(step)
        else await showStory(step)
      }
    }
  })()

  return { stop: () => controller.abort(), done }
}
