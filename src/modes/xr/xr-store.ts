/**
 * The WebXR session store of @react-three/xr, made by the headset runtime (runtime.ts) when it is
 * loaded, in its lazy chunk.
 *
 * @param emulated the WebXR emulator stands in for a headset: its frames are slow, so a ray's
 * click is given longer.
 */
import { createXRStore } from '@react-three/xr'
import { pickFrameRate } from './frame-rate'
import { XR } from './tuning'

export const createXrSessionStore = (emulated: boolean) =>
  createXRStore({
    // Sessions start only from the visitor's Enter VR click; no browser-offered session.
    offerSession: false,
    enterGrantedSession: false,
    // Emulation is installed by ?emulate= before this module loads (see emulator.ts), never here.
    emulate: false,
    // Controller and hand models are served by us (public/xr-profiles/, copied at install). The
    // path must be absolute: with a relative one the profile loader throws and no controller shows.
    baseAssetPath: new URL(`${import.meta.env.BASE_URL}xr-profiles/`, location.href).href,
    foveation: XR.foveation,
    frameRate: (supported) => pickFrameRate(supported, XR.preferredFrameRate),
    // A VR tour needs tracked hands and nothing of the room: no prompt for spatial data.
    handTracking: true,
    anchors: false,
    planeDetection: false,
    meshDetection: false,
    hitTest: false,
    bodyTracking: false,
    depthSensing: false,
    layers: false,
    domOverlay: false,
    controller: {
      rayPointer: { clickThresholdMs: emulated ? XR.emulatedClickThresholdMs : XR.clickThresholdMs },
      grabPointer: false,
      teleportPointer: false,
    },
    hand: {
      // Pinch selects along the hand's ray; poking with the index finger presses what it touches.
      rayPointer: { clickThresholdMs: emulated ? XR.emulatedClickThresholdMs : XR.clickThresholdMs },
      grabPointer: false,
      teleportPointer: false,
    },
    gaze: false,
    screenInput: false,
  })

export type XrSessionStore = ReturnType<typeof createXrSessionStore>
