/**
 * The kiosk's own state, in a small store of its own: what its screens show (phase, countdown,
 * overlays, statistics, the configuration's problems for the operator screen) and nothing they could compute. The idle
 * machine's state (logic/idle.ts) is kept here and only here: the phase the screens read, the
 * phase the controller acts on and the phase on <html> (for CSS) are one value.
 */
import type { StoreApi } from 'zustand/vanilla'
import type { AppState } from '../../state/store'
import type { LogEntry } from './device-storage'
import type { ConfigIssue, KioskConfig } from '../../core/kiosk/config'
import type { IdlePhase, IdleState, IdleTiming } from './logic/idle'
import type { PinGuard } from './logic/pin'
import type { KioskStats } from './logic/stats'
import type { OfflineStatus } from './offline'

/** Timing of the kiosk's own loops, as data. */
export const KIOSK_TIMING = {
  /** Idle clock resolution (ms): the countdown shows whole seconds. */
  tickMs: 250,
  /** A mouse must move this far (px) to count as someone there (a nudged table is not a visitor). */
  mouseSlopPx: 12,
  /** The PIN pad closes after this long untouched (ms). */
  pinIdleMs: 30_000,
  /** When no tour could be loaded, try again this often (ms). */
  catalogRetryMs: 30_000,
  /** Uncaught errors within a minute that make the kiosk reload rather than just reset. */
  errorsBeforeReload: 5,
  /** The window those errors are counted in (ms). */
  errorWindowMs: 60_000,
  /** Save the visit in progress at most this often on input alone (ms). */
  visitSaveMs: 5000,
  /** Waiting for the next frame (a reset drawn) gives up after this long: a hidden page draws none. */
  frameWaitMs: 250,
} as const

export type Overlay = 'none' | 'pin' | 'operator'

/**
 * What the PIN pad says: nothing yet, checking, wrong, locked, or closed (no usable PIN in the
 * configuration) or insecure (no WebCrypto to check one: plain http from another machine).
 */
export type PinResult = 'none' | 'checking' | 'wrong' | 'locked' | 'closed' | 'insecure'

export type KioskState = {
  /** The idle machine (logic/idle.ts): the kiosk's phase is `idle.phase`, and is nowhere else. */
  idle: IdleState
  /** Whole seconds left on the countdown (the clock moves; this is what the visitor sees). */
  secondsLeft: number
  overlay: Overlay
  config: KioskConfig
  /**
   * Problems in the configuration: for the operator only (the operator screen, the console, the
   * launcher's log); never on a visitor's screen, whatever they are.
   */
  issues: ConfigIssue[]
  /** Tours this kiosk offers, in order. */
  tours: string[]
  /** No tour could be loaded: the kiosk shows an apology and retries. */
  unavailable: boolean
  offline: OfflineStatus
  launcher: boolean
  log: LogEntry[]
  stats: KioskStats
  pin: PinGuard
  pinResult: PinResult
  startedAt: number
  /** Where the attract loop is, for the attract screen. */
  attractAt: { tourId: string; stopIndex: number } | null
  /** Stops the attract loop has shown since the page loaded (the soak benchmark counts them). */
  stopChanges: number
  /** Started: configuration read, tours loaded, inputs listened to. */
  ready: boolean
}

export type KioskUi = StoreApi<KioskState>

/** The kiosk's phase, for the screens: `useKiosk(selectPhase)`. */
export const selectPhase = (s: KioskState): IdlePhase => s.idle.phase

/** The idle machine's timing, from the configuration (the real one: there is no other). */
export const idleTiming = (config: KioskConfig): IdleTiming => ({
  idleTimeoutMs: config.idleTimeoutSeconds * 1000,
  warningMs: config.warningSeconds * 1000,
})

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
