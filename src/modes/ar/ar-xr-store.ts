/**
 * The WebXR session store of @react-three/xr for AR, made by the AR runtime (runtime-store.ts) in
 * its lazy chunk. Asks the browser only for what placing on a table needs: `hit-test` is required
 * (no surface, no placing); the DOM overlay (the story on a phone's screen), anchors, plane
 * detection and hand tracking are optional, so a headset without a DOM overlay still gets AR.
 *
 * @param overlayRoot the element shown over the camera view on a phone (the AR overlay)
 * @param emulated the WebXR emulator stands in for a device: its frames are slow, so a ray's
 * click is given longer
 */
import { createXRStore } from '@react-three/xr'
import { rayPointerOnly, sessionBasics } from '../../core/xr/session-options'

export const createArSessionStore = (overlayRoot: HTMLElement, emulated: boolean) =>
  createXRStore({
    // Sessions start only from the visitor's "View on a table" click.
    ...sessionBasics(import.meta.env.BASE_URL),
    hitTest: 'required',
    domOverlay: overlayRoot,
    anchors: true,
    planeDetection: true,
    handTracking: true,
    meshDetection: false,
    layers: false,
    depthSensing: false,
    bodyTracking: false,
    controller: rayPointerOnly(emulated),
    hand: rayPointerOnly(emulated),
    gaze: false,
    // A phone's screen taps are read from the DOM overlay (ArOverlay.tsx), which also carries the
    // two-finger pinch and twist: one path for taps, never two events for one touch.
    screenInput: false,
    transientPointer: false,
  })

export type ArSessionStore = ReturnType<typeof createArSessionStore>
