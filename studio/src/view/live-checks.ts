/**
 * What the 3D view can tell about a stop, by casting rays into its model (three.js, no React):
 * - a hotspot is **off-screen** from the start view at 16:9 (a desktop) or 4:3 (a kiosk screen)
 *   when it projects outside the picture or behind the camera, and **hidden** when the model is
 *   between the start view's camera and the marker;
 * - a viewpoint has **no ground** when a ray cast straight down from it hits nothing;
 * - a walkable area is checked at its corners, the middle of its edges and a grid inside it: a ray
 *   cast down from high above each point must meet a surface within `GROUND_TOLERANCE_M` of the
 *   area's height (else **no ground**); if that surface is water (a mesh or material whose name
 *   says water, lake, sea, ocean, river or harbour, as the site models and most scans name it) the
 *   area is **over water**; and if anything stands more than `HEADROOM_M` above the area at a point,
 *   or blocks a ray along an edge at knee height, the area goes **through a building** (or a wall,
 *   a rock, a tree trunk: anything a visitor could not stand in).
 */
import type { Object3D } from 'three'
import { PerspectiveCamera, Raycaster, Vector3, type Intersection } from 'three'
import type { Stop } from '../../../src/core/content/schema'
import type { LiveChecks } from '../state/ui-store'

export const CHECK_TUNING = {
  fov: 55,
  ratios: [
    { name: '16:9', aspect: 16 / 9 },
    { name: '4:3', aspect: 4 / 3 },
  ],
  /** A marker is hidden when the model is hit this much (metres) before reaching it. */
  hiddenMarginM: 0.3,
  /** The ground under a walkable area is within this of the area's height (metres). */
  GROUND_TOLERANCE_M: 0.75,
  /** Anything higher than this above the area, at a sampled point, is in the way (metres). */
  HEADROOM_M: 2,
  /** Edges are tested for walls at this height above the area (metres). */
  KNEE_M: 0.5,
  /** Grid samples inside an area, per side. */
  gridSide: 5,
} as const

const WATER = /water|lake|sea|ocean|river|harbou?r|eau|mer/i

const ray = new Raycaster()
const down = new Vector3(0, -1, 0)

function hits(root: Object3D, origin: Vector3, direction: Vector3, far = Infinity): Intersection[] {
  ray.set(origin, direction)
  ray.far = far
  return ray.intersectObject(root, true).filter((h) => isSurface(h.object))
}

/** Only the model's own meshes (not the studio's markers) and only visible ones. */
function isSurface(o: Object3D): boolean {
  for (let n: Object3D | null = o; n; n = n.parent) if (!n.visible || n.userData['studioHelper']) return false
  return true
}

function isWater(hit: Intersection): boolean {
  const material = (hit.object as { material?: { name?: string } | { name?: string }[] }).material
  const names = [hit.object.name, hit.object.parent?.name ?? '']
  for (const m of Array.isArray(material) ? material : [material]) names.push(m?.name ?? '')
  return names.some((n) => WATER.test(n))
}

export function checkStop(root: Object3D, stop: Stop): LiveChecks {
  root.updateMatrixWorld(true)
  const result: LiveChecks = { hidden: [], offscreen: [], viewpointsNoGround: [], areas: {} }
  const start = stop.viewpoints.find((v) => v.id === stop.startViewpoint)
  if (start) {
    const eye = new Vector3(...start.position)
    for (const { name, aspect } of CHECK_TUNING.ratios) {
      const camera = new PerspectiveCamera(CHECK_TUNING.fov, aspect, 0.1, 1e5)
      camera.position.copy(eye)
      camera.lookAt(new Vector3(...start.target))
      camera.updateMatrixWorld(true)
      for (const h of stop.hotspots) {
        const p = new Vector3(...h.position).project(camera)
        if (p.z > 1 || Math.abs(p.x) > 1 || Math.abs(p.y) > 1)
          result.offscreen.push({ id: h.id, ratio: name as '16:9' | '4:3' })
      }
    }
    for (const h of stop.hotspots) {
      const to = new Vector3(...h.position).sub(eye)
      const distance = to.length()
      const first = hits(root, eye, to.normalize(), distance)[0]
      if (first && first.distance < distance - CHECK_TUNING.hiddenMarginM) result.hidden.push(h.id)
    }
  }
  for (const vp of stop.viewpoints)
    if (hits(root, new Vector3(...vp.position), down).length === 0) result.viewpointsNoGround.push(vp.id)
  for (const area of stop.walkableAreas) result.areas[area.id] = checkArea(root, area)
  return result
}

type Area = Stop['walkableAreas'][number]

export function checkArea(root: Object3D, area: Area): 'ok' | 'water' | 'building' | 'no-ground' {
  const { GROUND_TOLERANCE_M, HEADROOM_M, KNEE_M } = CHECK_TUNING
  let verdict: 'ok' | 'water' | 'building' | 'no-ground' = 'ok'
  const worse = (v: typeof verdict) => {
    const rank = { ok: 0, water: 1, building: 2, 'no-ground': 3 }
    if (rank[v] > rank[verdict]) verdict = v
  }
  for (const [x, z] of samplePoints(area.polygon)) {
    const above = hits(root, new Vector3(x, area.y + 500, z), down)
    const ground = above.find((h) => Math.abs(h.point.y - area.y) <= GROUND_TOLERANCE_M)
    if (!ground) {
      if (above.some((h) => h.point.y > area.y + HEADROOM_M)) worse('building')
      else worse('no-ground')
      continue
    }
    if (isWater(ground)) worse('water')
    if (above.some((h) => h.point.y > area.y + HEADROOM_M)) worse('building')
  }
  const n = area.polygon.length
  for (let i = 0; i < n; i++) {
    const [ax, az] = area.polygon[i]!
    const [bx, bz] = area.polygon[(i + 1) % n]!
    const from = new Vector3(ax, area.y + KNEE_M, az)
    const along = new Vector3(bx - ax, 0, bz - az)
    const length = along.length()
    if (length > 0 && hits(root, from, along.normalize(), length).length > 0) worse('building')
  }
  return verdict
}

/** Corners, mid-edges and a grid of points inside the polygon (even-odd rule). */
export function samplePoints(polygon: readonly (readonly [number, number])[]): [number, number][] {
  const points: [number, number][] = polygon.map(([x, z]) => [x, z])
  polygon.forEach(([ax, az], i) => {
    const [bx, bz] = polygon[(i + 1) % polygon.length]!
    points.push([(ax + bx) / 2, (az + bz) / 2])
  })
  const xs = polygon.map((p) => p[0])
  const zs = polygon.map((p) => p[1])
  const [minX, maxX, minZ, maxZ] = [Math.min(...xs), Math.max(...xs), Math.min(...zs), Math.max(...zs)]
  const side = CHECK_TUNING.gridSide
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      const x = minX + ((i + 0.5) / side) * (maxX - minX)
      const z = minZ + ((j + 0.5) / side) * (maxZ - minZ)
      if (inside(polygon, x, z)) points.push([x, z])
    }
  return points
}

export function inside(polygon: readonly (readonly [number, number])[], x: number, z: number): boolean {
  let result = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, zi] = polygon[i]!
    const [xj, zj] = polygon[j]!
    if (zi > z !== zj > z && x < ((xj - xi) * (z - zi)) / (zj - zi) + xi) result = !result
  }
  return result
}
