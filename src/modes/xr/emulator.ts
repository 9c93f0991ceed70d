/**
 * `?emulate=quest3`: Meta's WebXR emulator (IWER) as a Quest 3, so the headset path can be shown
 * and tested on a desktop. A lazy chunk, never part of what visitors load otherwise.
 *
 * IWER skips installing when `navigator.xr` exists (desktop Chromium always has it), hence
 * `forceInstall`; @react-three/xr's own `emulate` option cannot pass it (see STACK.md).
 */
import { metaQuest3, XRDevice } from 'iwer'

declare global {
  interface Window {
    /** The emulated headset, for tests and demos that move its controllers. */
    portageXRDevice?: XRDevice
  }
}

export async function installEmulator(): Promise<XRDevice> {
  if (window.portageXRDevice) return window.portageXRDevice
  const device = new XRDevice(metaQuest3)
  device.installRuntime({ forceInstall: true })
  // Hands held in front, as a visitor would.
  device.controllers.right?.position.set(0.2, 1.4, -0.35)
  device.controllers.left?.position.set(-0.2, 1.4, -0.35)
  window.portageXRDevice = device
  // Test hooks of the headset's dynamic resolution (see DynamicResolution.tsx): off until set.
  window.portageXrTest = { burnMs: 0, budgetMs: null }
  return device
}
