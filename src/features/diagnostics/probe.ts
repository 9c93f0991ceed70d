/**
 * The renderer side of `?diagnostics=1`, loaded with the 3D view: per-frame sampling into reused
 * storage, and snapshots (marker projection) computed only when someone reads them.
 */
import type { Camera, Scene, WebGLRenderer } from 'three'
import { Vector3 } from 'three'
import type { AppStore } from '../../state/store'
import { registerProbe, type DiagnosticsSnapshot } from './diagnostics'

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
  /** Whether the WebGL context is lost, as the stage's one watch on it says (given by the stage). */
  contextLost: () => boolean
  /**
   * Extra sections of the snapshot, each computed when read (never in the frame loop). Several
   * modes may add to one section (the headset and AR both report under `xr`): their objects are
   * merged, a later one's defined fields over an earlier one's.
   */
  sections: Map<string, (() => unknown)[]>
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
  contextLost: () => false,
  sections: new Map(),
}

/** Add a section to the snapshot (a mode that is loaded reports its own numbers); returns its removal. */
export function registerDiagnosticsSection(name: string, read: () => unknown): () => void {
  live.sections.set(name, [...(live.sections.get(name) ?? []), read])
  return () => {
    const rest = (live.sections.get(name) ?? []).filter((r) => r !== read)
    if (rest.length) live.sections.set(name, rest)
    else live.sections.delete(name)
  }
}

/** One section's value: its contributors' objects merged (undefined fields do not overwrite). */
function readSection(reads: (() => unknown)[]): unknown {
  if (reads.length === 1) return reads[0]!()
  const merged: Record<string, unknown> = {}
  for (const read of reads) {
    const value = read()
    if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) if (v !== undefined) merged[k] = v
  }
  return merged
}

const projected = new Vector3()

function snapshot(store: AppStore): DiagnosticsSnapshot {
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
    contextLost: live.contextLost(),
    camera: live.camera
      ? [live.camera.position.x, live.camera.position.y, live.camera.position.z]
      : [0, 0, 0],
    ...Object.fromEntries([...live.sections].map(([name, reads]) => [name, readSection(reads)])),
  }
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

registerProbe(snapshot)
