/**
 * State of the AR mode that the page needs before (and without) loading it: whether this browser
 * can place the site on a table, and the runtime once loaded. Small and framework-free, in the tour
 * view's chunk; the runtime (three's XR, hit-test, gestures) is a lazy chunk loaded only where
 * `immersive-ar` is supported. Whether a session is on is the app's own fact (`AppState.immersive`).
 */
import { createStore } from 'zustand/vanilla'
import type { ArRuntime } from './runtime-store'

/**
 * `webxr`: the site can be placed here, with its stories; `quick-look` / `scene-viewer`: no WebXR
 * AR, but the phone's own AR viewer can show the stop (without its stories, native-viewers.ts);
 * `unsupported`: no AR here.
 */
export type ArSupport = 'checking' | 'webxr' | 'quick-look' | 'scene-viewer' | 'unsupported'

export type ArModeState = {
  support: ArSupport
  runtime: ArRuntime | null
  /** The runtime is connected to the renderer: a click can start a session at once. */
  ready: boolean
  actions: {
    setSupport(support: ArSupport, runtime?: ArRuntime): void
    setReady(ready: boolean): void
  }
}

export function createArModeStore() {
  return createStore<ArModeState>()((set, get) => ({
    support: 'checking',
    runtime: null,
    ready: false,
    actions: {
      setSupport: (support, runtime) => set({ support, runtime: runtime ?? get().runtime }),
      setReady: (ready) => set({ ready }),
    },
  }))
}

export type ArModeStore = ReturnType<typeof createArModeStore>
