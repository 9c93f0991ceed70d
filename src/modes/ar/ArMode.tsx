import { XR, useXR } from '@react-three/xr'
import { useEffect } from 'react'
import { Matrix4, Vector3 } from 'three'
import { registerDiagnosticsSection } from '../../features/diagnostics/diagnostics'
import { panelTargets } from '../../features/xr-panels/panel-registry'
import { useApp } from '../../state/app-context'
import { useArRuntime, useTabletop } from './ar-context'
import { arLive, markersOnScreen } from './ar-live'
import { TabletopRig } from './TabletopRig'

const toRoom = new Matrix4()
const v = new Vector3()

/**
 * The in-world panels' buttons in the room (the reference space, where the emulator's controllers
 * are moved), not in the site's world, which the origin scales.
 */
function roomTargets() {
  const origin = arLive.origin
  if (!origin) return []
  origin.updateWorldMatrix(true, false)
  toRoom.copy(origin.matrixWorld).invert()
  return panelTargets().map((t) => {
    v.set(t.x, t.y, t.z).applyMatrix4(toRoom)
    const p = { x: v.x, y: v.y, z: v.z }
    v.fromArray(t.normal).transformDirection(toRoom)
    return { id: t.id, ...p, normal: [v.x, v.y, v.z] as [number, number, number] }
  })
}

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
            // The room is the tracking space: a test aims the emulator's controllers at these.
            rig: { x: 0, y: 0, z: 0, yaw: 0 },
            panel: { ...arLive.panel },
            caption: arLive.caption,
            captionLang: arLive.captionLang,
            targets: roomTargets(),
            ar: {
              surfaceFound: t.surfaceFound,
              surface: [...t.surface],
              yaw: t.yaw,
              range: t.range,
              overlay: t.overlay,
              hint: arLive.hint,
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
