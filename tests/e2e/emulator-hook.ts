/**
 * The tests' handle on the emulated headset. The app puts nothing on `window` (a production build
 * must expose no test hook): the emulator announces itself with an event (EMULATOR_EVENT in
 * src/modes/xr/emulator.ts), and this script, added to every test's browser context before any
 * page script runs (fixtures.ts), keeps what it carries as `window.portageXRDevice` (IWER's
 * XRDevice, to move the controllers) and `window.portageXrTest` (the frame timing controls) and `window.portageXrFeatures` (what the
 * emulated browser grants).
 */
import type { BrowserContext } from '@playwright/test'
import type { XRDevice } from 'iwer'
import type { EmulatorFeatures, EmulatorTiming } from '../../src/modes/xr/emulator'

declare global {
  interface Window {
    /** The emulated headset, for tests that move its controllers. */
    portageXRDevice?: XRDevice
    /** Timing controls of the emulated headset's frames (see EmulatorTiming). */
    portageXrTest?: EmulatorTiming
    /** What the emulated browser grants a session (see EmulatorFeatures). */
    portageXrFeatures?: EmulatorFeatures
  }
}

/** The same name as EMULATOR_EVENT (importing the emulator here would import IWER into Node). */
const EVENT = 'portage:xr-emulator'

export function hookEmulator(context: BrowserContext) {
  return context.addInitScript((event) => {
    window.addEventListener(event, (e) => {
      const { device, timing, features } = (
        e as CustomEvent<{ device: XRDevice; timing: EmulatorTiming; features: EmulatorFeatures }>
      ).detail
      window.portageXRDevice = device
      window.portageXrTest = timing
      window.portageXrFeatures = features
    })
  }, EVENT)
}
