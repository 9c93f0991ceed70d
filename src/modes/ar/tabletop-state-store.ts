/**
 * The miniature during one AR session: whether a surface is under the reticle, whether the site is
 * placed, its scale and heading. The overlay (buttons, hints) reads it; the gestures and buttons
 * change it through the named actions. Per-frame values (the reticle's pose) stay out of it, in
 * `arLive` (ar-live.ts).
 */
import { createStore } from 'zustand/vanilla'
import { clampScale, TABLETOP, type Vec3 } from './placement'

export type TabletopState = {
  /** A surface is under the reticle this frame (updated only when it changes). */
  surfaceFound: boolean
  placed: boolean
  /** Where the site stands (reference space), once placed. */
  surface: Vec3
  yaw: number
  /** Room metres per site metre. */
  scale: number
  range: { fit: number; min: number; max: number }
  /** A DOM overlay was granted (a phone): the story shows on screen. */
  overlay: boolean
  actions: {
    setSurfaceFound(found: boolean): void
    place(surface: Vec3): void
    unplace(): void
    setRange(range: TabletopState['range']): void
    setScale(scale: number): void
    scaleBy(factor: number): void
    turnBy(radians: number): void
    setYaw(yaw: number): void
    setOverlay(overlay: boolean): void
    reset(): void
  }
}

const INITIAL = {
  surfaceFound: false,
  placed: false,
  surface: [0, 0, 0] as Vec3,
  yaw: 0,
  scale: 0.005,
  range: { fit: 0.005, min: 0.005 * TABLETOP.minOfFit, max: TABLETOP.maxScale },
  overlay: false,
}

export function createTabletopStateStore() {
  return createStore<TabletopState>()((set, get) => ({
    ...INITIAL,
    actions: {
      setSurfaceFound: (surfaceFound) => {
        if (get().surfaceFound !== surfaceFound) set({ surfaceFound })
      },
      place: (surface) => set({ placed: true, surface }),
      unplace: () => set({ placed: false }),
      setRange: (range) => set({ range, scale: range.fit }),
      setScale: (scale) => set({ scale: clampScale(scale, get().range) }),
      scaleBy: (factor) => set({ scale: clampScale(get().scale * factor, get().range) }),
      turnBy: (radians) => set({ yaw: get().yaw + radians }),
      setYaw: (yaw) => set({ yaw }),
      setOverlay: (overlay) => set({ overlay }),
      reset: () => set({ ...INITIAL }),
    },
  }))
}

export type TabletopStateStore = ReturnType<typeof createTabletopStateStore>
