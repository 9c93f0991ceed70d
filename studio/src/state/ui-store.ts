/**
 * What the studio shows, apart from the tour itself (edit-store.ts): the language, the stop and
 * item selected, the tool in use, the problems found, and the live checks of the 3D view.
 */
import { createStore } from 'zustand/vanilla'
import type { Problem } from '../api/api'
import type { StudioLanguage } from '../i18n/i18n'

export type Tool = 'select' | 'place' | 'area'
export type Selection =
  { kind: 'hotspot'; id: string } | { kind: 'viewpoint'; id: string } | { kind: 'area'; id: string } | null

/** What the 3D view found about the stop, recomputed as it changes (view/live-checks.ts). */
export type LiveChecks = {
  hidden: string[]
  offscreen: { id: string; ratio: '16:9' | '4:3' }[]
  viewpointsNoGround: string[]
  areas: Record<string, 'ok' | 'water' | 'building' | 'no-ground'>
}

/** The current camera of the 3D view, read by "use this view" (set by the view while mounted). */
export type CameraProbe = {
  view(): { position: [number, number, number]; target: [number, number, number] }
  posterPng(): Promise<Blob | null>
}

export type UiState = {
  lang: StudioLanguage
  /** `?emulate=quest3`: Meta's WebXR emulator stands in for a headset (headset/headset.ts). */
  emulate: boolean
  stopIndex: number
  selection: Selection
  tool: Tool
  /** How far a placed hotspot stands off the surface, metres. */
  offset: number
  /** Corners of the walkable area being drawn: [x, y, z] ground points. */
  pendingArea: [number, number, number][]
  problems: Problem[]
  checkError: string | null
  live: LiveChecks
  camera: CameraProbe | null
  set(partial: Partial<Omit<UiState, 'set'>>): void
}

export const NO_CHECKS: LiveChecks = { hidden: [], offscreen: [], viewpointsNoGround: [], areas: {} }

export function createUiStore(lang: StudioLanguage, emulate = false) {
  return createStore<UiState>()((set) => ({
    lang,
    emulate,
    stopIndex: 0,
    selection: null,
    tool: 'select',
    offset: 1,
    pendingArea: [],
    problems: [],
    checkError: null,
    live: NO_CHECKS,
    camera: null,
    set: (partial) => set(partial),
  }))
}
export type UiStore = ReturnType<typeof createUiStore>
