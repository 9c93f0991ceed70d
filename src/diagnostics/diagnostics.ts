/**
 * `?diagnostics=1`: renderer numbers for people and tools. The probe inside the canvas samples
 * `renderer.info` each frame into one reused object (no allocation in the frame loop); the
 * read-only `window.portageDiagnostics` returns a fresh snapshot when read.
 */
import type { Camera, Scene, WebGLRenderer } from 'three'
import { Vector3 } from 'three'
import type { AppStore } from '../store/store'

export const diagnosticsEnabled = () => new URLSearchParams(location.search).get('diagnostics') === '1'

export type DiagnosticsSnapshot = {
  frameTimeMs: number
  fps: number
  frames: number
  /** Draw calls of the last frame, all views together. */
  drawCalls: number
  /** Views drawn per frame: 1 on a screen, 2 in a headset (one per eye). */
  views: number
  /** Draw calls per view (per eye in a headset). */
  drawCallsPerEye: number
  triangles: number
  geometries: number
  textures: number
  programs: number
  tour: string | null
  stop: string | null
  hotspot: string | null
  /** Hotspot markers projected to CSS pixels of the page (for tools that aim at them). */
  markers: { id: string; x: number; y: number; onScreen: boolean }[]
  contextLost: boolean
  /** Sections added by modes that are loaded (e.g. `xr` by the headset mode). */
  [section: string]: unknown
}

type Live = {
  gl: WebGLRenderer | null
  scene: Scene | null
  camera: Camera | null
  frameTimes: Float32Array
  frameIndex: number
  frames: number
  drawCalls: number
  views: number
  triangles: number
  contextLost: boolean
  /** Extra sections of the snapshot, each computed when read (never in the frame loop). */
  sections: Map<string, () => unknown>
}

const FRAME_WINDOW = 60

export const live: Live = {
  gl: null,
  scene: null,
  camera: null,
  frameTimes: new Float32Array(FRAME_WINDOW),
  frameIndex: 0,
  frames: 0,
  drawCalls: 0,
  views: 1,
  triangles: 0,
  contextLost: false,
  sections: new Map(),
}

/** Add a section to the snapshot (a mode that is loaded reports its own numbers); returns its removal. */
export function registerDiagnosticsSection(name: string, read: () => unknown): () => void {
  live.sections.set(name, read)
  return () => {
    if (live.sections.get(name) === read) live.sections.delete(name)
  }
}

const projected = new Vector3()

export function snapshot(store: AppStore): DiagnosticsSnapshot {
  const n = Math.min(live.frames, FRAME_WINDOW)
  const times = Array.from(live.frameTimes.subarray(0, n)).sort((a, b) => a - b)
  const median = n ? times[Math.floor(n / 2)]! : 0
  const { engine, tours } = store.getState()
  const stop = engine.tourId ? tours.get(engine.tourId)?.stops[engine.stopIndex] : undefined
  const markers: DiagnosticsSnapshot['markers'] = []
  const canvas = live.gl?.domElement
  if (live.scene && live.camera && canvas) {
    const rect = canvas.getBoundingClientRect()
    live.scene.traverse((o) => {
      const id = o.userData['hotspotId'] as string | undefined
      if (!id || !o.visible) return
      o.getWorldPosition(projected).project(live.camera!)
      const x = rect.left + ((projected.x + 1) / 2) * rect.width
      const y = rect.top + ((1 - projected.y) / 2) * rect.height
      const onScreen = projected.z < 1 && Math.abs(projected.x) <= 1 && Math.abs(projected.y) <= 1
      markers.push({ id, x, y, onScreen })
    })
  }
  return {
    frameTimeMs: +median.toFixed(2),
    fps: median ? +(1000 / median).toFixed(1) : 0,
    frames: live.frames,
    drawCalls: live.drawCalls,
    views: live.views,
    drawCallsPerEye: Math.round(live.drawCalls / live.views),
    triangles: live.triangles,
    geometries: live.gl?.info.memory.geometries ?? 0,
    textures: live.gl?.info.memory.textures ?? 0,
    programs: live.gl?.info.programs?.length ?? 0,
    tour: engine.tourId,
    stop: stop?.id ?? null,
    hotspot: engine.hotspotId,
    markers,
    contextLost: live.contextLost,
    ...Object.fromEntries([...live.sections].map(([name, read]) => [name, read()])),
  }
}

/** Define the read-only `window.portageDiagnostics` (a getter: every read is a fresh snapshot). */
export function exposeDiagnostics(store: AppStore) {
  if ('portageDiagnostics' in window) return
  Object.defineProperty(window, 'portageDiagnostics', {
    get: () => Object.freeze(snapshot(store)),
    configurable: false,
    enumerable: true,
  })
}

/** Called once per frame by the probe, after the previous frame was drawn. */
export function sampleFrame(gl: WebGLRenderer, delta: number) {
  live.frameTimes[live.frameIndex] = delta * 1000
  live.frameIndex = (live.frameIndex + 1) % FRAME_WINDOW
  live.frames++
  live.drawCalls = gl.info.render.calls
  // In a headset one render() draws every view (eye) of the XR camera.
  live.views = gl.xr.isPresenting ? Math.max(1, gl.xr.getCamera().cameras.length) : 1
  live.triangles = gl.info.render.triangles
}
