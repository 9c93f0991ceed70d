import { XR, useXR } from '@react-three/xr'
import { useEffect } from 'react'
import { registerDiagnosticsSection } from '../../features/diagnostics/diagnostics'
import { useApp } from '../../state/app-context'
import { useArRuntime, useTabletop } from './ar-context'
import { arLive, markersOnScreen } from './ar-live'
import { TabletopRig } from './TabletopRig'

/** Only while this store's session is AR (the headset's VR sessions are bound by it too). */
function InArSession() {
  const ar = useXR((s) => s.session != null && s.mode === 'immersive-ar')
  const presenting = useApp((s) => s.immersive)
  return ar && presenting ? <TabletopRig /> : null
}

/**
 * The AR mode inside the one <Canvas>: connects its XR store to the renderer and, while an AR
 * session runs, puts the page's own site and hotspot markers on the visitor's table (TabletopRig).
 * The tour state is the page's, so leaving AR finds the tour where the visitor was.
 */
export function ArMode() {
  const { store: mode } = useTabletop()
  const runtime = useArRuntime()
  const { xrStore, tabletop } = runtime
  useEffect(() => {
    mode.getState().actions.setReady(true)
    const unregister = runtime.diagnostics
      ? registerDiagnosticsSection('xr', () => {
          const s = xrStore.getState()
          if (s.session == null || s.mode !== 'immersive-ar') return {}
          const t = tabletop.getState()
          return {
            mode: 'immersive-ar',
            placed: t.placed,
            scale: t.scale,
            ar: {
              surfaceFound: t.surfaceFound,
              surface: [...t.surface],
              yaw: t.yaw,
              range: t.range,
              overlay: t.overlay,
              reticle: [...arLive.reticle],
              anchor: [...arLive.anchor],
              siteSize: arLive.size,
              frameMs: +arLive.frameMs.toFixed(2),
              drawCalls: arLive.drawCalls,
              gestures: arLive.gestures,
              markers: markersOnScreen(),
              inputs: s.inputSourceStates.map((i) => `${i.type}:${i.inputSource.handedness}`),
            },
          }
        })
      : () => {}
    return () => {
      mode.getState().actions.setReady(false)
      unregister()
    }
  }, [mode, runtime, xrStore, tabletop])
  return (
    <XR store={xrStore}>
      <InArSession />
    </XR>
  )
}
