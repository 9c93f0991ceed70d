/**
 * Where a visitor may stand: the stop's `walkableAreas`, simple polygons [x, z] at a height y.
 * Pure geometry, no three.js.
 */
import type { WalkableArea } from '../../content/schema'

/** Even-odd rule; points on an edge may fall either way. */
export function pointInPolygon(
  x: number,
  z: number,
  polygon: readonly (readonly [number, number])[],
): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, zi] = polygon[i]!
    const [xj, zj] = polygon[j]!
    if (zi > z !== zj > z && x < ((xj - xi) * (z - zi)) / (zj - zi) + xi) inside = !inside
  }
  return inside
}

/**
 * The area a point stands on, given the height it arrives at: among the areas containing (x, z),
 * the highest whose floor is at or below `y` (+ tolerance). -1 when none.
 */
export function walkableAreaAt(
  areas: readonly WalkableArea[],
  x: number,
  z: number,
  y = Infinity,
  tolerance = 0.05,
): number {
  let best = -1
  for (let i = 0; i < areas.length; i++) {
    const a = areas[i]!
    if (a.y > y + tolerance || !pointInPolygon(x, z, a.polygon)) continue
    if (best < 0 || a.y > areas[best]!.y) best = i
  }
  return best
}

export type GroundPoint = { x: number; y: number; z: number; area: number }

/** The walkable point nearest to (x, z): the point itself when it is walkable. */
export function nearestWalkablePoint(areas: readonly WalkableArea[], x: number, z: number): GroundPoint {
  const inside = walkableAreaAt(areas, x, z)
  if (inside >= 0) return { x, y: areas[inside]!.y, z, area: inside }
  let best: GroundPoint = { x, y: 0, z, area: -1 }
  let bestD = Infinity
  areas.forEach((a, area) => {
    const p = a.polygon
    for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
      const [ax, az] = p[j]!
      const [bx, bz] = p[i]!
      const dx = bx - ax
      const dz = bz - az
      const len = dx * dx + dz * dz
      const t = len > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (z - az) * dz) / len)) : 0
      const px = ax + t * dx
      const pz = az + t * dz
      const d = (px - x) ** 2 + (pz - z) ** 2
      if (d < bestD) {
        bestD = d
        best = { x: px, y: a.y, z: pz, area }
      }
    }
  })
  return best
}

export const lowestFloor = (areas: readonly WalkableArea[]) =>
  areas.reduce((m, a) => Math.min(m, a.y), Infinity)
