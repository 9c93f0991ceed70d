/**
 * Visitors, one after the other: the attract loop between them, the visit, the idle countdown and
 * the reset that leaves nothing of the last visitor for the next. Every change of phase is a
 * transition of the idle machine (logic/idle.ts) with the configured timings, taken here and only
 * here; this module does what the transition's effect says.
 */
import { modelUrls } from '../../core/content/urls'
import { narrationActive } from '../../core/engine/tour-engine'
import { UI_LANGUAGES } from '../../core/i18n/i18n'
import { endXrSession } from '../../features/stage/stage-health'
import type { AppStore, ResetDefaults } from '../../state/store'
import { runAttract, type AttractRun } from './attract-runner'
import type { Disposer } from './disposer'
import type { KioskHeadsetPort } from './headset'
import { idleTiming, KIOSK_TIMING, visitorSnapshot, type KioskUi } from './kiosk-state'
import { attractScript } from './logic/attract-script'
import { idleStep, secondsLeft, type IdleEvent, type IdleState } from './logic/idle'
import type { Offline } from './offline'
import type { VisitStats } from './visit-stats'

/** Marks kept before the kiosk clears its own. */
const MARKS_KEPT = 500

export type ResetReason = 'idle' | 'visitor' | 'operator' | 'error'

export type VisitDeps = {
  store: AppStore
  base: string
  win: Window
  ui: KioskUi
  /** This part's own disposer. */
  d: Disposer
  /** The clock the idle machine runs on (ms, monotonic). */
  now: () => number
  stats: VisitStats
  log: (kind: 'config', message: string) => void
  headset?: KioskHeadsetPort
  /** The offline copy, once started. */
  offline: () => Offline | null
  /** After every reset, before the next visitor: close what the operator left open. */
  onReset: () => void
}

export type VisitLoop = ReturnType<typeof createVisit>

