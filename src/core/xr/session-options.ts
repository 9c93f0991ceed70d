/**
 * What every Portage WebXR session asks of @react-three/xr's store, whichever app makes it (the
 * headset mode, AR on a table, the studio's headset editing): plain options, so the core stays
 * free of the XR library; each store spreads them into `createXRStore` and adds its own.
 */

/**
 * How long a ray's press may last and still be a click (ms). Emulated frames (IWER on CPU
 * rendering) take ~100 ms each, so a press and release there are given longer.
 */
export const XR_CLICK_MS = { device: 300, emulated: 4000 } as const

/** A controller's or hand's pointers: a ray that clicks, no grabbing, no built-in teleport. */
export const rayPointerOnly = (emulated: boolean) =>
  ({
    rayPointer: { clickThresholdMs: emulated ? XR_CLICK_MS.emulated : XR_CLICK_MS.device },
    grabPointer: false,
    teleportPointer: false,
  }) as const

/**
 * Sessions start only from the visitor's own click (no browser-offered or granted session); the
 * emulator, where wanted, is installed by the page before the store exists (never by the store);
 * controller and hand models are ours, served from `xr-profiles/` (the URL must be absolute: with
 * a relative one the profile loader throws and no controller shows).
 * @param base the app's base path (`import.meta.env.BASE_URL`)
 */
export const sessionBasics = (base: string) =>
  ({
    offerSession: false,
    enterGrantedSession: false,
    emulate: false,
    baseAssetPath: new URL(`${base}xr-profiles/`, location.href).href,
  }) as const

/** A session in a virtual place needs nothing of the room: no prompt for spatial data. */
export const NOTHING_OF_THE_ROOM = {
  anchors: false,
  planeDetection: false,
  meshDetection: false,
  hitTest: false,
  bodyTracking: false,
  depthSensing: false,
  layers: false,
  domOverlay: false,
} as const
