/**
 * State of the headset mode that the page needs before (and without) loading it: whether this
 * browser can enter VR, whether a session is on, and the visitor's comfort settings. Small and
 * framework-free, in the tour view's chunk; the headset runtime itself (three's XR, controllers,
 * panels) is a lazy chunk loaded only where `immersive-vr` is supported.
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { parseComfort, type ComfortSettings } from './comfort'
import type * as Runtime from './runtime'

/** What this browser can do: decides between the Enter VR button and the explanation. */
export type VrSupport = 'checking' | 'supported' | 'unsupported' | 'insecure'

/** The lazily loaded runtime (see runtime.ts). */
export type XrRuntime = typeof Runtime

export type XrModeState = {
  support: VrSupport
  runtime: XrRuntime | null
  /** The runtime is connected to the renderer: a click can start a session at once. */
  ready: boolean
  /** An immersive session is running. */
  presenting: boolean
  comfort: ComfortSettings
  menuOpen: boolean
  /** Bumped to ask the rig to recenter (face the stop's subject, re-measure seated height). */
  recenterCount: number
  /**
   * A message the page must get in front of a visitor wearing the headset (who cannot see the
   * page): the kiosk's "Are you still there?" countdown. Null when there is none.
   */
  notice: XrNotice | null
  actions: {
    setSupport(support: VrSupport, runtime?: XrRuntime): void
    setReady(ready: boolean): void
    setPresenting(presenting: boolean): void
    setComfort(comfort: ComfortSettings): void
    setMenuOpen(open: boolean): void
    recenter(): void
    setNotice(notice: XrNotice | null): void
  }
}

/** Lines of a notice, each with its language (a kiosk shows both official languages at once). */
export type XrNotice = {
  heading: { text: string; lang: string }[]
  body: { text: string; lang: string }[]
  /** A big number under the heading (the seconds left), if any. */
  count?: number
}

export const COMFORT_STORAGE_KEY = 'portage.vr-comfort'

function readComfort(): ComfortSettings {
  try {
    return parseComfort(JSON.parse(localStorage.getItem(COMFORT_STORAGE_KEY) ?? 'null'))
  } catch {
    return parseComfort(null)
  }
}

export function createXrModeStore(comfort: ComfortSettings) {
  return createStore<XrModeState>()((set, get) => ({
    support: 'checking',
    runtime: null,
    ready: false,
    presenting: false,
    comfort,
    menuOpen: false,
    recenterCount: 0,
    notice: null,
    actions: {
      setSupport: (support, runtime) => set({ support, runtime: runtime ?? get().runtime }),
      setReady: (ready) => set({ ready }),
      // A new session starts with the menu closed.
      setPresenting: (presenting) => set({ presenting, menuOpen: false }),
      setComfort(next) {
        set({ comfort: next })
        try {
          localStorage.setItem(COMFORT_STORAGE_KEY, JSON.stringify(next))
        } catch {
          // not persisted: the choice still holds for this visit
        }
      },
      setMenuOpen: (menuOpen) => set({ menuOpen }),
      recenter: () => set({ recenterCount: get().recenterCount + 1 }),
      setNotice: (notice) => set({ notice }),
    },
  }))
}

export const xrModeStore = createXrModeStore(readComfort())

export function useXrMode<T>(selector: (s: XrModeState) => T): T {
  return useStore(xrModeStore, selector)
}

const EMULATORS = ['quest3'] as const

/**
 * Find out, once, whether this browser can enter VR, and load the runtime if so. `?emulate=quest3`
 * first installs Meta's WebXR emulator (a lazy chunk, for showing and testing the headset path on
 * a desktop).
 */
let detection: Promise<void> | null = null
export function detectVr(search = location.search): Promise<void> {
  detection ??= (async () => {
    const { actions } = xrModeStore.getState()
    const emulate = new URLSearchParams(search).get('emulate')
    if (emulate && (EMULATORS as readonly string[]).includes(emulate)) {
      const { installEmulator } = await import('./emulator')
      await installEmulator()
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
    actions.setSupport('supported', await import('./runtime'))
  })()
  return detection
}
