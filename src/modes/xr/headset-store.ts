/**
 * The headset mode as its shells see it: made by `createHeadset` (only shells call it), given to
 * the tree by <HeadsetProvider> (headset-context.tsx), plugged into the page through slots (Enter
 * VR in the sidebar, the runtime as a layer of the 3D view). It finds out once whether this
 * browser can enter VR and loads the runtime chunk (runtime-store.ts) only where it can.
 */
import type { EmulatedDevice } from '../../core/boot/boot-config'
import type { NarrationOutput } from '../../features/narration/narration-output'
import type { PreferenceStorage } from '../../state/preferences'
import type { AppStore } from '../../state/store'
import { DEFAULT_COMFORT } from './comfort'
import { createXrModeStore, type XrModeStore, type XrNotice } from './xr-mode-store'

export type HeadsetOptions = {
  app: AppStore
  /** `?emulate=`: install Meta's WebXR emulator first (a lazy chunk, for demos and tests). */
  emulate: EmulatedDevice | null
  /** Where comfort choices persist; null for none (the kiosk). */
  storage: PreferenceStorage | null
  /** `?diagnostics=1`: the in-world diagnostics panel and the `xr` section of the snapshot. */
  diagnostics: boolean
  /** The page's narration output, which the headset routes through Web Audio. */
  narration: NarrationOutput
}

/** What another mode may ask of the headset, through its shell (the kiosk's port). */
export type HeadsetPort = {
  /** Show a notice in front of the visitor's eyes (null hides it). */
  showNotice(notice: XrNotice | null): void
  /** Back to the default comfort settings (between kiosk visitors). */
  resetComfort(): void
}

export type Headset = {
  store: XrModeStore
  options: HeadsetOptions
  /** Find out, once, whether this browser can enter VR, and load the runtime if so. */
  detect(): Promise<void>
  port: HeadsetPort
  /** Disconnect the runtime (its store subscriptions); the page's own state is untouched. */
  stop(): void
}

export function createHeadset(options: HeadsetOptions): Headset {
  const store = createXrModeStore(options.storage)
  let detection: Promise<void> | null = null
  const detect = () => {
    detection ??= (async () => {
      const { actions } = store.getState()
      if (options.emulate) {
        // `?emulate=` is a link anyone can send: on a headset (or a desktop with one attached)
        // the emulator would replace the real WebXR runtime and break VR for whoever followed it.
        // It is installed only where this browser offers no immersive VR of its own.
        const real = await navigator.xr?.isSessionSupported('immersive-vr').catch(() => false)
        if (real) options.app.getState().actions.notify('vr.emulatorNotUsed')
        else {
          const { installEmulator } = await import('./emulator')
          await installEmulator()
        }
      }
      if (!navigator.xr) {
        // WebXR exists only in secure contexts: on plain http it is simply missing.
        actions.setSupport(window.isSecureContext ? 'unsupported' : 'insecure')
        return
      }
      const supported = await navigator.xr.isSessionSupported('immersive-vr').catch(() => false)
      if (!supported) {
        actions.setSupport('unsupported')
        return
      }
      const { createXrRuntime } = await import('./runtime-store')
      actions.setSupport(
        'supported',
        createXrRuntime({
          app: options.app,
          mode: store,
          emulated: options.emulate !== null,
          diagnostics: options.diagnostics,
          narration: options.narration,
        }),
      )
    })()
    return detection
  }
  return {
    store,
    options,
    detect,
    port: {
      // The kiosk asks only when its countdown changes (modes/kiosk/headset.ts): no check here.
      showNotice: (notice) => store.getState().actions.setNotice(notice),
      resetComfort: () => store.getState().actions.setComfort(DEFAULT_COMFORT),
    },
    stop: () => store.getState().runtime?.dispose(),
  }
}
