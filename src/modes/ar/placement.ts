/**
 * The miniature's maths, pure (no three.js): where the XR origin goes so that the site stands on a
 * surface at a chosen scale and heading, and what a two-finger or two-hand gesture does to them.
 *
 * The site keeps its own coordinates (1 unit = 1 m); AR moves the visitor instead. The origin (the
 * parent of the XR camera, in which the browser's reference space lives) gets the inverse of the
 * placement: a point `p` of the room (reference space) shows the site's point
 * `w = anchor + R(-yaw) (p - surface) / scale`. Scaling the origin by 1/scale makes the site
 * `scale` times its size, hotspots and all, without touching the stage.
 */

import { TABLETOP_FIT_METRES } from '../../core/engine/footprint'

export { footprint, type Footprint } from '../../core/engine/footprint'

/** Tuning of the tabletop miniature (metres of the room, radians). */
export const TABLETOP = {
  /** The largest side of the site, on first placement, in metres of table. */
  fitMetres: TABLETOP_FIT_METRES,
  /** The smallest the site may become, relative to the fitted size. */
  minOfFit: 0.25,
  /** 1:1 is the largest: the site at its true size, where the room allows. */
  maxScale: 1,
  /** One press of Smaller / Larger. */
  buttonFactor: 1.5,
  /** One press of Turn left / right (15°). */
  buttonTurn: Math.PI / 12,
  /** The reticle's radius, in metres of the room. */
  reticleRadius: 0.08,
  /** How far from a marker's drawn centre a screen tap still selects it (CSS px). */
  tapRadiusPx: 36,
} as const

export type Vec3 = readonly [number, number, number]

export type Placement = {
  /** Where the site's anchor stands, in the reference space (metres of the room). */
  surface: Vec3
  /** Heading of the site about the vertical, radians. */
  yaw: number
  /** Room metres per site metre (1 = true size). */
  scale: number
}

export type OriginPose = {
  position: [number, number, number]
  /** Quaternion x, y, z, w (a rotation about the vertical). */
  quaternion: [number, number, number, number]
  scale: number
}

/**
 * The origin's pose that shows the site's `anchor` at `placement.surface`, turned by `yaw`, at
 * `scale`. Inverse of `room = surface + scale · R(yaw) (site - anchor)`.
 */
export function originPose(placement: Placement, anchor: Vec3): OriginPose {
  const { surface, yaw, scale } = placement
  const k = 1 / scale
  // R(-yaw) applied to the surface point, scaled: the origin position is anchor - k R(-yaw) surface.
  const c = Math.cos(-yaw)
  const s = Math.sin(-yaw)
  const [px, py, pz] = surface
  const rx = c * px + s * pz
  const rz = -s * px + c * pz
  return {
    position: [anchor[0] - k * rx, anchor[1] - k * py, anchor[2] - k * rz],
    quaternion: [0, Math.sin(-yaw / 2), 0, Math.cos(-yaw / 2)],
    scale: k,
  }
}

/** Where a site point appears in the room for a placement (the forward map, for checks and tests). */
export function siteToRoom(placement: Placement, anchor: Vec3, point: Vec3): [number, number, number] {
  const { surface, yaw, scale } = placement
  const dx = point[0] - anchor[0]
  const dz = point[2] - anchor[2]
  const c = Math.cos(yaw)
  const s = Math.sin(yaw)
  return [
    surface[0] + scale * (c * dx + s * dz),
    surface[1] + scale * (point[1] - anchor[1]),
    surface[2] + scale * (-s * dx + c * dz),
  ]
}

/** The scale range for a site whose largest horizontal side is `sizeMetres`. */
export function scaleRange(sizeMetres: number): { fit: number; min: number; max: number } {
  const fit = Math.min(TABLETOP.maxScale, TABLETOP.fitMetres / Math.max(sizeMetres, 1e-3))
  return { fit, min: fit * TABLETOP.minOfFit, max: TABLETOP.maxScale }
}

export const clampScale = (scale: number, range: { min: number; max: number }) =>
  Math.min(range.max, Math.max(range.min, scale))

/** Two points of a gesture (screen pixels, or metres of the room seen from above: x and z). */
export type Pair = { ax: number; ay: number; bx: number; by: number }

/**
 * What two moving points did since the gesture began: the ratio of their distances (pinch) and
 * the change of the angle of the line between them (twist), wrapped to (-π, π].
 */
export function pairChange(start: Pair, now: Pair): { ratio: number; turn: number } {
  const d0 = Math.hypot(start.bx - start.ax, start.by - start.ay)
  const d1 = Math.hypot(now.bx - now.ax, now.by - now.ay)
  const a0 = Math.atan2(start.by - start.ay, start.bx - start.ax)
  const a1 = Math.atan2(now.by - now.ay, now.bx - now.ax)
  let turn = a1 - a0
  while (turn > Math.PI) turn -= 2 * Math.PI
  while (turn <= -Math.PI) turn += 2 * Math.PI
  return { ratio: d0 > 1e-6 ? d1 / d0 : 1, turn }
}

/** "1:250" style ratio for a scale (1 at true size), rounded as a visitor reads it. */
export function scaleRatio(scale: number): number {
  const r = 1 / scale
  if (r < 1.05) return 1
  if (r < 20) return Math.round(r)
  const magnitude = 10 ** Math.floor(Math.log10(r) - 1)
  return Math.round(r / magnitude) * magnitude
}
