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
