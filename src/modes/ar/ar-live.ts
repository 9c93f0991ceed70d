/**
 * Live values of the AR session, mutated in place by the frame loop (never through React state) and
 * read when asked: by a screen tap (which marker is under the finger) and by `?diagnostics=1`.
 */
import { Vector3, type Camera, type Object3D, type Scene } from 'three'
import { TABLETOP } from './placement'

export const arLive = {
  scene: null as Scene | null,
  /** The eye the phone's screen shows (the XR camera's first view). */
  camera: null as Camera | null,
  /** Where the reticle is (reference space), valid while a surface is found. */
  reticle: [0, 0, 0] as [number, number, number],
  /** The site's anchor (centre of its footprint, at its lowest point) and largest side (m). */
  anchor: [0, 0, 0] as [number, number, number],
  size: 0,
  /** Frame time (ms), smoothed, and draw calls of the last frame, for diagnostics and docs/ar.md. */
  frameMs: 0,
  drawCalls: 0,
  /** Two-hand gestures performed (scale or turn), counted for tests. */
  gestures: 0,
}

const world = new Vector3()

function markerObjects(scene: Scene): Object3D[] {
  return scene.getObjectByName('hotspot-markers')?.children ?? []
}

/** Every marker's centre on the screen (CSS px of the window), for the eye the screen shows. */
export function markersOnScreen(width = innerWidth, height = innerHeight) {
  const { scene, camera } = arLive
  if (!scene || !camera) return []
  return markerObjects(scene).flatMap((m) => {
    const id = m.userData['hotspotId'] as string | undefined
    if (!id) return []
    m.getWorldPosition(world).project(camera)
    if (world.z < -1 || world.z > 1) return []
    return [{ id, x: ((world.x + 1) / 2) * width, y: ((1 - world.y) / 2) * height }]
  })
}

/** The marker under a tap at (x, y) CSS px, if one is within the tap radius. */
export function markerAt(x: number, y: number): string | null {
  let best: string | null = null
  let bestD: number = TABLETOP.tapRadiusPx
  for (const m of markersOnScreen()) {
    const d = Math.hypot(m.x - x, m.y - y)
    if (d <= bestD) {
      best = m.id
      bestD = d
    }
  }
  return best
}
