/**
 * The kiosk, running: it loads the configuration and the tours, then composes its parts, each
 * binding pure logic in ./logic to the app store, the page and the clock:
 *
 * - visit.ts: the attract loop, visits, the idle countdown and the reset between visitors;
 * - input.ts: the signs of a visitor that feed the idle machine;
 * - healing.ts: the watchdog, uncaught errors and reloads;
 * - operator.ts: the PIN pad and the operator screen;
 * - visit-stats.ts and headset.ts: statistics, and the countdown in a headset (through a port).
 *
 * The components in this folder only show its state (kiosk-state.ts) and call its methods. All it
 * adds to the page goes through disposers (disposer.ts): `stop()` takes every bit of it back.
 */
import { UI_LANGUAGES } from '../../core/i18n/i18n'
import { stageHealth } from '../../features/stage/stage-health'
import type { AppStore } from '../../state/store'
import { deviceStorage, STORAGE_KEYS, type LogEntry } from './device-storage'
import { captureTimers, createDisposer } from './disposer'
import { createHealing } from './healing'
import { followCountdown, type KioskHeadsetPort } from './headset'
import { listenForVisitors } from './input'
import { KIOSK_TIMING, visitorSnapshot } from './kiosk-state'
import { createKioskUi } from './kiosk-ui-store'
import { connectLauncher, type LauncherLink } from './launcher-link'
import { installLockdown } from './lockdown'
import {
  KIOSK_CONFIG_PATH,
  parseKioskConfig,
  resolveKioskTours,
  type ConfigIssue,
  type KioskConfig,
} from '../../core/kiosk/config'
import { kioskWorkerAllowed } from '../../core/kiosk/worker-scope'
import { secondsLeft } from './logic/idle'
import { parseStats } from './logic/stats'
import { startOffline, type Offline } from './offline'
import { createOperator } from './operator'
import { createVisit } from './visit'
import { createVisitStats } from './visit-stats'

export { KIOSK_TIMING, visitorSnapshot, selectPhase } from './kiosk-state'
export type { KioskState, Overlay } from './kiosk-state'
export type { KioskHeadsetPort, KioskNotice } from './headset'

export type KioskDeps = {
  store: AppStore
  /** The app's base URL (where scenes/kiosk.json and the tours are). */
  base: string
  /** The page: its events, timers, storage, location and document. */
  win: Window
  /** The headset mode, when the shell has one: the countdown in the world, comfort reset. */
  headset?: KioskHeadsetPort
}

export type KioskController = ReturnType<typeof createKioskController>

