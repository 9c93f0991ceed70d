/**
 * The kiosk, running: it loads the configuration, drives the attract loop, the idle timer and the
 * reset between visitors, counts visits, keeps the 3D view alive and the app offline-ready. It
 * binds the pure logic in ./logic to the app store, the DOM and the clock; the components in this
 * folder only show its state (a small store of the kiosk's own) and call its methods.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import { assetUrl } from '../../core/content/catalog'
import { t as translate, UI_LANGUAGES } from '../../core/i18n/i18n'
import {
  endXrSession,
  restartFrameLoop,
  restoreContext,
  stageHealth,
  xrSession,
} from '../../features/stage/stage-health'
import type { AppState, AppStore, ResetDefaults } from '../../state/store'
import { DEFAULT_COMFORT } from '../xr/comfort'
import { xrModeStore } from '../xr/xr-mode-store'
import { runAttract, type AttractRun } from './attract-runner'
import { appendLog, readLog, readStored, STORAGE_KEYS, writeStored, type LogEntry } from './device-storage'
import { connectLauncher, type LauncherLink } from './launcher-link'
import { installLockdown } from './lockdown'
import { attractScript } from './logic/attract-script'
import {
  DEFAULT_KIOSK_CONFIG,
  KIOSK_CONFIG_PATH,
  parseKioskConfig,
  resolveKioskTours,
  type ConfigIssue,
  type KioskConfig,
} from './logic/config'
import { idleStep, initialIdleState, secondsLeft, type IdleEvent, type IdlePhase } from './logic/idle'
import { gestureTap, initialGesture, isOperatorShortcut } from './logic/operator-gesture'
import { initialPinGuard, pinAttempt, type PinGuard } from './logic/pin'
import {
  discardVisit,
  emptyStats,
  endVisit as endStatsVisit,
  parseStats,
  parseVisit,
  recordVisitEvent,
  startVisit as startStatsVisit,
  touchVisit,
  type KioskStats,
  type Visit,
  type VisitEvent,
} from './logic/stats'
import { initialWatchdog, nextReloadAt, watchdogStep, WATCHDOG } from './logic/watchdog'
import { startOffline, type Offline, type OfflineStatus } from './offline'

/** Timing of the kiosk's own loops, as data. */
export const KIOSK_TIMING = {
  /** Idle clock resolution (ms): the countdown shows whole seconds. */
  tickMs: 250,
  /** A mouse must move this far (px) to count as someone there (a nudged table is not a visitor). */
  mouseSlopPx: 12,
  /** The PIN pad closes after this long untouched (ms). */
  pinIdleMs: 30_000,
  /** The start report (configuration problems) shows this long, or until the first visitor. */
  reportMs: 60_000,
  /** When no tour could be loaded, try again this often (ms). */
  catalogRetryMs: 30_000,
  /** Uncaught errors within a minute that make the kiosk reload rather than just reset. */
  errorsBeforeReload: 5,
  /** Save the visit in progress at most this often on input alone (ms). */
  visitSaveMs: 5000,
} as const

export type Overlay = 'none' | 'pin' | 'operator'

export type KioskState = {
  phase: IdlePhase
  secondsLeft: number
  overlay: Overlay
  config: KioskConfig
  issues: ConfigIssue[]
  /** The configuration report is on screen (at start, until the first visitor). */
  reportVisible: boolean
  /** Tours this kiosk offers, in order. */
  tours: string[]
  /** No tour could be loaded: the kiosk shows an apology and retries. */
  unavailable: boolean
  offline: OfflineStatus
  launcher: boolean
  log: LogEntry[]
  stats: KioskStats
  pin: PinGuard
  pinResult: 'none' | 'wrong' | 'locked'
  startedAt: number
  /** Where the attract loop is, for the attract screen. */
  attractAt: { tourId: string; stopIndex: number } | null
  /** Stops the attract loop has shown since the page loaded (the soak benchmark counts them). */
  stopChanges: number
  /** Started: configuration read, tours loaded, inputs listened to. */
  ready: boolean
}

