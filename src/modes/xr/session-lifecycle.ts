/**
 * How a headset session starts and ends, for the page: a refused start and an end the visitor did
 * not ask for (the system menu, the headset taken off, the browser ending it) both leave the tour
 * usable on the page, with a message in the visitor's language.
 */
import { narrationOutput } from '../../features/narration/narration-output'
import { appStore } from '../../state/app-store'
import { vrFailureKey } from './session-faults'
import { xrStore } from './xr-store'

/** Whether the session about to end was ended by our own Exit VR. */
let exitRequested = false

/** Start the session. Call it from the visitor's click: WebXR needs that gesture. */
export function enterVR(): Promise<void> {
  // Wake audio inside the gesture too: the narration is routed through Web Audio in the headset.
  narrationOutput.prepare()
  exitRequested = false
  return xrStore.enterVR().then(
    () => undefined,
    // Refused (no permission, a frame that may not, a device that cannot): say so in the visitor's
    // language, without the browser's own (English, technical) text. Nothing else changed: the page
    // tour goes on and the button is there for another try.
    (e: unknown) => appStore.getState().actions.notify(vrFailureKey(e)),
  )
}

/** The visitor's own Exit VR (the wrist menu). */
export function exitVR() {
  const session = xrStore.getState().session
  if (!session) return
  exitRequested = true
  void session.end().catch(() => {})
}

// The page's tour, stop and story are the headset's own, so after any end the page shows the same
// place. Only the narration needs a decision when the end was not asked for: nobody is listening
// in the headset any more, so it pauses (where it was), and the visitor is told why.
xrStore.subscribe((state, prev) => {
  if (prev.session == null || state.session != null) return
  const asked = exitRequested
  exitRequested = false
  if (asked) return
  const { engine, actions } = appStore.getState()
  const status = engine.narration.status
  if (status === 'playing' || status === 'loading') actions.pauseNarration()
  actions.notify('vr.ended')
})
