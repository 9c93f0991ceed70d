/**
 * "Look here": where the arrow to an out-of-view point goes. Pure maths over a camera, tested in
 * Node; tuning as data.
 */
import { Vector3, type Camera } from 'three'

export const LOOK = {
  color: '#ffb000',
  gazeColor: '#2f80ed',
  /** Size of the mark per metre of distance (a constant angle in view). */
  markPerMetre: 0.03,
  gazePerMetre: 0.008,
  /** Distance of the arrow from the 3D view's edge, CSS px. */
  edgeMarginPx: 48,
  /** The headset's arrow: metres ahead, off-centre, size. */
  xrArrowDistance: 1,
  xrArrowOffset: 0.28,
  xrArrowSize: 0.05,
  /** Camera flight speed to the guide's view (1/s) and the headset fade's length (s). */
  flightRate: 4,
  fadeSeconds: 0.25,
} as const

const p = new Vector3()

/**
 * The arrow toward `point` when it is outside the view: its position in CSS px over a view of
 * `width`×`height` (on a margin inside the edge) and its angle (radians, 0 = right, clockwise as
 * the screen's y grows down). Null when the point is in view.
 */
export function edgeArrow(point: Vector3, camera: Camera, width: number, height: number, margin: number) {
  p.copy(point).project(camera)
  const behind = p.z > 1
  if (!behind && Math.abs(p.x) <= 0.92 && Math.abs(p.y) <= 0.92) return null
  // Behind the camera the projection is mirrored: point the other way.
  let x = behind ? -p.x : p.x
  let y = behind ? -p.y : p.y
  if (x === 0 && y === 0) y = -1
  const angle = Math.atan2(-y, x)
  const scale = 1 / Math.max(Math.abs(x), Math.abs(y))
  x *= scale
  y *= scale
  const hw = width / 2 - margin
  const hh = height / 2 - margin
  return { x: width / 2 + x * hw, y: height / 2 - y * hh, angle }
}
