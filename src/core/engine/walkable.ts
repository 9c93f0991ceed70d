/**
 * Walkable floor areas of a stop: polygons in the horizontal plane (x, z) at a height y. Used by
 * walk mode on desktop and by teleporting in the headset: a visitor only ever stands on them.
 */
export type Area = { id: string; y: number; polygon: readonly (readonly [number, number])[] }
export type FloorPoint = { x: number; y: number; z: number; area: string }

/** Even-odd rule; points on an edge count as inside for one of the two polygons sharing it. */
export function pointInPolygon(x: number, z: number, polygon: Area['polygon']): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, zi] = polygon[i]!
    const [xj, zj] = polygon[j]!
    if (zi > z !== zj > z && x < ((xj - xi) * (z - zi)) / (zj - zi) + xi) inside = !inside
  }
  return inside
}

/**
 * The area under (x, z), or null when that point is not walkable. Where areas overlap (a terrace
 * over a lawn) the highest floor wins, whatever the order the tour lists them in.
 */
export function areaAt(areas: readonly Area[], x: number, z: number): Area | null {
  let best: Area | null = null
  for (const a of areas) if ((!best || a.y > best.y) && pointInPolygon(x, z, a.polygon)) best = a
  return best
}

/** The height of the lowest walkable floor (Infinity when there is none). */
export function lowestFloor(areas: readonly Area[]): number {
  let y = Infinity
  for (const a of areas) if (a.y < y) y = a.y
  return y
}

/** The walkable point nearest to (x, z): the point itself when walkable, else the closest edge point. */
export function nearestWalkable(areas: readonly Area[], x: number, z: number): FloorPoint | null {
  const here = areaAt(areas, x, z)
  if (here) return { x, y: here.y, z, area: here.id }
  let best: FloorPoint | null = null
  let bestD = Infinity
  for (const a of areas) {
    for (let i = 0, j = a.polygon.length - 1; i < a.polygon.length; j = i++) {
      const [x1, z1] = a.polygon[j]!
      const [x2, z2] = a.polygon[i]!
      const dx = x2 - x1
      const dz = z2 - z1
      const len2 = dx * dx + dz * dz || 1
      const t = Math.max(0, Math.min(1, ((x - x1) * dx + (z - z1) * dz) / len2))
      const px = x1 + t * dx
      const pz = z1 + t * dz
      const d = (px - x) ** 2 + (pz - z) ** 2
      if (d < bestD) {
        bestD = d
        best = { x: px, y: a.y, z: pz, area: a.id }
      }
    }
  }
  return best
}

/**
 * Where a step from (x, z) by (dx, dz) ends: the full step if it lands on a walkable area, else a
 * slide along one axis (so walking into a wall at an angle glides along it), else no move.
 * Writes into `out` to keep the frame loop free of allocations; returns false when blocked.
 */
export function step(
  areas: readonly Area[],
  x: number,
  z: number,
  dx: number,
  dz: number,
  out: { x: number; y: number; z: number },
): boolean {
  for (const [sx, sz] of [
    [dx, dz],
    [dx, 0],
    [0, dz],
  ] as const) {
    if (sx === 0 && sz === 0) continue
    const a = areaAt(areas, x + sx, z + sz)
    if (a) {
      out.x = x + sx
      out.z = z + sz
      out.y = a.y
      return true
    }
  }
  return false
}
