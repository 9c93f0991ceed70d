/**
 * The self-healing policy for the 3D view, as a pure function of what was observed: the binding
 * samples the renderer once a second and does what this returns. The budget is the issue's: the
 * view is restored, or the page reloaded, within 5 seconds of the fault.
 */

export const WATCHDOG = {
  /** How often the binding checks, ms. */
  intervalMs: 500,
  /**
   * The 3D view has drawn nothing for this long while the browser went on producing animation
   * frames (at least `stallFrames` of them): its frame loop has stalled. A healthy loop draws in
   * every animation frame, so a busy or slow machine, which produces no animation frame at all,
   * is never taken for a stall (reloading would not make it faster).
   */
  stallMs: 1500,
  stallFrames: 3,
  /** A lost WebGL context the browser has not given back by then is restored by hand. */
  restoreAfterMs: 500,
  /**
   * Still broken this long after the fault: reload the page (offline-safe: the app is cached).
   * Two seconds short of the 5 s budget, for a busy device's late timers and the reload itself.
   */
  reloadAfterMs: 3000,
} as const

export type Observation = {
  now: number
  /** Frames the 3D view has drawn so far. */
  frames: number
  /** Animation frames the page has had so far (the browser's own pace). */
  pageFrames: number
  contextLost: boolean
  /** Whether frames are expected: the page is visible and the 3D view is on screen. */
  expectFrames: boolean
}

export type WatchdogState = {
  lastFrames: number
  /** The page's animation frame count when the 3D view last drew. */
  pageFramesAtDraw: number
  lastFrameAt: number
  /** When the current fault was first seen, or 0. */
  faultSince: number
  fault: 'stall' | 'context-lost' | null
  /** Remedies already tried for the current fault. */
  tried: ('restart-loop' | 'restore-context')[]
}

export type WatchdogAction = 'restart-loop' | 'restore-context' | 'reload' | 'recovered' | null

export const initialWatchdog = (now: number, frames = 0, pageFrames = 0): WatchdogState => ({
  lastFrames: frames,
  pageFramesAtDraw: pageFrames,
  lastFrameAt: now,
  faultSince: 0,
  fault: null,
  tried: [],
})

export function watchdogStep(
  s: WatchdogState,
  o: Observation,
  rule: { stallMs: number; stallFrames: number; restoreAfterMs: number; reloadAfterMs: number } = WATCHDOG,
): { state: WatchdogState; action: WatchdogAction } {
  const drew = o.frames !== s.lastFrames
  const fresh = drew || !o.expectFrames
  const lastFrameAt = fresh ? o.now : s.lastFrameAt
  const pageFramesAtDraw = fresh ? o.pageFrames : s.pageFramesAtDraw
  const base = { ...s, lastFrames: o.frames, lastFrameAt, pageFramesAtDraw }
  const missed = o.pageFrames - pageFramesAtDraw

  const fault: WatchdogState['fault'] = o.contextLost
    ? 'context-lost'
    : o.expectFrames && missed >= rule.stallFrames && o.now - lastFrameAt >= rule.stallMs
      ? 'stall'
      : null
  if (!fault) {
    const recovered = s.fault !== null
    return {
      state: { ...base, fault: null, faultSince: 0, tried: [] },
      action: recovered ? 'recovered' : null,
    }
  }
  // A stall is dated from the last frame, a context loss from when it was first seen.
  const faultSince = s.fault === fault ? s.faultSince : fault === 'stall' ? lastFrameAt : o.now
  const state = { ...base, fault, faultSince, tried: s.fault === fault ? s.tried : [] }
  const age = o.now - faultSince
  if (age >= rule.reloadAfterMs) return { state, action: 'reload' }
  if (fault === 'stall' && !state.tried.includes('restart-loop'))
    return { state: { ...state, tried: [...state.tried, 'restart-loop'] }, action: 'restart-loop' }
  if (fault === 'context-lost' && age >= rule.restoreAfterMs && !state.tried.includes('restore-context'))
    return { state: { ...state, tried: [...state.tried, 'restore-context'] }, action: 'restore-context' }
  return { state, action: null }
}

/**
 * Reloads are rationed so a fault that survives a reload does not become a reload loop: at most
 * `max` within `windowMs`; after that, the next one waits until the oldest leaves the window.
 */
export const RELOAD_BUDGET = { max: 3, windowMs: 120_000 } as const

export function nextReloadAt(history: readonly number[], now: number, budget = RELOAD_BUDGET): number {
  const recent = history.filter((t) => now - t < budget.windowMs).sort((a, b) => a - b)
  if (recent.length < budget.max) return now
  return recent[recent.length - budget.max]! + budget.windowMs
}
