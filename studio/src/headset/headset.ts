/**
 * Editing in the headset: the studio's 3D view can enter VR (a real headset's WebXR, or with
 * `?emulate=quest3` Meta's WebXR emulator, IWER, as a Quest 3). There the editor stands in the site
 * at true scale, at the start viewpoint, on the ground under it; pointing the controller's ray at the
 * model and pulling the trigger moves the selected hotspot there (one edit, in the fields and the
 * undo history like any other), or selects the marker pointed at.
 */
import { createXRStore } from '@react-three/xr'
import { NOTHING_OF_THE_ROOM, rayPointerOnly, sessionBasics } from '../../../src/core/xr/session-options'

/** The same announcement as the app's emulator (src/modes/xr/emulator.ts), for the tests' hook. */
const EMULATOR_EVENT = 'portage:xr-emulator'

/**
 * IWER skips installing when `navigator.xr` exists (desktop Chromium always has it), hence
 * `forceInstall`; @react-three/xr's own `emulate` option cannot pass it.
 */
export async function installEmulator() {
  const { metaQuest3, XRDevice } = await import('iwer')
  const device = new XRDevice(metaQuest3)
  device.installRuntime({ forceInstall: true })
  device.controllers.right?.position.set(0.2, 1.4, -0.35)
  device.controllers.left?.position.set(-0.2, 1.4, -0.35)
  window.dispatchEvent(
    new CustomEvent(EMULATOR_EVENT, { detail: { device, timing: { burnMs: 0, budgetMs: null } } }),
  )
  return device
}

export const createStudioXrStore = (emulated: boolean) =>
  createXRStore({
    ...sessionBasics('/'),
    handTracking: false,
    ...NOTHING_OF_THE_ROOM,
    controller: rayPointerOnly(emulated),
  })