export function createVisit(deps: VisitDeps) {
  const { store, win, ui, d, now, stats } = deps
  const doc = win.document
  const perf = win.performance
  const set = ui.setState
  const phase = () => ui.getState().idle.phase
  let attract: AttractRun | null = null
  let defaults: ResetDefaults = {}
  /** True while a new version takes over: the page is covered, silent and makes no request. */
  let switching = false
  let initialSnapshot: unknown = null
  let lastResetSnapshot: unknown = null

  // The phase on <html>, for the kiosk's CSS: from the first paint, the page is the attract screen
  // (no flash of the landing page).
  const mirror = () => void (doc.documentElement.dataset['kioskPhase'] = phase())
  mirror()
  d.add(ui.subscribe((s, prev) => s.idle.phase !== prev.idle.phase && mirror()))

  /** The machine's new state, and the countdown's seconds it implies; nothing else writes them. */
  const commit = (idle: IdleState) => {
    const seconds = secondsLeft(idle, now())
    const current = ui.getState()
    if (idle !== current.idle || seconds !== current.secondsLeft) set({ idle, secondsLeft: seconds })
  }

  /** Feed the idle machine; do what it answers. */
  function transition(event: IdleEvent, cause: { language?: string; reason?: ResetReason } = {}) {
    // Stopped, or a new version taking over: the kiosk no longer moves.
    if (switching || d.disposed) return
    const before = ui.getState().idle
    const { state, effect } = idleStep(before, event, idleTiming(ui.getState().config))
    if (effect === 'reset') {
      reset(before, state, cause.reason ?? (event.type === 'end' ? 'visitor' : 'idle'))
      return
    }
    commit(state)
    if (effect === 'start-visit') void beginVisit(cause.language)
    if (effect === 'warn')
      perf.mark('portage:kiosk-warning', {
        detail: { lastInputAt: before.lastInputAt, warningEndsAt: state.warningEndsAt },
      })
    if (effect === 'extend') perf.mark('portage:kiosk-extend')
  }

  // ── attract loop ───────────────────────────────────────────────────────────
  const modelUrl = (tourId: string, stopIndex: number) => {
    const stop = store.getState().tours.get(tourId)?.stops[stopIndex]
    return stop ? modelUrls(deps.base, stop).full : undefined
  }
  /**
   * User Timing marks are kept by the browser until cleared: a kiosk that loops for weeks clears
   * its own (tools read them right after they are made).
   */
  const trimMarks = () => {
    if (perf.getEntriesByType('mark').length < MARKS_KEPT) return
    for (const name of new Set(perf.getEntriesByType('mark').map((m) => m.name)))
      if (name.startsWith('portage:') && name !== 'portage:ready') perf.clearMarks(name)
  }
  const stopAttract = () => {
    attract?.stop()
    attract = null
  }
  const startAttract = () => {
    stopAttract()
    if (d.disposed) return
    const { config, tours } = ui.getState()
    const list = tours.flatMap((id) => store.getState().tours.get(id) ?? [])
    attract = runAttract({
      store,
      steps: attractScript(list, config.attract),
      attract: config.attract,
      volume: config.volume,
      modelUrl,
      timers: d.timers,
      onStop: (step) => {
        set({
          attractAt: { tourId: step.tourId, stopIndex: step.stopIndex },
          stopChanges: ui.getState().stopChanges + 1,
        })
        trimMarks()
      },
      onMutedFallback: () =>
        deps.log(
          'config',
          'The browser refused audible narration without a touch; the attract loop is muted.',
        ),
    })
  }
  d.add(stopAttract)

  // ── visits and resets ──────────────────────────────────────────────────────
  /** Wait for React to draw the state just set (so a reset really unmounts the last visit's UI). */
  const nextFrame = () =>
    new Promise<void>((resolve) => {
      let cancelFrame = () => {}
      const done = () => {
        cancelSoon()
        cancelLate()
        cancelFrame()
        resolve()
      }
      const cancelSoon = d.timeout(() => (cancelFrame = d.frame(done)), 0)
      // A hidden page draws no frames: do not wait for one.
      const cancelLate = d.timeout(done, KIOSK_TIMING.frameWaitMs)
    })

  const resetStore = () => {
    store.getState().actions.reset(defaults)
    return visitorSnapshot(store.getState())
  }

  /** Everything a visitor may have changed outside the store. */
  const clearPage = () => {
    void endXrSession()
    // On a headset kiosk the next visitor starts from the default comfort settings too.
    deps.headset?.resetComfort()
    for (const dialog of doc.querySelectorAll('dialog[open]')) (dialog as HTMLDialogElement).close()
    const active = doc.activeElement
    if (active && 'blur' in active) (active as HTMLElement).blur()
    win.getSelection()?.removeAllRanges()
    win.scrollTo(0, 0)
  }

  async function beginVisit(language?: string) {
    const at = ui.getState().attractAt
    stopAttract()
    perf.mark('portage:kiosk-visit', { detail: { language: language ?? defaults.language } })
    const lang = language && UI_LANGUAGES.includes(language) ? language : defaults.language!
    stats.begin(Date.now(), lang)
    resetStore()
    if (lang !== defaults.language) store.getState().actions.setLanguage(lang)
    await nextFrame()
    if (phase() === 'attract') return // reset again meanwhile
    // The visit starts where the attract loop was, at that stop's overview.
    const tours = ui.getState().tours
    const tourId = at?.tourId ?? tours[0]
    const stop = tourId ? store.getState().tours.get(tourId)?.stops[at?.stopIndex ?? 0] : undefined
    if (tourId && (tours.length === 1 || at)) store.getState().actions.openTour(tourId, { stopId: stop?.id })
  }

  /** The visit ends: counted (or discarded), then everything back to the start. */
  function reset(before: IdleState, next: IdleState, reason: ResetReason) {
    stopAttract()
    // The visit lasted until the visitor's last sign, not until the countdown ran out.
    if (reason === 'idle' || reason === 'visitor') stats.lastSeen(Date.now() - (now() - before.lastInputAt))
    stats.finish(reason === 'operator')
    // A new version is applied now, while nobody is there, by a reload. First, before the reset
    // draws or loads anything, since no request may reach the service worker during the switch.
    if (deps.offline()?.hasUpdate()) void switchThenReset(next, reason)
    else void resetPage(next, reason)
  }

  async function switchThenReset(next: IdleState, reason: ResetReason) {
    const offline = deps.offline()!
    switching = true
    const root = doc.documentElement
    root.classList.add('kiosk-switching')
    for (const media of doc.querySelectorAll<HTMLMediaElement>('audio, video')) {
      media.pause()
      // An element still buffering would ask for its next bytes.
      media.removeAttribute('src')
      media.load()
    }
    if (await offline.applyUpdate()) return // the page reloads into the new version
    root.classList.remove('kiosk-switching')
    switching = false
    await resetPage(next, reason)
  }

  async function resetPage(next: IdleState, reason: ResetReason) {
    commit(next)
    deps.onReset()
    clearPage()
    lastResetSnapshot = resetStore()
    perf.mark('portage:kiosk-reset', { detail: { reason } })
    deps.offline()?.check()
    await nextFrame()
    if (phase() === 'attract' && !attract) startAttract()
  }

  return {
    transition,
    /** Start again from the attract loop, whatever the phase (an error, the operator). */
    restart(reason: 'operator' | 'error') {
      transition({ type: 'restart', now: now() }, { reason })
    },
    /** The operator opened the operator screen: nothing of the attract loop runs under it. */
    takeOver() {
      stopAttract()
      transition({ type: 'take-over', now: now() })
    },
    /** Ready for visitors: the store as each visitor will find it, and the attract loop. */
    start(visitorDefaults: ResetDefaults, playAttract: boolean) {
      defaults = visitorDefaults
      initialSnapshot = resetStore()
      lastResetSnapshot = initialSnapshot
      // A narration playing holds the idle clock (nobody is reset in the middle of a story).
      d.add(
        store.subscribe((s) =>
          transition({ type: 'hold', now: now(), held: narrationActive(s.engine.narration) }),
        ),
      )
      if (playAttract) startAttract()
    },
    /** The tours came late (after a retry): the attract loop starts if nobody is there. */
    toursArrived() {
      if (phase() === 'attract') startAttract()
    },
    /** A new version is taking over (the launcher skips its heartbeat meanwhile). */
    switching: () => switching,
    snapshots: () => ({ initial: initialSnapshot, lastReset: lastResetSnapshot }),
    modelUrl,
    stop: () => d.dispose(),
  }
}
