/**
 * `?emulate=quest3`: Meta's WebXR emulator (IWER) as a Quest 3, so the headset path (VR, and AR on
 * a table of its synthetic room) can be shown and tested on a desktop. A lazy chunk, never part of what visitors load otherwise.
 *
 * IWER skips installing when `navigator.xr` exists (desktop Chromium always has it), hence
 * `forceInstall`; @react-three/xr's own `emulate` option cannot pass it, and with it off it silently
 * does nothing (IWER 2.3+ and @react-three/xr 6.6, checked in this repository's VR tests).
 */
import { metaQuest3, XRDevice } from 'iwer'

/** Test controls of the emulated session's timing (only this emulator chunk reads them). */
export type EmulatorTiming = {
  /** Burn this much CPU at the start of each headset frame (a slow frame on demand). */
  burnMs: number
  /**
   * Report a frame rate of 1000 / budgetMs for the session, so the app's frame budget is this many
   * ms (emulated frames on CPU rendering are far slower than a headset's). Null: the device's own.
   */
  budgetMs: number | null
}

/** Test controls of what the emulated browser grants a session (only this emulator chunk reads them). */
export type EmulatorFeatures = {
  /**
   * Grant an AR session the DOM overlay it asks for (`domOverlayState.type: 'screen'`), as a
   * phone's browser does; IWER itself never grants one. The desktop page does show the overlay
   * element over the emulated view, so this is on by default; a test turns it off to be a headset
   * without a DOM overlay (Quest Browser), whose stories show in the world.
   */
  domOverlay: boolean
}

/**
 * The event the emulator announces itself with, `detail: { device, timing, features }`. Nothing is put on
 * `window`, in any build: a test that drives the emulated headset listens for this event from a
 * script that runs before the page's own (tests/e2e/emulator-hook.ts, Playwright's
 * addInitScript) and keeps the handles itself. See docs/security.md, "Test hooks".
 */
export const EMULATOR_EVENT = 'portage:xr-emulator'

/** The device installed, once per page. */
let installed: XRDevice | null = null

/**
 * Make the emulated session's frames as slow as a test asks, and its frame rate the one it asks
 * for: both on the emulator's own XRSession, so the app's code is the same as in a real headset.
 */
function controlTiming(timing: EmulatorTiming) {
  const proto = (globalThis as unknown as { XRSession: { prototype: XRSession } }).XRSession.prototype
  const requestFrame = proto.requestAnimationFrame
  let burnedAt = -1
  proto.requestAnimationFrame = function (this: XRSession, callback: XRFrameRequestCallback) {
    return requestFrame.call(this, (time, frame) => {
      // Once per headset frame, whoever asked for it first.
      if (timing.burnMs > 0 && time !== burnedAt) {
        burnedAt = time
        const until = performance.now() + timing.burnMs
        while (performance.now() < until) {
          // burn
        }
      }
      callback(time, frame)
    })
  }
  const rate = Object.getOwnPropertyDescriptor(proto, 'frameRate')
  Object.defineProperty(proto, 'frameRate', {
    configurable: true,
    get(this: XRSession) {
      return timing.budgetMs ? 1000 / timing.budgetMs : rate?.get?.call(this)
    },
  })
}

/** Grant a DOM overlay to AR sessions that ask for one, while `features.domOverlay` says so. */
function grantDomOverlay(features: EmulatorFeatures) {
  const xr = navigator.xr
  if (!xr) return
  const request = xr.requestSession.bind(xr)
  xr.requestSession = async (mode: XRSessionMode, init?: XRSessionInit) => {
    const session = await request(mode, init)
    const asked = [...(init?.requiredFeatures ?? []), ...(init?.optionalFeatures ?? [])].includes(
      'dom-overlay',
    )
    if (mode === 'immersive-ar' && asked && init?.domOverlay?.root && features.domOverlay)
      Object.defineProperty(session, 'domOverlayState', { configurable: true, value: { type: 'screen' } })
    return session
  }
}

export async function installEmulator(): Promise<XRDevice> {
  if (installed) return installed
  const device = new XRDevice(metaQuest3)
  device.installRuntime({ forceInstall: true })
  // Surfaces for AR: Meta's synthetic environment module gives the emulated device a small office
  // (walls, floor, a table) that hit-test, plane detection and the passthrough view come from.
  // Bundled in this chunk (no fetch): @iwer/sem imports its room as a module.
  const { SyntheticEnvironmentModule } = await import('@iwer/sem')
  device.installSEM(SyntheticEnvironmentModule)
  await device.sem?.loadDefaultEnvironment('office_small')
  // Hands held in front, as a visitor would.
  device.controllers.right?.position.set(0.2, 1.4, -0.35)
  device.controllers.left?.position.set(-0.2, 1.4, -0.35)
  installed = device
  // Off until a test sets them (tests/e2e/vr-resolution.spec.ts).
  const timing: EmulatorTiming = { burnMs: 0, budgetMs: null }
  controlTiming(timing)
  const features: EmulatorFeatures = { domOverlay: true }
  grantDomOverlay(features)
  window.dispatchEvent(new CustomEvent(EMULATOR_EVENT, { detail: { device, timing, features } }))
  return device
}
