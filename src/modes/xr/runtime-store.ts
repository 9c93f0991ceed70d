/**
 * The headset runtime: a lazy chunk, loaded only where `immersive-vr` is supported (or emulated).
 * `createXrRuntime` is called once by the headset mode (headset.tsx) when the chunk arrives.
 */
import type { NarrationOutput } from '../../features/narration/narration-output'
import type { AppStore } from '../../state/store'
import { connectSessionLifecycle } from './session-lifecycle'
import type { XrModeStore } from './xr-mode-store'
import { createXrSessionStore, type XrSessionStore } from './xr-store'
import { XrMode } from './XrMode'

export type XrRuntimeOptions = {
  app: AppStore
  mode: XrModeStore
  emulated: boolean
  diagnostics: boolean
  /** The page's narration output (the same <audio> plays in the headset, spatialised). */
  narration: NarrationOutput
}

export type XrRuntime = {
  xrStore: XrSessionStore
  /** Start a session (from the visitor's click). */
  enterVR(): Promise<void>
  exitVR(): void
  /** The runtime inside the <Canvas> (given to the 3D view as a layer by the shell). */
  XrMode: typeof XrMode
  diagnostics: boolean
  dispose(): void
}

export function createXrRuntime(options: XrRuntimeOptions): XrRuntime {
  const xrStore = createXrSessionStore(options.emulated)
  const lifecycle = connectSessionLifecycle(xrStore, options.app, options.mode, options.narration)
  return {
    xrStore,
    enterVR: lifecycle.enterVR,
    exitVR: lifecycle.exitVR,
    XrMode,
    diagnostics: options.diagnostics,
    dispose: lifecycle.stop,
  }
}
