/**
 * State of the headset mode that the page needs before (and without) loading it: whether this
 * browser can enter VR, the runtime once loaded, and the visitor's comfort settings. Small and
 * framework-free, in the tour view's chunk; the headset runtime itself (three's XR, controllers,
 * panels) is a lazy chunk loaded only where `immersive-vr` is supported. Whether a session is on
 * is the app's own fact (`AppState.immersive`), not kept here a second time.
 */
import { createStore } from 'zustand/vanilla'
import type { PreferenceStorage } from '../../state/preferences'
import { parseComfort, type ComfortSettings } from './comfort'
import type { XrRuntime } from './runtime-store'

/** What this browser can do: decides between the Enter VR button and the explanation. */
export type VrSupport = 'checking' | 'supported' | 'unsupported' | 'insecure'

export type XrModeState = {
  support: VrSupport
  runtime: XrRuntime | null
  /** The runtime is connected to the renderer: a click can start a session at once. */
  ready: boolean
  comfort: ComfortSettings
  menuOpen: boolean
  /** Bumped to ask the rig to recenter (face the stop's subject, re-measure seated height). */
  recenterCount: number
  /**
   * A message another mode must get in front of a visitor wearing the headset (who cannot see
   * the page): the kiosk's "Are you still there?" countdown. Null when there is none.
   */
  notice: XrNotice | null
  actions: {
    setSupport(support: VrSupport, runtime?: XrRuntime): void
    setReady(ready: boolean): void
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

/** The comfort settings this device remembers (defaults where none, or where unreadable). */
export function readComfort(storage: PreferenceStorage | null): ComfortSettings {
  try {
    return parseComfort(JSON.parse(storage?.getItem(COMFORT_STORAGE_KEY) ?? 'null'))
  } catch {
    return parseComfort(null)
  }
}

/**
 * @param storage where comfort choices are remembered; null remembers nothing (the kiosk: the
 * next visitor starts from the defaults).
 */
export function createXrModeStore(storage: PreferenceStorage | null) {
  return createStore<XrModeState>()((set, get) => ({
    support: 'checking',
    runtime: null,
    ready: false,
    comfort: readComfort(storage),
    menuOpen: false,
    recenterCount: 0,
    notice: null,
    actions: {
      setSupport: (support, runtime) => set({ support, runtime: runtime ?? get().runtime }),
      setReady: (ready) => set({ ready }),
      setComfort(next) {
        set({ comfort: next })
        try {
          storage?.setItem(COMFORT_STORAGE_KEY, JSON.stringify(next))
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

export type XrModeStore = ReturnType<typeof createXrModeStore>
