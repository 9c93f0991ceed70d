/**
 * Live values of the AR session, mutated in place by the frame loop (never through React state) and
 * read when asked: by a screen tap (which marker is under the finger) and by `?diagnostics=1`.
 */
import type { Camera, Matrix4, Object3D, Scene } from 'three'
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
  /** The XR origin (its children live in the room's reference space), while a session runs. */
  origin: null as Object3D | null,
  /** In-world panels (no DOM overlay): the story shown and its language, the caption, the hint. */
  panel: { hotspot: null as string | null, title: '', lang: '' },
  caption: '',
  captionLang: '',
  hint: '',
  /** The pointers (rays) over an in-world panel now: their trigger presses a button, not places. */
  overPanels: new Set<number>(),
}

/**
 * `m · (x, y, z, 1)`, divided by w, into `out`: by hand, so that this module (shared with the
 * overlay, on the page's side) imports no three.js code and needs no 3D chunk of its own.
 */
function transform(m: Matrix4, x: number, y: number, z: number, out: number[]) {
  const e = m.elements
  const w = e[3]! * x + e[7]! * y + e[11]! * z + e[15]!
  out[0] = (e[0]! * x + e[4]! * y + e[8]! * z + e[12]!) / w
  out[1] = (e[1]! * x + e[5]! * y + e[9]! * z + e[13]!) / w
  out[2] = (e[2]! * x + e[6]! * y + e[10]! * z + e[14]!) / w
}

const view = [0, 0, 0]
const ndc = [0, 0, 0]

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
    const e = m.matrixWorld.elements
    transform(camera.matrixWorldInverse, e[12]!, e[13]!, e[14]!, view)
    transform(camera.projectionMatrix, view[0]!, view[1]!, view[2]!, ndc)
    const [x, y, z] = ndc as [number, number, number]
    if (z < -1 || z > 1) return []
    return [{ id, x: ((x + 1) / 2) * width, y: ((1 - y) / 2) * height }]
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
