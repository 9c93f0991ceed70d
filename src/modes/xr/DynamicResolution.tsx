import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import type { WebXRManager } from 'three'
import { createDynamicResolution, foveationForScale, updateDynamicResolution } from './dynamic-resolution'
import { DYNAMIC_RESOLUTION, XR } from './tuning'
import { xrLive } from './xr-diagnostics'
import { useXrRuntime } from './XrLayer'

/** Quest's default refresh rate, for a session that does not say which rate it runs at. */
const DEFAULT_FRAME_RATE = 72

/**
 * Dynamic resolution during a session: each frame's time against the session's frame budget feeds
 * the controller (dynamic-resolution.ts); a new scale goes to every view with WebXR's
 * `XRView.requestViewportScale` (it takes effect at the next `getViewport`, i.e. the next frame,
 * as three asks for viewports before this runs). Without it, fixed foveation is raised instead.
 * Nothing is allocated per frame: the viewer pose is asked for only when the scale changes.
 */
export function DynamicResolution() {
  const gl = useThree((s) => s.gl)
  const { xrStore } = useXrRuntime()
  const state = useRef(createDynamicResolution()).current
  const frames = useRef(0)
  const mechanism = useRef<Mechanism>('none')

  // What tools read (xrLive.resolution) is written here as a report, never read back: the
  // controller's own state and the frame's numbers are the working values.
  useEffect(() => {
    const r = xrLive.resolution
    Object.assign(r, { scale: state.scale, drops: 0, climbs: 0, frameMs: 0, mechanism: 'none' })
    return () => {
      r.scale = 1
      r.frameMs = 0
    }
  }, [state])

  useFrame((_, delta) => {
    const session = xrStore.getState().session
    // The rate the session actually runs at; else the one asked for; else the device's default.
    const rate = session?.frameRate ?? xrStore.getState().frameRate ?? DEFAULT_FRAME_RATE
    const budgetMs = 1000 / rate
    const frameMs = delta * 1000
    // Which way the scale will be applied, known (and shown) before the first change.
    if (++frames.current === 1) mechanism.current = scaleMechanism(gl.xr)
    const changed =
      frames.current > DYNAMIC_RESOLUTION.warmupFrames && updateDynamicResolution(state, frameMs, budgetMs)
    if (changed) mechanism.current = applyScale(gl.xr, state.scale)
    const r = xrLive.resolution
    r.budgetMs = budgetMs
    r.frameMs = frameMs
    r.scale = state.scale
    r.drops = state.drops
    r.climbs = state.climbs
    r.mechanism = mechanism.current
  })
  return null
}

type Mechanism = typeof xrLive.resolution.mechanism

function currentViews(xr: WebXRManager) {
  const frame = xr.getFrame() as XRFrame | null
  const space = xr.getReferenceSpace()
  return (frame && space ? frame.getViewerPose(space) : null)?.views
}

/** How a scale can be applied in this session: per view, else through foveation, else not at all. */
function scaleMechanism(xr: WebXRManager): Mechanism {
  const views = currentViews(xr)
  if (views && views.length > 0 && typeof views[0]!.requestViewportScale === 'function')
    return 'viewport-scale'
  return xr.getBaseLayer() ? 'foveation' : 'none'
}

function applyScale(xr: WebXRManager, scale: number): Mechanism {
  const mechanism = scaleMechanism(xr)
  if (mechanism === 'viewport-scale') for (const view of currentViews(xr)!) view.requestViewportScale(scale)
  if (mechanism === 'foveation') xr.setFoveation(foveationForScale(scale, XR.foveation))
  return mechanism
}
