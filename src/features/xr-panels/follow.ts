/**
 * Where in-world panels go relative to the visitor's head (headset and AR alike): placed ahead,
 * facing the eyes, and following lazily (they catch up only when the visitor turns away). Pure
 * functions of plain numbers, unit-tested. Yaw is a rotation about +Y (three.js), 0 faces -Z.
 */

/** Wrap an angle to (-π, π]. */
export function wrapAngle(a: number): number {
  const w = Math.atan2(Math.sin(a), Math.cos(a))
  return w === -Math.PI ? Math.PI : w
}

/** Yaw of the forward (-Z) direction of a rotation given as a quaternion. */
export function yawFromQuaternion(x: number, y: number, z: number, w: number): number {
  const fx = -2 * (x * z + w * y)
  const fz = -(1 - 2 * (x * x + y * y))
  return Math.atan2(-fx, -fz)
}

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

/** How a panel follows the view (the tuning of each mode's captions, notices and diagnostics). */
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
