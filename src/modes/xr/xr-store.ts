/**
 * The WebXR session store of @react-three/xr, made by the headset runtime (runtime.ts) when it is
 * loaded, in its lazy chunk.
 *
 * @param emulated the WebXR emulator stands in for a headset: its frames are slow, so a ray's
 * click is given longer.
 */
import { createXRStore } from '@react-three/xr'
import { NOTHING_OF_THE_ROOM, rayPointerOnly, sessionBasics } from '../../core/xr/session-options'
import { pickFrameRate } from './frame-rate'
import { XR } from './tuning'

export const createXrSessionStore = (emulated: boolean) =>
  createXRStore({
    ...sessionBasics(import.meta.env.BASE_URL),
    foveation: XR.foveation,
    frameRate: (supported) => pickFrameRate(supported, XR.preferredFrameRate),
    // A VR tour needs tracked hands and nothing of the room.
    handTracking: true,
    ...NOTHING_OF_THE_ROOM,
    controller: rayPointerOnly(emulated),
    // Pinch selects along the hand's ray; poking with the index finger presses what it touches.
    hand: rayPointerOnly(emulated),
    gaze: false,
    screenInput: false,
  })

export type XrSessionStore = ReturnType<typeof createXrSessionStore>
