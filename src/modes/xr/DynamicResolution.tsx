import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import type { WebXRManager } from 'three'
import { createDynamicResolution, foveationForScale, updateDynamicResolution } from './dynamic-resolution'
import { DYNAMIC_RESOLUTION, XR } from './tuning'
import { xrLive } from './xr-diagnostics'
import { xrStore } from './xr-store'

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
  const state = useRef(createDynamicResolution()).current
  const frames = useRef(0)

  useEffect(() => {
    const r = xrLive.resolution
    r.scale = state.scale
    r.drops = 0
    r.climbs = 0
    r.frameMs = 0
    r.mechanism = 'none'
    return () => {
      r.scale = 1
      r.frameMs = 0
    }
  }, [state])

  useFrame((_, delta) => {
    const test = window.portageXrTest
    if (test && test.burnMs > 0) {
      // Test builds only (?emulate=): a slow frame on demand.
      const until = performance.now() + test.burnMs
      while (performance.now() < until) {
        // burn
      }
    }
    const r = xrLive.resolution
    const session = xrStore.getState().session
    const rate = xrStore.getState().frameRate ?? session?.frameRate ?? DEFAULT_FRAME_RATE
    r.budgetMs = test?.budgetMs ?? 1000 / rate
    r.frameMs = delta * 1000
    // Which way the scale will be applied, known (and shown) before the first change.
    if (++frames.current === 1) r.mechanism = scaleMechanism(gl.xr)
    if (frames.current <= DYNAMIC_RESOLUTION.warmupFrames) return
    if (!updateDynamicResolution(state, r.frameMs, r.budgetMs)) return
    r.scale = state.scale
    r.drops = state.drops
    r.climbs = state.climbs
    r.mechanism = applyScale(gl.xr, state.scale)
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
