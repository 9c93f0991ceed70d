/**
 * Self-healing, with nobody there to press a button: the watchdog (logic/watchdog.ts) samples the
 * 3D view and restarts its loop, restores its context or reloads the page; an uncaught error sends
 * the kiosk back to its attract loop, and repeated errors reload it. Reloads are rationed (a fault
 * that survives a reload must not become a reload loop) and leave a note the next page reads.
 */
import { restartFrameLoop, restoreContext, stageHealth } from '../../features/stage/stage-health'
import type { AppStore } from '../../state/store'
import { STORAGE_KEYS, type DeviceStorage, type LogEntry } from './device-storage'
import type { Disposer } from './disposer'
import { KIOSK_TIMING } from './kiosk-state'
import { isOwnError, isOwnReason } from './logic/fault-origin'
import { initialWatchdog, nextReloadAt, WATCHDOG, watchdogStep } from './logic/watchdog'
import type { VisitLoop } from './visit'
import type { VisitStats } from './visit-stats'

export type HealingDeps = {
  win: Window
  store: AppStore
  /** This part's own disposer. */
  d: Disposer
  now: () => number
  storage: DeviceStorage
  log: (kind: LogEntry['kind'], message: string) => void
  visit: Pick<VisitLoop, 'restart'>
  stats: Pick<VisitStats, 'finish'>
}

/** Why the page was reloaded by the kiosk itself, read back by the next page. */
type RecoveryNote = { reason: string; faultAt: number; reloadAt: number }

export type Healing = ReturnType<typeof createHealing>

export function createHealing({ win, store, d, now, storage, log, visit, stats }: HealingDeps) {
  let watchdog = initialWatchdog(now())
  let errors: number[] = []
  let reloading = false
  // The page's own animation frames, counted with the browser's requestAnimationFrame as it was
  // at start (so a broken or replaced one elsewhere cannot hide a stall from the watchdog).
  let pageFrames = 0
  const countPageFrame = () => {
    pageFrames++
    d.frame(countPageFrame)
  }

  const reloadPage = (reason: string, faultAt: number) => {
    const history = JSON.parse(storage.read(STORAGE_KEYS.reloads) ?? '[]') as number[]
    const at = nextReloadAt(Array.isArray(history) ? history : [], Date.now())
    const go = () => {
      storage.write(STORAGE_KEYS.reloads, JSON.stringify([...history, Date.now()].slice(-10)))
      const note: RecoveryNote = { reason, faultAt, reloadAt: Date.now() }
      storage.write(STORAGE_KEYS.recovery, JSON.stringify(note), 'session')
      log('reload', `Reloading: ${reason}`)
      stats.finish(false)
      win.location.reload()
    }
    if (at <= Date.now()) go()
    else {
      log(
        'reload',
        `Reload for "${reason}" postponed ${Math.round((at - Date.now()) / 1000)} s (too many reloads)`,
      )
      d.timeout(go, at - Date.now())
    }
  }

  const checkHealth = () => {
    const h = stageHealth()
    const { state, action } = watchdogStep(watchdog, {
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
    })
    const fault = watchdog.fault ?? state.fault
    const faultSince = state.faultSince || watchdog.faultSince
    watchdog = state
    if (!action || reloading) return
    const what = fault === 'context-lost' ? 'the WebGL context was lost' : 'the 3D view stopped drawing'
    if (action === 'restart-loop') restartFrameLoop()
    if (action === 'restore-context' && !restoreContext()) log('recovery', `${what}; waiting for the browser`)
    if (action === 'recovered') {
      log('recovery', `The 3D view recovered (${what}).`)
      win.performance.mark('portage:kiosk-recovered', { detail: { fault } })
    }
    if (action === 'reload') {
      reloading = true
      reloadPage(what, Date.now() - (now() - faultSince))
    }
  }

  const onError = (message: string) => {
    const t = Date.now()
    errors = [...errors.filter((e) => t - e < KIOSK_TIMING.errorWindowMs), t]
    log('error', `Uncaught error: ${message}`)
    if (errors.length >= KIOSK_TIMING.errorsBeforeReload) {
      reloadPage('repeated errors', t)
      return
    }
    // Back to the attract loop: a fresh start, whatever state the error left behind.
    visit.restart('error')
  }

  return {
    /** Watch the 3D view and the page's errors. */
    start() {
      // Only our own faults end a visit (logic/fault-origin.ts); others are logged.
      const origin = win.location.origin
      d.listen<ErrorEvent>(win, 'error', (e) => {
        const message = e.message || String(e.error)
        if (isOwnError(e, origin)) onError(message)
        else
          log('error', `Not the kiosk's own error, ignored: ${message} (${e.filename || 'another origin'})`)
      })
      d.listen<PromiseRejectionEvent>(win, 'unhandledrejection', (e) => {
        const message = e.reason instanceof Error ? e.reason.message : String(e.reason)
        if (isOwnReason(e.reason, origin)) onError(message)
        else log('error', `Not the kiosk's own rejected promise, ignored: ${message}`)
      })
      d.interval(checkHealth, WATCHDOG.intervalMs)
      d.frame(countPageFrame)
    },
    /** The last page reloaded itself: say why, and how long it took. */
    readRecoveryNote() {
      const recovery = storage.read(STORAGE_KEYS.recovery, 'session')
      if (!recovery) return
      storage.write(STORAGE_KEYS.recovery, null, 'session')
      try {
        const r = JSON.parse(recovery) as RecoveryNote
        log('recovery', `Reloaded ${((r.reloadAt - r.faultAt) / 1000).toFixed(1)} s after: ${r.reason}.`)
        win.performance.mark('portage:kiosk-reloaded', { detail: r })
      } catch {
        // an unreadable note is not worth stopping for
      }
    },
    /** A React render error caught by the kiosk's boundary, or an uncaught one. */
    onError,
    diagnostics: () => ({ pageFrames, fault: watchdog.fault }),
    stop: () => d.dispose(),
  }
}
