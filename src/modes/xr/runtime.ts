/**
 * The headset runtime: a lazy chunk, loaded only where `immersive-vr` is supported (or emulated).
 */
import { narrationOutput } from '../../narration/narration-output'
import { appStore } from '../../store/app-store'
import { xrStore } from './xr-store'

/** Start the session. Call it from the visitor's click: WebXR needs that gesture. */
export function enterVR(): Promise<void> {
  // Wake audio inside the gesture too: the narration is routed through Web Audio in the headset.
  narrationOutput.prepare()
  return xrStore.enterVR().then(
    () => undefined,
    (e: Error) => appStore.getState().actions.notify('vr.failed', { value: e.message }),
  )
}

export function exitVR() {
  void xrStore.getState().session?.end()
}

export { XrMode } from './XrMode'