/** The part of the app store a visitor can change, as plain JSON (to compare states). */
export function visitorSnapshot(s: AppState) {
  return JSON.parse(
    JSON.stringify({
      engine: s.engine,
      settings: s.settings,
      notices: s.notices,
      dialog: s.dialog,
      highlightedHotspot: s.highlightedHotspot,
      viewResetCount: s.viewResetCount,
      tours: [...s.tours.keys()],
      catalog: s.catalog.entries.map((e) => e.id),
    }),
  ) as unknown
}

type Deps = { store: AppStore; base: string; win?: Window }

/** Marks kept before the kiosk clears its own. */
const MARKS_KEPT = 500

export type KioskController = ReturnType<typeof createKioskController>

/** The kiosk's own messages (invitation, countdown) are in both official languages at once. */
const LANGUAGES = ['en', 'fr'] as const

export function createKioskController({ store, base, win = window }: Deps) {
  const now = () => performance.now()
  const raf = win.requestAnimationFrame.bind(win)
  const ui: StoreApi<KioskState> = createStore<KioskState>()(() => ({
    phase: 'attract',
    secondsLeft: 0,
    overlay: 'none',
    config: DEFAULT_KIOSK_CONFIG,
    issues: [],
    reportVisible: false,
    tours: [],
    unavailable: false,
    offline: { state: 'installing', updateWaiting: false },
    launcher: false,
    log: readLog(),
    stats: parseStats(readStored(STORAGE_KEYS.stats)),
    pin: initialPinGuard(),
    pinResult: 'none',
    startedAt: Date.now(),
    attractAt: null,
    stopChanges: 0,
    ready: false,
  }))
  const set = (patch: Partial<KioskState>) => ui.setState(patch)
  // From the first paint, the page is the attract screen (no flash of the landing page).
  win.document.documentElement.dataset['kioskPhase'] = 'attract'
  const log = (kind: LogEntry['kind'], message: string) => {
    set({ log: appendLog({ at: Date.now(), kind, message }) })
    if (kind === 'error') console.error(`[kiosk] ${message}`)
    else console.info(`[kiosk] ${message}`)
  }

  let idle = initialIdleState()
  let attract: AttractRun | null = null
  let visit: Visit | null = parseVisit(readStored(STORAGE_KEYS.visit))
  let visitSavedAt = 0
  let offline: Offline | null = null
  let launcher: LauncherLink | null = null
  let defaults: ResetDefaults = {}
  let initialSnapshot: unknown = null
  let lastResetSnapshot: unknown = null
  let watchdog = initialWatchdog(now())
  let errors: number[] = []
  let pinTimer = 0
  let started = false
  const cleanups: (() => void)[] = []

  // The countdown, for a visitor in the headset too (who cannot see the page): an in-world notice.
  const syncXrNotice = (state: KioskState) => {
    const notice =
      state.phase === 'warning'
        ? {
            heading: LANGUAGES.map((lang) => ({ lang, text: translate(lang, 'kiosk.stillThere') })),
            body: LANGUAGES.map((lang) => ({ lang, text: translate(lang, 'kiosk.vrToContinue') })),
            count: state.secondsLeft,
          }
        : null
    const current = xrModeStore.getState().notice
    if (notice?.count !== current?.count || !notice !== !current)
      xrModeStore.getState().actions.setNotice(notice)
  }
  cleanups.push(
    ui.subscribe((state, prev) => {
      if (state.phase !== prev.phase || state.secondsLeft !== prev.secondsLeft) syncXrNotice(state)
    }),
  )

  // ── statistics ─────────────────────────────────────────────────────────────
  const saveStats = (stats: KioskStats) => {
    set({ stats })
    writeStored(STORAGE_KEYS.stats, JSON.stringify(stats))
  }
  const saveVisit = () => {
    visitSavedAt = Date.now()
    writeStored(STORAGE_KEYS.visit, visit ? JSON.stringify(visit) : null)
  }
  const recordEvent = (event: VisitEvent) => {
    if (!visit) return
    visit = recordVisitEvent(touchVisit(visit, Date.now()), event)
    saveVisit()
  }
  const finishVisit = (discard: boolean) => {
    if (!visit) return
    saveStats(discard ? discardVisit(ui.getState().stats, visit) : endStatsVisit(ui.getState().stats, visit))
    visit = null
    saveVisit()
  }

  // ── attract loop ───────────────────────────────────────────────────────────
  const modelUrl = (tourId: string, stopIndex: number) => {
    const stop = store.getState().tours.get(tourId)?.stops[stopIndex]
    return stop ? assetUrl(base, stop.model.src) : undefined
  }
  const startAttract = () => {
    attract?.stop()
    const { config, tours } = ui.getState()
    const list = tours.flatMap((id) => store.getState().tours.get(id) ?? [])
    attract = runAttract({
      store,
      steps: attractScript(list, config.attract),
      attract: config.attract,
      volume: config.volume,
      modelUrl,
      onStop: (step) => {
        set({
          attractAt: { tourId: step.tourId, stopIndex: step.stopIndex },
          stopChanges: ui.getState().stopChanges + 1,
        })
        trimMarks()
      },
      onMutedFallback: () =>
        log('config', 'The browser refused audible narration without a touch; the attract loop is muted.'),
    })
  }
  /**
   * User Timing marks are kept by the browser until cleared: a kiosk that loops for weeks clears
   * its own (tools read them right after they are made).
   */
  const trimMarks = () => {
    if (performance.getEntriesByType('mark').length < MARKS_KEPT) return
    for (const name of new Set(performance.getEntriesByType('mark').map((m) => m.name)))
      if (name.startsWith('portage:') && name !== 'portage:ready') performance.clearMarks(name)
  }
  const stopAttract = () => {
    attract?.stop()
    attract = null
  }

  // ── visits and resets ──────────────────────────────────────────────────────
  /** Wait for React to draw the state just set (so a reset really unmounts the last visit's UI). */
  const nextFrame = () =>
    new Promise<void>((resolve) => {
      setTimeout(() => raf(() => resolve()), 0)
      // A hidden page draws no frames: do not wait for one.
      setTimeout(resolve, 250)
    })

  const setPhase = (phase: IdlePhase) => {
    set({ phase, secondsLeft: secondsLeft(idle, now()) })
    win.document.documentElement.dataset['kioskPhase'] = phase
  }

  /** Everything a visitor may have changed outside the store. */
  const clearPage = () => {
    void endXrSession()
    // On a headset kiosk the next visitor starts from the default comfort settings too.
    xrModeStore.getState().actions.setComfort(DEFAULT_COMFORT)
    for (const dialog of win.document.querySelectorAll('dialog[open]')) (dialog as HTMLDialogElement).close()
    const active = win.document.activeElement
    if (active instanceof HTMLElement) active.blur()
    win.getSelection()?.removeAllRanges()
    win.scrollTo(0, 0)
  }

  /** True while a new version takes over: the page is covered, silent and makes no request. */
  let switching = false
  const applyUpdateQuietly = async () => {
    if (!offline) return false
    switching = true
    const root = win.document.documentElement
    root.classList.add('kiosk-switching')
    for (const media of win.document.querySelectorAll<HTMLMediaElement>('audio, video')) {
      media.pause()
      // An element still buffering would ask for its next bytes.
      media.removeAttribute('src')
      media.load()
    }
    const reloading = await offline.applyUpdate()
    if (!reloading) {
      root.classList.remove('kiosk-switching')
      switching = false
    }
    return reloading
  }

  const resetStore = () => {
    store.getState().actions.reset(defaults)
    return visitorSnapshot(store.getState())
  }

  const beginVisit = async (language?: string) => {
    const at = ui.getState().attractAt
    stopAttract()
    set({ reportVisible: false, overlay: ui.getState().overlay === 'pin' ? 'pin' : 'none' })
    setPhase('visit')
    performance.mark('portage:kiosk-visit', { detail: { language: language ?? defaults.language } })
    const lang = language && UI_LANGUAGES.includes(language) ? language : defaults.language!
    const started = startStatsVisit(ui.getState().stats, Date.now(), lang)
    saveStats(started.stats)
    visit = started.visit
    saveVisit()
    resetStore()
    if (lang !== defaults.language) store.getState().actions.setLanguage(lang)
    await nextFrame()
    if (idle.phase === 'attract') return // reset again meanwhile
    // The visit starts where the attract loop was, at that stop's overview.
    const tours = ui.getState().tours
    const tourId = at?.tourId ?? tours[0]
    const stop = tourId ? store.getState().tours.get(tourId)?.stops[at?.stopIndex ?? 0] : undefined
    if (tourId && tours.length === 1) store.getState().actions.openTour(tourId, { stopId: stop?.id })
    else if (tourId && at) store.getState().actions.openTour(tourId, { stopId: stop?.id })
  }

  /** End the visit: everything back to the start, then the attract loop. */
  const resetKiosk = async (reason: 'idle' | 'visitor' | 'operator' | 'error') => {
    stopAttract()
    finishVisit(reason === 'operator')
    // A new version is applied now, while nobody is there, by a reload. First, before the reset
    // draws or loads anything, since no request may reach the service worker during the switch.
    if (offline?.hasUpdate() && (await applyUpdateQuietly())) return
    set({ overlay: 'none', pinResult: 'none', secondsLeft: 0 })
    setPhase('attract')
    clearPage()
    lastResetSnapshot = resetStore()
    performance.mark('portage:kiosk-reset', { detail: { reason } })
    offline?.check()
    await nextFrame()
    if (idle.phase === 'attract' && !attract) startAttract()
  }

  const feed = (event: IdleEvent) => {
    const before = idle
    const { state, effect } = idleStep(idle, event, {
      idleTimeoutMs: ui.getState().config.idleTimeoutSeconds * 1000,
      warningMs: ui.getState().config.warningSeconds * 1000,
    })
    idle = state
    switch (effect) {
      case 'start-visit':
        void beginVisit()
        break
      case 'warn':
        setPhase('warning')
        performance.mark('portage:kiosk-warning', {
          detail: { lastInputAt: before.lastInputAt, warningEndsAt: idle.warningEndsAt },
        })
        break
      case 'extend':
        setPhase('visit')
        performance.mark('portage:kiosk-extend')
        break
      case 'reset':
        if (visit) visit = touchVisit(visit, Date.now() - (now() - before.lastInputAt))
        void resetKiosk(event.type === 'end' ? 'visitor' : 'idle')
        break
      default: {
        const left = secondsLeft(idle, now())
        if (left !== ui.getState().secondsLeft) set({ secondsLeft: left })
      }
    }
  }

  // ── input ──────────────────────────────────────────────────────────────────
  let gesture = initialGesture()
  let mouseFrom: { x: number; y: number } | null = null
  const onInput = (e: Event) => {
    if (!started) return
    const t = now()
    if (e.type === 'pointerdown' && e instanceof PointerEvent) {
      // When the touch happened (not when a busy page got to it).
      const g = gestureTap(gesture, { x: e.clientX, y: e.clientY, now: e.timeStamp })
      gesture = g.state
      if (g.open) openPin()
    }
    if (e.type === 'pointermove' && e instanceof PointerEvent && e.pointerType === 'mouse') {
      if (!mouseFrom) mouseFrom = { x: e.clientX, y: e.clientY }
      if (Math.hypot(e.clientX - mouseFrom.x, e.clientY - mouseFrom.y) < KIOSK_TIMING.mouseSlopPx) return
      mouseFrom = { x: e.clientX, y: e.clientY }
    }
    if (e.type === 'keydown' && e instanceof KeyboardEvent && isOperatorShortcut(e)) {
      e.preventDefault()
      openPin()
      return
    }
    const overlay = ui.getState().overlay
    if (overlay === 'pin') armPinTimer()
    // During the countdown, touches are the countdown's: it tells "still here" from "end visit".
    if (idle.phase === 'warning' && (e.type.startsWith('pointer') || e.type === 'touchstart')) return
    if (idle.phase === 'attract') {
      // In the attract loop, touches and clicks are taken by the invitation (which picks the
      // language); keys start a visit here. Nothing reaches the tour under the attract screen.
      if (e.type === 'keydown' && overlay === 'none') {
        e.preventDefault()
        e.stopImmediatePropagation()
        feed({ type: 'input', now: t })
      }
      return
    }
    if (visit && Date.now() - visitSavedAt > KIOSK_TIMING.visitSaveMs) {
      visit = touchVisit(visit, Date.now())
      saveVisit()
    }
    feed({ type: 'input', now: t })
  }

  /** Gamepads (a controller on a PC kiosk) and XR controllers count as input too. */
  let session: XRSession | null = null
  const onXrInput = () => feed({ type: 'input', now: now() })
  const pollControllers = () => {
    const pads = win.navigator.getGamepads?.() ?? []
    if (pads.some((p) => p?.buttons.some((b) => b.pressed)) && ui.getState().overlay === 'none')
      feed({ type: 'input', now: now() })
    const current = xrSession()
    if (current !== session) {
      for (const type of ['selectstart', 'squeezestart'] as const) {
        session?.removeEventListener(type, onXrInput)
        current?.addEventListener(type, onXrInput)
      }
      session = current
    }
  }

  // ── operator ───────────────────────────────────────────────────────────────
  const armPinTimer = () => {
    clearTimeout(pinTimer)
    pinTimer = win.setTimeout(() => {
      if (ui.getState().overlay === 'pin') set({ overlay: 'none', pinResult: 'none' })
    }, KIOSK_TIMING.pinIdleMs)
  }
  const openPin = () => {
    if (ui.getState().overlay !== 'none') return
    set({ overlay: 'pin', pinResult: 'none' })
    armPinTimer()
  }

  // ── self-healing ───────────────────────────────────────────────────────────
  const reloadPage = (reason: string, faultAt: number) => {
    const history = JSON.parse(readStored(STORAGE_KEYS.reloads) ?? '[]') as number[]
    const at = nextReloadAt(Array.isArray(history) ? history : [], Date.now())
    const go = () => {
      writeStored(STORAGE_KEYS.reloads, JSON.stringify([...history, Date.now()].slice(-10)))
      writeStored(STORAGE_KEYS.recovery, JSON.stringify({ reason, faultAt, reloadAt: Date.now() }), 'session')
      log('reload', `Reloading: ${reason}`)
      finishVisit(false)
      win.location.reload()
    }
    if (at <= Date.now()) go()
    else {
      log(
        'reload',
        `Reload for "${reason}" postponed ${Math.round((at - Date.now()) / 1000)} s (too many reloads)`,
      )
      win.setTimeout(go, at - Date.now())
    }
  }
  let reloading = false
  // The page's own animation frames, counted with the browser's requestAnimationFrame as it was
  // at start (so a broken or replaced one elsewhere cannot hide a stall from the watchdog).
  let pageFrames = 0
  let counting = true
  const countPageFrame = () => {
    pageFrames++
    if (counting) raf(countPageFrame)
  }
  const checkHealth = () => {
    const h = stageHealth()
    const o = {
      now: now(),
      frames: h.frames,
      pageFrames,
      contextLost: h.contextLost,
      // Frames are expected once the 3D view has drawn at all, while it is on a visible page.
      expectFrames:
        win.document.visibilityState === 'visible' &&
        h.attached &&
        h.frames > 0 &&
        store.getState().engine.tourId !== null,
    }
    const { state, action } = watchdogStep(watchdog, o)
    const fault = watchdog.fault ?? state.fault
    const faultSince = state.faultSince || watchdog.faultSince
    watchdog = state
    if (!action || reloading) return
    const what = fault === 'context-lost' ? 'the WebGL context was lost' : 'the 3D view stopped drawing'
    if (action === 'restart-loop') restartFrameLoop()
    if (action === 'restore-context' && !restoreContext()) log('recovery', `${what}; waiting for the browser`)
    if (action === 'recovered') {
      log('recovery', `The 3D view recovered (${what}).`)
      performance.mark('portage:kiosk-recovered', { detail: { fault } })
    }
    if (action === 'reload') {
      reloading = true
      reloadPage(what, Date.now() - (now() - faultSince))
    }
  }

  const onError = (message: string) => {
    const t = Date.now()
    errors = [...errors.filter((e) => t - e < 60_000), t]
    log('error', `Uncaught error: ${message}`)
    if (errors.length >= KIOSK_TIMING.errorsBeforeReload) {
      reloadPage('repeated errors', t)
      return
    }
    // Back to the attract loop: a fresh start, whatever state the error left behind.
    idle = initialIdleState()
    void resetKiosk('error')
  }

  // ── start ──────────────────────────────────────────────────────────────────
  async function loadConfig() {
    let text: string | null = null
    try {
      const res = await fetch(`${base}${KIOSK_CONFIG_PATH}`, { cache: 'no-cache' })
      if (res.ok) text = await res.text()
    } catch {
      text = null
    }
    return parseKioskConfig(text, { languages: UI_LANGUAGES })
  }

  function applyCatalog(config: KioskConfig, configIssues: ConfigIssue[]) {
    const { catalog } = store.getState()
    const loaded = catalog.entries.map((e) => ({ id: e.id, ok: e.status === 'ok' }))
    const { tours, issues } = resolveKioskTours(config.tours, loaded)
    store.getState().actions.limitTours(tours)
    const all = [...configIssues, ...issues]
    set({ tours, issues: all, unavailable: tours.length === 0, reportVisible: all.length > 0 })
    return all
  }

  async function start() {
    const parsed = await loadConfig()
    const config = parsed.config
    defaults = { language: config.language, settings: { volume: config.volume } }
    set({ config })
    const issues = applyCatalog(config, parsed.issues)
    for (const i of issues)
      console.warn(`[kiosk] ${KIOSK_CONFIG_PATH}${i.path ? ` ${i.path}` : ''}: ${i.message}`)
    log(
      'start',
      `Kiosk started: ${ui.getState().tours.join(', ') || 'no tour'}; ${issues.length} configuration note(s).`,
    )

    // A visit cut short by a reload or a crash is counted with what it did.
    if (visit) finishVisit(false)
    const recovery = readStored(STORAGE_KEYS.recovery, 'session')
    if (recovery) {
      writeStored(STORAGE_KEYS.recovery, null, 'session')
      try {
        const r = JSON.parse(recovery) as { reason: string; faultAt: number; reloadAt: number }
        log('recovery', `Reloaded ${((r.reloadAt - r.faultAt) / 1000).toFixed(1)} s after: ${r.reason}.`)
        performance.mark('portage:kiosk-reloaded', { detail: r })
      } catch {
        // an unreadable note is not worth stopping for
      }
    }

    initialSnapshot = resetStore()
    lastResetSnapshot = initialSnapshot
    setPhase('attract')
    started = true
    set({ ready: true })

    if (ui.getState().unavailable) {
      const retry = win.setInterval(async () => {
        await store.getState().actions.loadCatalog(base)
        applyCatalog(config, parsed.issues)
        if (!ui.getState().unavailable) {
          win.clearInterval(retry)
          log('start', 'Tours loaded after a retry.')
          if (idle.phase === 'attract') startAttract()
        }
      }, KIOSK_TIMING.catalogRetryMs)
      cleanups.push(() => win.clearInterval(retry))
    } else startAttract()

    win.setTimeout(() => set({ reportVisible: false }), KIOSK_TIMING.reportMs)

    // Input, idle clock, narration hold, statistics.
    const inputs = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const
    for (const type of inputs) win.addEventListener(type, onInput, { capture: true, passive: false })
    cleanups.push(() => inputs.forEach((type) => win.removeEventListener(type, onInput, { capture: true })))
    const tick = win.setInterval(() => {
      pollControllers()
      feed({ type: 'tick', now: now() })
    }, KIOSK_TIMING.tickMs)
    const health = win.setInterval(checkHealth, WATCHDOG.intervalMs)
    raf(countPageFrame)
    cleanups.push(() => {
      counting = false
      win.clearInterval(tick)
      win.clearInterval(health)
    })
    cleanups.push(
      store.subscribe((s, prev) => {
        const playing = s.engine.narration.status === 'playing' || s.engine.narration.status === 'loading'
        if (idle.phase !== 'attract') feed({ type: 'hold', now: now(), held: playing })
        if (!visit || idle.phase === 'attract') return
        const e = s.engine
        const p = prev.engine
        if (e.tourId && e.tourId !== p.tourId) recordEvent({ type: 'tour', tourId: e.tourId })
        if (e.tourId && (e.tourId !== p.tourId || e.stopIndex !== p.stopIndex)) {
          const stop = s.tours.get(e.tourId)?.stops[e.stopIndex]
          if (stop) recordEvent({ type: 'stop', tourId: e.tourId, stopId: stop.id })
        }
        if (e.tourId && e.hotspotId && e.hotspotId !== p.hotspotId)
          recordEvent({ type: 'hotspot', tourId: e.tourId, hotspotId: e.hotspotId })
        if (e.language !== p.language) recordEvent({ type: 'language', language: e.language })
      }),
    )

    const onError_ = (e: ErrorEvent) => onError(e.message || String(e.error))
    const onRejection = (e: PromiseRejectionEvent) =>
      onError(e.reason instanceof Error ? e.reason.message : String(e.reason))
    win.addEventListener('error', onError_)
    win.addEventListener('unhandledrejection', onRejection)
    cleanups.push(() => {
      win.removeEventListener('error', onError_)
      win.removeEventListener('unhandledrejection', onRejection)
    })

    offline = startOffline(
      (s) => set({ offline: s }),
      (m) => log('update', m),
      () => idle.phase === 'attract',
    )
    launcher = await connectLauncher(() => (switching ? null : idle.phase))
    set({ launcher: launcher.present })
  }

  return {
    ui,
    start,
    /** The invitation was touched: start a visit, in that language if one was chosen. */
    touchToBegin(language?: string) {
      if (!started || idle.phase !== 'attract') return
      idle = idleStep(idle, { type: 'input', now: now() }, { idleTimeoutMs: 0, warningMs: 0 }).state
      void beginVisit(language)
    },
    /** The visitor answered the countdown. */
    stillHere() {
      feed({ type: 'input', now: now() })
    },
    /** The visitor's "End visit". */
    endVisit() {
      feed({ type: 'end', now: now() })
    },
    /** A React render error caught by the kiosk's boundary. */
    renderError(error: Error) {
      onError(error.message)
    },
    enterPin(pin: string) {
      const { guard, result } = pinAttempt(
        ui.getState().pin,
        pin,
        ui.getState().config.operatorPin,
        Date.now(),
      )
      set({ pin: guard, pinResult: result === 'ok' ? 'none' : result })
      if (result !== 'ok') {
        armPinTimer()
        return result
      }
      clearTimeout(pinTimer)
      // The operator's time at the kiosk is not a visit.
      finishVisit(true)
      stopAttract()
      if (idle.phase === 'attract')
        idle = { ...initialIdleState(), phase: 'visit', lastInputAt: now(), visitStartedAt: now() }
      setPhase(idle.phase)
      set({ overlay: 'operator', reportVisible: false })
      log('operator', 'Operator screen opened.')
      return result
    },
    closeOverlay() {
      const wasOperator = ui.getState().overlay === 'operator'
      set({ overlay: 'none', pinResult: 'none' })
      if (wasOperator) {
        idle = initialIdleState()
        void resetKiosk('operator')
      }
    },
    reload() {
      log('operator', 'Reload asked by the operator.')
      win.location.reload()
    },
    /** The operator's "Apply the new version now": ends the visit and reloads into it. */
    applyUpdate() {
      set({ overlay: 'none', pinResult: 'none' })
      idle = initialIdleState()
      void resetKiosk('operator')
    },
    checkForUpdate() {
      offline?.check()
    },
    clearStats() {
      saveStats(emptyStats())
      log('operator', 'Statistics cleared.')
    },
    async quitLauncher() {
      log('operator', 'Kiosk closed by the operator.')
      return (await launcher?.quit()) ?? false
    },
    exitKiosk() {
      log('operator', 'Left kiosk mode.')
      const url = new URL(win.location.href)
      url.searchParams.delete('mode')
      win.location.replace(url.href)
    },
    /** Read-only state for tests and the diagnostics overlay (`?diagnostics=1`). */
    diagnostics() {
      return {
        phase: idle.phase,
        secondsLeft: secondsLeft(idle, now()),
        initial: initialSnapshot,
        lastReset: lastResetSnapshot,
        current: visitorSnapshot(store.getState()),
        stopChanges: ui.getState().stopChanges,
        health: { ...stageHealth(), pageFrames, fault: watchdog.fault },
        /** Loading state of the model of the stop on screen. */
        model: (() => {
          const { engine } = store.getState()
          const url = engine.tourId ? modelUrl(engine.tourId, engine.stopIndex) : undefined
          return url ? (store.getState().models[url]?.status ?? 'loading') : null
        })(),
        offline: ui.getState().offline,
        tours: ui.getState().tours,
        issues: ui.getState().issues,
        config: ui.getState().config,
      }
    },
    installLockdown: () => installLockdown(win),
    stop() {
      stopAttract()
      offline?.stop()
      launcher?.stop()
      for (const f of cleanups.splice(0)) f()
    },
  }
}
