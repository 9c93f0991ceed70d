/**
 * How a headset session starts and ends, for the page: a refused start and an end the visitor did
 * not ask for (the system menu, the headset taken off, the browser ending it) both leave the tour
 * usable on the page, with a message in the visitor's language.
 */
import { narrationActive } from '../../core/engine/tour-engine'
import type { NarrationOutput } from '../../features/narration/narration-output'
import type { AppStore } from '../../state/store'
import { vrFailureKey } from './session-faults'
import type { XrModeStore } from './xr-mode-store'
import type { XrSessionStore } from './xr-store'
import { xrLive } from './xr-diagnostics'

export type SessionLifecycle = {
  /** Start the session. Call it from the visitor's click: WebXR needs that gesture. */
  enterVR(): Promise<void>
  /** The visitor's own Exit VR (the wrist menu). */
  exitVR(): void
  /** Stop following the session (the runtime is being disposed). */
  stop(): void
}

/**
 * @param narration the page's narration output, woken inside the Enter VR click (the narration is
 * routed through Web Audio in the headset, and a context made without a gesture stays silent)
 */
export function connectSessionLifecycle(
  xrStore: XrSessionStore,
  app: AppStore,
  mode: XrModeStore,
  narration: Pick<NarrationOutput, 'prepare'>,
): SessionLifecycle {
  /** Whether the session about to end was ended by our own Exit VR. */
  let exitRequested = false

  // The page learns when a session starts and ends, whichever way it ends (the Exit button, the
  // system menu, the headset taken off). The page's tour, stop and story are the headset's own,
  // so after any end the page shows the same place. Only the narration needs a decision when the
  // end was not asked for: nobody is listening in the headset any more, so it pauses (where it
  // was), and the visitor is told why.
  // The renderer has one WebXR manager and every @react-three/xr store connected to it binds every
  // session: an AR session (the AR mode's "View on a table") is bound here too. The headset stands
  // aside for it: none of its controllers, rays or hands, no rig, no change to the page's state.
  const own = xrStore.getState()
  const inputs = { controller: own.controller, hand: own.hand, transientPointer: own.transientPointer }
  const isVr = (s: { session?: XRSession | null; mode: string | null }) =>
    s.session != null && s.mode === 'immersive-vr'
  const unsubscribe = xrStore.subscribe((state, prev) => {
    if (state.frameRate !== prev.frameRate) xrLive.frameRate = state.frameRate ?? null
    if (state.session !== prev.session) {
      if (state.session != null && !isVr(state)) {
        xrStore.setState({ controller: false, hand: false, transientPointer: false })
        return
      }
      if (state.session == null && prev.session != null && !isVr(prev)) {
        xrStore.setState(inputs)
        return
      }
    }
    const on = isVr(state)
    if (on === isVr(prev)) return
    // A new session starts with the menu closed.
    mode.getState().actions.setMenuOpen(false)
    app.getState().actions.setImmersive(on)
    if (on) return
    const asked = exitRequested
    exitRequested = false
    if (asked) return
    const { engine, actions } = app.getState()
    if (narrationActive(engine.narration)) actions.pauseNarration()
    actions.notify('vr.ended')
  })

  return {
    enterVR() {
      // Wake audio inside the gesture too: the narration is routed through Web Audio in the headset.
      narration.prepare()
      exitRequested = false
      return xrStore.enterVR().then(
        () => undefined,
        // Refused (no permission, a frame that may not, a device that cannot): say so in the
        // visitor's language, without the browser's own (English, technical) text. Nothing else
        // changed: the page tour goes on and the button is there for another try.
        (e: unknown) => app.getState().actions.notify(vrFailureKey(e)),
      )
    },
    exitVR() {
      const session = xrStore.getState().session
      if (!session) return
      exitRequested = true
      void session.end().catch(() => {})
    },
    stop: unsubscribe,
  }
}
