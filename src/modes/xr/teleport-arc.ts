/**
 * The teleport arc: a ballistic curve from the controller, landing only on a walkable area.
 * Pure and allocation-free (it runs every frame while the visitor aims): points go into a
 * caller's Float32Array and the result into a caller's object.
 */
import type { WalkableArea } from '../../core/content/schema'
import { lowestFloor, pointInPolygon } from '../../core/engine/walkable'
import { TELEPORT } from './tuning'

export type ArcResult = {
  /** Points written to the buffer (x, y, z each). */
  count: number
  /** The arc lands on a walkable area. */
  valid: boolean
  /** Where it ends: the landing point when valid, else where it gave up. */
  x: number
  y: number
  z: number
  /** Index of the walkable area landed on, -1 when not valid. */
  area: number
}

export const createArcResult = (): ArcResult => ({ count: 0, valid: false, x: 0, y: 0, z: 0, area: -1 })

export type ArcOptions = {
  speed: number
  gravity: number
  step: number
  maxPoints: number
  floorMargin: number
}

/**
 * Cast from `origin` along the unit `direction`. The first crossing, going down, of a walkable
 * area's floor inside its polygon is the landing; an arc that falls past every floor (or runs out
 * of points) is not valid.
 */
export function castTeleportArc(
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  areas: readonly WalkableArea[],
  points: Float32Array,
  out: ArcResult,
  options: ArcOptions = TELEPORT,
): ArcResult {
  const { speed, gravity, step, floorMargin } = options
  const maxPoints = Math.min(options.maxPoints, Math.floor(points.length / 3))
  const floor = lowestFloor(areas)
  const giveUpY = (Number.isFinite(floor) ? floor : 0) - floorMargin
  out.valid = false
  out.area = -1
  let px = ox
  let py = oy
  let pz = oz
  points[0] = px
  points[1] = py
  points[2] = pz
  let count = 1
  for (let i = 1; i < maxPoints; i++) {
    const t = i * step
    const x = ox + dx * speed * t
    const y = oy + dy * speed * t - 0.5 * gravity * t * t
    const z = oz + dz * speed * t
    // Only a falling segment can land: the visitor arrives on a floor from above.
    if (y < py) {
      let bestF = 2
      for (let a = 0; a < areas.length; a++) {
        const area = areas[a]!
        if (area.y > py || area.y < y) continue
        const f = (py - area.y) / (py - y)
        if (f >= bestF) continue
        const hx = px + (x - px) * f
        const hz = pz + (z - pz) * f
        if (!pointInPolygon(hx, hz, area.polygon)) continue
        bestF = f
        out.area = a
        out.x = hx
        out.y = area.y
        out.z = hz
      }
      if (out.area >= 0) {
        out.valid = true
        points[count * 3] = out.x
        points[count * 3 + 1] = out.y
        points[count * 3 + 2] = out.z
        out.count = count + 1
        return out
      }
    }
    points[count * 3] = x
    points[count * 3 + 1] = y
    points[count * 3 + 2] = z
    count++
    px = x
    py = y
    pz = z
    if (y < giveUpY) break
  }
  out.count = count
  out.x = px
  out.y = py
  out.z = pz
  return out
}
