/**
 * The one XR store of the app, created once at module load (in the headset runtime's lazy chunk).
 */
import { createXRStore } from '@react-three/xr'
import { pickFrameRate } from './follow'
import { XR } from './tuning'
import { xrLive } from './xr-diagnostics'
import { xrModeStore } from './xr-mode-store'

const emulated = new URLSearchParams(location.search).has('emulate')

export const xrStore = createXRStore({
  // Sessions start only from the visitor's Enter VR click; no browser-offered session.
  offerSession: false,
  enterGrantedSession: false,
  // Emulation is installed by ?emulate= before this module loads (see emulator.ts), never here.
  emulate: false,
  // Controller and hand models are served by us; the path must be absolute (see STACK.md).
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

// The page learns when a session starts and ends, whichever way it ends (the Exit button, the
// system menu, the headset taken off).
xrStore.subscribe((state, prev) => {
  if ((state.session != null) !== (prev.session != null))
    xrModeStore.getState().actions.setPresenting(state.session != null)
  if (state.frameRate !== prev.frameRate) xrLive.frameRate = state.frameRate ?? null
})
