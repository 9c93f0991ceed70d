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

/** What placeAhead moves: anything with a position and a rotation (a three.js Object3D). */
type Placeable = {
  position: { set(x: number, y: number, z: number): unknown }
  rotation: { set(x: number, y: number, z: number, order: 'YXZ'): unknown }
}

/**
 * Place a panel `distance` ahead of the head along `yaw` and `drop` below eye level, tilted back to
 * face the eyes (a panel below the line of sight is read square on). No allocation: per frame.
 */
export function placeAhead(
  object: Placeable,
  head: { x: number; y: number; z: number },
  yaw: number,
  distance: number,
  drop: number,
) {
  object.position.set(head.x - Math.sin(yaw) * distance, head.y - drop, head.z - Math.cos(yaw) * distance)
  object.rotation.set(-Math.atan2(drop, distance), yaw, 0, 'YXZ')
}

/** How a panel follows the view: the tuning of captions, notice and diagnostics (tuning.ts). */
export type FollowTuning = {
  /** Metres ahead of the head, and below eye level (negative: above). */
  distance: number
  drop: number
  /** The panel stays put until the head turns this far from it (rad)... */
  deadZone: number
  /** ...then catches up at this rate (fraction of the gap closed per second, exponential). */
  followRate: number
  /** Off the line of sight (rad, positive yaw is left). @default 0 */
  side?: number
}

/**
 * One frame of a panel that follows the view lazily: its yaw, kept in `yaw.current` (null: start
 * where the head looks), eases after the head's (see followYaw), and the panel is placed ahead
 * along it. No allocation: per frame.
 */
export function followAhead(
  object: Placeable,
  head: { x: number; y: number; z: number; yaw: number },
  yaw: { current: number | null },
  dt: number,
  tuning: FollowTuning,
) {
  const target = head.yaw + (tuning.side ?? 0)
  yaw.current =
    yaw.current === null
      ? target
      : followYaw(yaw.current, target, Math.min(dt, 0.1), tuning.deadZone, tuning.followRate)
  placeAhead(object, head, yaw.current, tuning.distance, tuning.drop)
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
