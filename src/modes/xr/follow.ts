/** Lazy following: something placed in front of the visitor catches up only when they turn away. */
import { wrapAngle } from './rig-math'

/**
 * The next yaw of a follower at `current` when the head looks along `target`: nothing moves
 * inside the dead zone; past it the follower eases towards the head (exponential, frame-rate
 * independent) until it is back inside.
 */
export function followYaw(
  current: number,
  target: number,
  dt: number,
  deadZone: number,
  rate: number,
): number {
  const gap = wrapAngle(target - current)
  if (Math.abs(gap) <= deadZone) return current
  const k = 1 - Math.exp(-rate * dt)
  return wrapAngle(current + gap * k)
}

/** The refresh rate to ask for: the highest offered up to `preferred`, else the lowest offered. */
export function pickFrameRate(supported: ArrayLike<number>, preferred: number): number | false {
  let best = -1
  let lowest = Infinity
  for (let i = 0; i < supported.length; i++) {
    const r = supported[i]!
    if (r <= preferred && r > best) best = r
    if (r < lowest) lowest = r
  }
  if (best > 0) return best
  return Number.isFinite(lowest) ? lowest : false
}
