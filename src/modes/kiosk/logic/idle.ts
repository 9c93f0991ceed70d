/**
 * The kiosk's idle timer as a state machine over explicit time, so it is exact and unit-tested
 * without a clock: the binding feeds it inputs and ticks, and acts on what it returns.
 *
 *   attract ──input──▶ visit ──idle timeout──▶ warning ──countdown ends──▶ attract (reset)
 *      │                ▲  ▲                      │
 *      └──take-over─────┘  └────────input─────────┘
 *
 *   visit, warning ──end──▶ attract (reset)        any phase ──restart──▶ attract (reset)
 *
 * `take-over` is the operator's: out of the attract loop, but nobody's visit (no `start-visit`).
 *
 * While something the visitor is watching is running (narration), the visit is "held": the idle
 * clock does not advance, so nobody is reset in the middle of a story.
 */

export type IdlePhase = 'attract' | 'visit' | 'warning'

export type IdleTiming = { idleTimeoutMs: number; warningMs: number }

export type IdleState = {
  phase: IdlePhase
  /** When the visit started (ms), in the visit and warning phases. */
  visitStartedAt: number
  /** Last input (or the end of the last hold), ms. */
  lastInputAt: number
  /** When the countdown ends, in the warning phase. */
  warningEndsAt: number
  held: boolean
}

export type IdleEvent =
  | { type: 'input'; now: number }
  | { type: 'tick'; now: number }
  | { type: 'hold'; now: number; held: boolean }
  /** The visitor's "End visit": the visit ends now (nothing to end in the attract loop). */
  | { type: 'end'; now: number }
  /**
   * The operator opened the operator screen: the kiosk leaves the attract loop (so nothing plays
   * under it and the idle clock runs, in case the operator walks away), but no visit starts.
   */
  | { type: 'take-over'; now: number }
  /**
   * Start again from the attract loop, whatever the phase: an uncaught error (even in the attract
   * loop, whose state it may have broken), the operator closing the operator screen.
   */
  | { type: 'restart'; now: number }

/** What the binding must do after a transition. */
export type IdleEffect = 'start-visit' | 'warn' | 'extend' | 'reset' | null

export const initialIdleState = (): IdleState => ({
  phase: 'attract',
  visitStartedAt: 0,
  lastInputAt: 0,
  warningEndsAt: 0,
  held: false,
})

export function idleStep(
  state: IdleState,
  event: IdleEvent,
  timing: IdleTiming,
): { state: IdleState; effect: IdleEffect } {
  const { now } = event
  switch (event.type) {
    case 'input':
      if (state.phase === 'attract')
        return {
          state: { phase: 'visit', visitStartedAt: now, lastInputAt: now, warningEndsAt: 0, held: false },
          effect: 'start-visit',
        }
      if (state.phase === 'warning')
        return { state: { ...state, phase: 'visit', lastInputAt: now, warningEndsAt: 0 }, effect: 'extend' }
      return { state: { ...state, lastInputAt: Math.max(state.lastInputAt, now) }, effect: null }
    case 'hold':
      if (state.phase === 'attract' || state.held === event.held) return { state, effect: null }
      // The end of a hold counts as the last activity: the idle time starts from there.
      return {
        state: { ...state, held: event.held, lastInputAt: Math.max(state.lastInputAt, now) },
        effect: null,
      }
    case 'end':
      if (state.phase === 'attract') return { state, effect: null }
      return { state: initialIdleState(), effect: 'reset' }
    case 'take-over':
      if (state.phase !== 'attract') return { state, effect: null }
      return {
        state: { phase: 'visit', visitStartedAt: now, lastInputAt: now, warningEndsAt: 0, held: false },
        effect: null,
      }
    case 'restart':
      return { state: initialIdleState(), effect: 'reset' }
    case 'tick': {
      if (state.phase === 'visit') {
        if (state.held) return { state: { ...state, lastInputAt: now }, effect: null }
        const warnAt = state.lastInputAt + timing.idleTimeoutMs
        if (now < warnAt) return { state, effect: null }
        // The countdown runs from when it was due, so a late tick does not lengthen it.
        return {
          state: { ...state, phase: 'warning', warningEndsAt: warnAt + timing.warningMs },
          effect: 'warn',
        }
      }
      if (state.phase === 'warning' && now >= state.warningEndsAt)
        return { state: initialIdleState(), effect: 'reset' }
      return { state, effect: null }
    }
  }
}

/** Whole seconds left on the countdown (what the visitor sees), 0 outside the warning. */
export function secondsLeft(state: IdleState, now: number): number {
  return state.phase === 'warning' ? Math.max(0, Math.ceil((state.warningEndsAt - now) / 1000)) : 0
}

/** How long the visit lasted, for statistics: from its start to the last sign of a visitor. */
export const visitDuration = (state: IdleState) => Math.max(0, state.lastInputAt - state.visitStartedAt)
