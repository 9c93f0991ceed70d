/**
 * How an AR session starts and ends, for the page: a refused start and an end the visitor did not
 * ask for (the browser's back gesture, the system menu) both leave the tour usable on the page,
 * with a message in the visitor's language. The tour, stop and story are the page's own, so after
 * any end the page shows the same place.
 *
 * The page's renderer has one WebXR manager, and every @react-three/xr store connected to it
 * binds every session it starts. This store stands aside for a session that is not AR (the
 * headset mode's VR): no controllers or rays of its own appear in it.
 */
import { narrationActive } from '../../core/engine/tour-engine'
import type { NarrationOutput } from '../../features/narration/narration-output'
import type { AppStore } from '../../state/store'
import type { ArSessionStore } from './ar-xr-store'
import { arFailureKey } from './session-faults'
import type { TabletopStateStore } from './tabletop-state-store'

export type ArLifecycle = {
  enterAR(): Promise<void>
  exitAR(): void
  stop(): void
}

export function connectArLifecycle(
  xrStore: ArSessionStore,
  tabletop: TabletopStateStore,
  app: AppStore,
  narration: Pick<NarrationOutput, 'prepare'>,
): ArLifecycle {
  let exitRequested = false
  const own = xrStore.getState()
  const inputs = {
    controller: own.controller,
    hand: own.hand,
    transientPointer: own.transientPointer,
    screenInput: own.screenInput,
    gaze: own.gaze,
  }
  const isAr = (s: { session?: XRSession | null; mode: string | null }) =>
    s.session != null && s.mode === 'immersive-ar'

  const unsubscribe = xrStore.subscribe((state, prev) => {
    if (state.session === prev.session) return
    // Someone else's session (VR): no inputs of ours in it; back to ours when it ends.
    if (state.session != null && !isAr(state)) {
      xrStore.setState({
        controller: false,
        hand: false,
        transientPointer: false,
        screenInput: false,
        gaze: false,
      })
      return
    }
    if (state.session == null && prev.session != null && !isAr(prev)) {
      xrStore.setState(inputs)
      return
    }
    const on = isAr(state)
    app.getState().actions.setImmersive(on)
    if (on) {
      tabletop.getState().actions.reset()
      tabletop.getState().actions.setOverlay(state.session?.domOverlayState != null)
      return
    }
    tabletop.getState().actions.reset()
    const asked = exitRequested
    exitRequested = false
    if (asked) return
    const { engine, actions } = app.getState()
    if (narrationActive(engine.narration)) actions.pauseNarration()
    actions.notify('ar.ended')
  })

  return {
    enterAR() {
      narration.prepare()
      exitRequested = false
      return xrStore.enterAR().then(
        () => undefined,
        (e: unknown) => app.getState().actions.notify(arFailureKey(e)),
      )
    },
    exitAR() {
      const session = xrStore.getState().session
      if (!session) return
      exitRequested = true
      void session.end().catch(() => {})
    },
    stop: unsubscribe,
  }
}
