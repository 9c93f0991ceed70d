/**
 * The AR mode ("View on a table") as its shell sees it: made by `createTabletop` (only shells call
 * it), given to the tree by <TabletopProvider>, plugged into the page through slots (the button in
 * the sidebar, the runtime as a layer of the 3D view). It finds out once whether this browser can
 * start `immersive-ar` with hit-test and loads the runtime chunk (runtime-store.ts) only then.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react'
import type { Slots } from '../../features/slots/slots'
import type { NarrationOutput } from '../../features/narration/narration-output'
import type { AppStore } from '../../state/store'
import { createArModeStore, type ArModeStore } from './ar-mode-store'
import { nativeViewer } from './native-viewers'

export type TabletopOptions = {
  app: AppStore
  /** The WebXR emulator stands in for a device (`?emulate=`): slow frames, longer ray clicks. */
  emulated: boolean
  /** `?diagnostics=1`: the `xr` section of the snapshot gains the miniature's numbers. */
  diagnostics: boolean
  /** The page's narration output (woken inside the visitor's click, as for the headset). */
  narration: NarrationOutput
  /**
   * The page's own story panel and captions, shown over the camera view (passed by the shell, so
   * the AR chunk shares them with the page instead of splitting them out of its chunks).
   */
  ui: { StoryPanel: ComponentType; Captions: ComponentType }
  /**
   * Offer the phone's own AR viewer (Quick Look, Scene Viewer) where WebXR AR is not available.
   * The embed does not: its "Open in Portage" link leads to the full page, where they are offered.
   * @default true
   */
  nativeViewers?: boolean
}

/** How a shell draws "View on a table" in a place of its own (the embed's bar). */
export type ArEntryRender = (entry: { label: string; onClick: () => void; disabled: boolean }) => ReactNode

export type Tabletop = {
  store: ArModeStore
  options: TabletopOptions
  /** Find out, once, whether this browser can place the site on a table, and load the runtime if so. */
  detect(): Promise<void>
  /** Disconnect the runtime (its store subscriptions); the page's own state is untouched. */
  stop(): void
}

export function createTabletop(options: TabletopOptions): Tabletop {
  const store = createArModeStore()
  let detection: Promise<void> | null = null
  const detect = () => {
    detection ??= (async () => {
      const { actions } = store.getState()
      // WebXR exists only in secure contexts; iOS Safari has none at all.
      const supported = navigator.xr
        ? await navigator.xr.isSessionSupported('immersive-ar').catch(() => false)
        : false
      if (!supported) {
        // The phone's own AR viewer, where there is one (a few lines, no runtime to load).
        actions.setSupport(nativeViewer() ?? 'unsupported')
        return
      }
      const { createArRuntime } = await import('./runtime-store')
      actions.setSupport(
        'webxr',
        createArRuntime({
          app: options.app,
          mode: store,
          emulated: options.emulated,
          diagnostics: options.diagnostics,
          narration: options.narration,
        }),
      )
    })()
    return detection
  }
  return { store, options, detect, stop: () => store.getState().runtime?.dispose() }
}

// The button, overlay and runtime layer: chunks of their own, loaded when the slots render.
const ArSlot = lazy(() => import('./ArSlot'))
const ArLayer = lazy(() => import('./ArLayer'))

/** "View on a table" (or the phone's own AR viewer), drawn by the mode or by `render`. */
export function tabletopEntry(tabletop: Tabletop, render?: ArEntryRender): ReactNode {
  return (
    <Suspense fallback={null}>
      <ArSlot tabletop={tabletop} render={render} />
    </Suspense>
  )
}

/**
 * What the AR mode adds to a shell's slots: "View on a table" after the sidebar's top (the
 * headset's Enter VR), its runtime beside the 3D view's other layers. A shell without a sidebar
 * (the embed) takes `stageLayers` from here and places `tabletopEntry` itself.
 */
export function tabletopSlots(tabletop: Tabletop, base: Slots): Slots {
  return {
    ...base,
    sidebarTop: (
      <>
        {base.sidebarTop}
        {tabletopEntry(tabletop)}
      </>
    ),
    stageLayers: (
      <>
        {base.stageLayers}
        <Suspense fallback={null}>
          <ArLayer tabletop={tabletop} />
        </Suspense>
      </>
    ),
  }
}
