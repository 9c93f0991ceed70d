/**
 * The AR runtime: a lazy chunk, loaded only where `immersive-ar` is supported (or emulated).
 * `createArRuntime` is called once by the AR mode (tabletop-store.ts) when the chunk arrives.
 */
import type { NarrationOutput } from '../../features/narration/narration-output'
import type { AppStore } from '../../state/store'
import { createArSessionStore, type ArSessionStore } from './ar-xr-store'
import type { ArModeStore } from './ar-mode-store'
import { ArMode } from './ArMode'
import { connectArLifecycle } from './session-lifecycle'
import { createTabletopStateStore, type TabletopStateStore } from './tabletop-state-store'

export type ArRuntimeOptions = {
  app: AppStore
  mode: ArModeStore
  emulated: boolean
  diagnostics: boolean
  narration: NarrationOutput
}

export type ArRuntime = {
  xrStore: ArSessionStore
  tabletop: TabletopStateStore
  /** The element shown over the camera view (the browser's DOM overlay), filled by ArOverlay. */
  overlayRoot: HTMLElement
  /** Start a session (from the visitor's click). */
  enterAR(): Promise<void>
  exitAR(): void
  /** The runtime inside the <Canvas> (given to the 3D view as a layer by the shell). */
  ArMode: typeof ArMode
  diagnostics: boolean
  dispose(): void
}

export function createArRuntime(options: ArRuntimeOptions): ArRuntime {
  const overlayRoot = document.createElement('div')
  overlayRoot.className = 'ar-overlay-root'
  overlayRoot.dataset['testid'] = 'ar-overlay'
  const xrStore = createArSessionStore(overlayRoot, options.emulated)
  const tabletop = createTabletopStateStore()
  const lifecycle = connectArLifecycle(xrStore, tabletop, options.app, options.narration)
  return {
    xrStore,
    tabletop,
    overlayRoot,
    enterAR: lifecycle.enterAR,
    exitAR: lifecycle.exitAR,
    ArMode,
    diagnostics: options.diagnostics,
    dispose() {
      lifecycle.stop()
      xrStore.destroy()
    },
  }
}
