import { XR, useXR } from '@react-three/xr'
import { useEffect } from 'react'
import { registerDiagnosticsSection } from '../../features/diagnostics/diagnostics'
import { DynamicResolution } from './DynamicResolution'
import { Locomotion } from './Locomotion'
import { SpatialNarration } from './SpatialNarration'
import { Vignette } from './Vignette'
import { xrSnapshot } from './xr-diagnostics'
import { useApp } from '../../state/app-context'
import { useHeadset } from './headset-context'
import { useXrRuntime } from './XrLayer'
import { XrCaptions } from './XrCaptions'
import { XrDiagnostics } from './XrDiagnostics'
import { XrHotspotPanel } from './XrHotspotPanel'
import { XrMenu } from './XrMenu'
import { XrNotice } from './XrNotice'
import { XrRig } from './XrRig'

/** Everything that exists only during a session; unmounted (and disposed) when it ends. */
function InSession() {
  const diagnostics = useXrRuntime().diagnostics
  return (
    <XrRig>
      <XrHotspotPanel />
      <XrCaptions />
      <XrNotice />
      <XrMenu />
      <Locomotion />
      <Vignette />
      <SpatialNarration />
      <DynamicResolution />
      {diagnostics && <XrDiagnostics />}
    </XrRig>
  )
}

/** Only while this store's session is VR (an AR session is bound by this store too). */
function InVrSession() {
  const vr = useXR((s) => s.session != null && s.mode === 'immersive-vr')
  return vr ? <InSession /> : null
}

/**
 * The headset mode inside the one <Canvas>: connects the XR store to the renderer and, while a
 * session runs, adds the visitor's rig, in-world panels, captions, menu, locomotion and spatial
 * narration around the same stop the page shows. The site, hotspot markers and tour state are
 * the page's own, so leaving the headset finds the tour exactly where the visitor was.
 */
export function XrMode() {
  const presenting = useApp((s) => s.immersive)
  const { store: mode, options } = useHeadset()
  const { xrStore } = useXrRuntime()
  useEffect(() => {
    const { actions } = mode.getState()
    actions.setReady(true)
    const unregister = registerDiagnosticsSection('xr', () =>
      xrSnapshot(options.app.getState().immersive, {
        menuOpen: mode.getState().menuOpen,
        comfort: mode.getState().comfort,
        inputs: xrStore.getState().inputSourceStates.map((s) => `${s.type}:${s.inputSource.handedness}`),
        mode: xrStore.getState().mode === 'immersive-vr' ? 'immersive-vr' : undefined,
      }),
    )
    return () => {
      actions.setReady(false)
      unregister()
    }
  }, [mode, options, xrStore])
  return <XR store={xrStore}>{presenting && <InVrSession />}</XR>
}