export function createKioskController({ store, base, win, headset }: KioskDeps) {
  const d = createDisposer(captureTimers(win))
  const now = () => win.performance.now()
  const storage = deviceStorage(win)
  const ui = createKioskUi({
    log: storage.readLog(),
    stats: parseStats(storage.read(STORAGE_KEYS.stats)),
    startedAt: Date.now(),
  })
  const set = ui.setState
  const phase = () => ui.getState().idle.phase
  const log = (kind: LogEntry['kind'], message: string) => {
    set({ log: storage.appendLog({ at: Date.now(), kind, message }) })
    if (kind === 'error') console.error(`[kiosk] ${message}`)
    else console.info(`[kiosk] ${message}`)
  }
  let offline: Offline | null = null
  let launcher: LauncherLink | null = null
  let started = false

  if (headset) followCountdown(ui, headset, d.child())
  const stats = createVisitStats({ ui, storage })
  const visit = createVisit({
    store,
    base,
    win,
    ui,
    d: d.child(),
    now,
    stats,
    log,
    headset,
    offline: () => offline,
    onReset: () => operator.dismiss(),
  })
  const operator = createOperator({
    win,
    ui,
    d: d.child(),
    visit,
    stats,
    log,
    offline: () => offline,
    launcher: () => launcher,
    storage,
  })
  const healing = createHealing({ win, store, d: d.child(), now, storage, log, visit, stats })

  // ── start ──────────────────────────────────────────────────────────────────
  /**
   * The configuration is served only to the kiosk (by its launcher, or on a kiosk's own host; a
   * public build has none). The last one read is kept in the kiosk's storage and used when the
   * network is down (it is not in the offline copy); a server that answers "no configuration" is
   * believed.
   */
  async function loadConfig() {
    let text: string | null = null
    try {
      const res = await win.fetch(`${base}${KIOSK_CONFIG_PATH}`, { cache: 'no-cache' })
      if (res.ok) {
        text = await res.text()
        storage.write(STORAGE_KEYS.config, text)
      }
    } catch {
      text = storage.read(STORAGE_KEYS.config)
    }
    return parseKioskConfig(text, { languages: UI_LANGUAGES })
  }

  function applyCatalog(config: KioskConfig, configIssues: ConfigIssue[]) {
    const { catalog } = store.getState()
    const loaded = catalog.entries.map((e) => ({ id: e.id, ok: e.status === 'ok' }))
    const { tours, issues } = resolveKioskTours(config.tours, loaded)
    store.getState().actions.limitTours(tours)
    const all = [...configIssues, ...issues]
    set({ tours, issues: all, unavailable: tours.length === 0 })
    return all
  }

  /** No tour could be loaded: try again now and then, and start the attract loop when one comes. */
  function retryCatalog(config: KioskConfig, configIssues: ConfigIssue[]) {
    const retries = d.child()
    retries.interval(async () => {
      await store.getState().actions.loadCatalog(base)
      if (retries.disposed) return
      applyCatalog(config, configIssues)
      if (ui.getState().unavailable) return
      retries.dispose()
      log('start', 'Tours loaded after a retry.')
      visit.toursArrived()
    }, KIOSK_TIMING.catalogRetryMs)
  }

  async function start() {
    const parsed = await loadConfig()
    if (d.disposed) return
    const config = parsed.config
    set({ config })
    const issues = applyCatalog(config, parsed.issues)
    for (const i of issues)
      console.warn(`[kiosk] ${KIOSK_CONFIG_PATH}${i.path ? ` ${i.path}` : ''}: ${i.message}`)
    log(
      'start',
      `Kiosk started: ${ui.getState().tours.join(', ') || 'no tour'}; ${issues.length} configuration note(s).`,
    )

    // A visit cut short by a reload or a crash is counted with what it did.
    stats.finish(false)
    healing.readRecoveryNote()

    const available = !ui.getState().unavailable
    visit.start({ language: config.language, settings: { volume: config.volume } }, available)
    started = true
    set({ ready: true })
    if (!available) retryCatalog(config, parsed.issues)

    // Input, idle clock, narration hold, statistics, self-healing.
    listenForVisitors({
      win,
      ui,
      d: d.child(),
      now,
      visit,
      keepAlive: stats.keepAlive,
      operator,
    })
    stats.follow(store, () => phase() !== 'attract', d)
    healing.start()

    const link = await connectLauncher(win, () => (visit.switching() ? null : phase()))
    // Stopped meanwhile: the link's heartbeat stops at once.
    d.add(() => link.stop())
    launcher = link
    set({ launcher: link.present })
    if (d.disposed) return
    // The offline worker serves the whole site: only where a kiosk is meant to run.
    const allowed = kioskWorkerAllowed({
      hostname: win.location.hostname,
      launcher: link.present,
      hosts: config.hosts,
    })
    if (!allowed)
      log(
        'offline',
        `No offline copy: ${win.location.hostname} is not this machine nor a host of kiosk.json.`,
      )
    offline = startOffline(
      win,
      (s) => set({ offline: s }),
      (m) => log('update', m),
      () => phase() === 'attract',
      allowed,
    )
    d.add(() => offline?.stop())
  }

  return {
    ui,
    start,
    /** The invitation was touched: start a visit, in that language if one was chosen. */
    touchToBegin(language?: string) {
      if (!started || phase() !== 'attract') return
      visit.transition({ type: 'input', now: now() }, { language })
    },
    /** The visitor answered the countdown. */
    stillHere() {
      visit.transition({ type: 'input', now: now() })
    },
    /** The visitor's "End visit". */
    endVisit() {
      visit.transition({ type: 'end', now: now() })
    },
    /** A React render error caught by the kiosk's boundary. */
    renderError(error: Error) {
      healing.onError(error.message)
    },
    enterPin: operator.enterPin,
    closeOverlay: operator.closeOverlay,
    reload: operator.reload,
    applyUpdate: operator.applyUpdate,
    checkForUpdate: operator.checkForUpdate,
    clearStats: operator.clearStats,
    quitLauncher: operator.quitLauncher,
    exitKiosk: operator.exitKiosk,
    /** Read-only state for tests and the diagnostics overlay (`?diagnostics=1`). */
    diagnostics() {
      const { idle, stopChanges, offline, tours, issues, config } = ui.getState()
      const { initial, lastReset } = visit.snapshots()
      const { engine, models } = store.getState()
      const url = engine.tourId ? visit.modelUrl(engine.tourId, engine.stopIndex) : undefined
      return {
        phase: idle.phase,
        secondsLeft: secondsLeft(idle, now()),
        initial,
        lastReset,
        current: visitorSnapshot(store.getState()),
        stopChanges,
        health: { ...stageHealth(), ...healing.diagnostics() },
        /** Loading state of the model of the stop on screen. */
        model: url ? (models[url]?.status ?? 'loading') : null,
        offline,
        tours,
        issues,
        config,
      }
    },
    installLockdown: () => installLockdown(win),
    /** Take back everything the kiosk added to the page: listeners, timers, loops, the heartbeat. */
    stop() {
      d.dispose()
    },
  }
}
