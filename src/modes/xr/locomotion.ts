/**
 * Thumbstick gestures, one state machine per controller: push forward to aim the teleport arc and
 * let go to jump; flick sideways to snap-turn (once per flick); or hold sideways to turn smoothly
 * when the visitor chose it. Nothing moves unless the visitor asked. Mutates the caller's objects,
 * so it can run in the frame loop without allocating.
 */
import { STICK } from './tuning'

export type StickState = {
  /** The teleport arc is showing. */
  aiming: boolean
  /** A snap turn has fired and waits for the stick to come back before the next. */
  turnLatched: boolean
}

export type StickOutput = {
  aiming: boolean
  /** The visitor let go while aiming: jump if the arc lands on walkable ground. */
  release: boolean
  /** -1 snap left, +1 snap right, 0 none. */
  snap: -1 | 0 | 1
  /** Smooth turn rate, rad/s (positive turns right). */
  turnRate: number
}

export const createStickState = (): StickState => ({ aiming: false, turnLatched: false })
export const createStickOutput = (): StickOutput => ({ aiming: false, release: false, snap: 0, turnRate: 0 })

/**
 * One step. `x`, `y` are the xr-standard thumbstick axes (y is -1 pushed forward). Turning right
 * is a negative yaw in three.js, which the caller applies; here +1 simply means "right".
 */
export function stepStick(
  state: StickState,
  x: number,
  y: number,
  smoothTurn: boolean,
  out: StickOutput,
): StickOutput {
  out.release = false
  out.snap = 0
  out.turnRate = 0
  const magnitude = Math.hypot(x, y)
  if (state.aiming) {
    if (magnitude < STICK.release) {
      state.aiming = false
      out.release = true
    }
  } else if (-y > STICK.engage && Math.abs(x) < -y) {
    state.aiming = true
    state.turnLatched = false
  } else if (smoothTurn) {
    const ax = Math.abs(x)
    if (ax > STICK.deadZone && ax > Math.abs(y))
      out.turnRate = Math.sign(x) * STICK.smoothTurnRate * ((ax - STICK.deadZone) / (1 - STICK.deadZone))
  } else if (state.turnLatched) {
    if (Math.abs(x) < STICK.release) state.turnLatched = false
  } else if (Math.abs(x) > STICK.engage && Math.abs(x) > Math.abs(y)) {
    state.turnLatched = true
    out.snap = x > 0 ? 1 : -1
  }
  out.aiming = state.aiming
  return out
}
