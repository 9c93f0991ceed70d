import { XR } from '@react-three/xr'
import { useEffect } from 'react'
import { diagnosticsEnabled } from '../../features/diagnostics/diagnostics'
import { registerDiagnosticsSection } from '../../features/diagnostics/probe'
import { DynamicResolution } from './DynamicResolution'
import { Locomotion } from './Locomotion'
import { SpatialNarration } from './SpatialNarration'
import { Vignette } from './Vignette'
import { xrSnapshot } from './xr-diagnostics'
import { useXrMode, xrModeStore } from './xr-mode-store'
import { xrStore } from './xr-store'
import { XrCaptions } from './XrCaptions'
import { XrDiagnostics } from './XrDiagnostics'
import { XrHotspotPanel } from './XrHotspotPanel'
import { XrMenu } from './XrMenu'
import { XrNotice } from './XrNotice'
import { XrRig } from './XrRig'

/** Everything that exists only during a session; unmounted (and disposed) when it ends. */
function InSession() {
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
      {diagnosticsEnabled() && <XrDiagnostics />}
    </XrRig>
  )
}

/**
 * The headset mode inside the one <Canvas>: connects the XR store to the renderer and, while a
 * session runs, adds the visitor's rig, in-world panels, captions, menu, locomotion and spatial
 * narration around the same stop the page shows. The site, hotspot markers and tour state are
 * the page's own, so leaving the headset finds the tour exactly where the visitor was.
 */
export function XrMode() {
  const presenting = useXrMode((s) => s.presenting)
  useEffect(() => {
    const { actions } = xrModeStore.getState()
    actions.setReady(true)
    const unregister = registerDiagnosticsSection('xr', () =>
      xrSnapshot(xrModeStore.getState().presenting, {
        menuOpen: xrModeStore.getState().menuOpen,
        comfort: xrModeStore.getState().comfort,
        inputs: xrStore.getState().inputSourceStates.map((s) => `${s.type}:${s.inputSource.handedness}`),
      }),
    )
    return () => {
      actions.setReady(false)
      unregister()
    }
  }, [])
  return <XR store={xrStore}>{presenting && <InSession />}</XR>
}
