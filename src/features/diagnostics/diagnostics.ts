/**
 * `?diagnostics=1`: renderer numbers for people and tools. The probe inside the canvas (probe.ts,
 * part of the 3D chunk) samples `renderer.info` each frame into one reused object (no allocation
 * in the frame loop) and registers how to take a snapshot; this module holds no three.js, so the
 * overlay and the read-only `window.portageDiagnostics` cost the 2D tour and landing nothing.
 */
import type { AppStore } from '../../state/store'

export type DiagnosticsSnapshot = {
  frameTimeMs: number
  fps: number
  frames: number
  /** Draw calls of the last frame, all views together. */
  drawCalls: number
  /** Views drawn per frame: 1 on a screen, 2 in a headset (one per eye). */
  views: number
  /** Draw calls per view (per eye in a headset). */
  drawCallsPerEye: number
  triangles: number
  geometries: number
  textures: number
  programs: number
  tour: string | null
  stop: string | null
  hotspot: string | null
  /** Hotspot markers projected to CSS pixels of the page (for tools that aim at them). */
  markers: { id: string; x: number; y: number; onScreen: boolean }[]
  contextLost: boolean
  /** Camera position, metres. */
  camera: [number, number, number]
  /** Sections added by modes that are loaded (e.g. `xr` by the headset mode, see probe.ts). */
  [section: string]: unknown
}

type Probe = (store: AppStore) => DiagnosticsSnapshot
let probe: Probe | null = null

/** The 3D view registers how to read its numbers; before it exists, the numbers are empty. */
export function registerProbe(p: Probe | null) {
  probe = p
}

/**
 * Extra sections of the snapshot, each computed when read (never in the frame loop), with or without
 * a 3D view (the live tour's on the 2D tour too). Several modes may add to one section (the headset
 * and AR both report under `xr`): their objects are merged, a later one's defined fields over an
 * earlier one's.
 */
const sections = new Map<string, (() => unknown)[]>()

/** Add a section to the snapshot (a mode that is loaded reports its own numbers); returns its removal. */
export function registerDiagnosticsSection(name: string, read: () => unknown): () => void {
  sections.set(name, [...(sections.get(name) ?? []), read])
  return () => {
    const rest = (sections.get(name) ?? []).filter((r) => r !== read)
    if (rest.length) sections.set(name, rest)
    else sections.delete(name)
  }
}

/** One section's value: its contributors' objects merged (undefined fields do not overwrite). */
function readSection(reads: (() => unknown)[]): unknown {
  if (reads.length === 1) return reads[0]!()
  const merged: Record<string, unknown> = {}
  for (const read of reads) {
    const value = read()
    if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) if (v !== undefined) merged[k] = v
  }
  return merged
}

export function readDiagnostics(store: AppStore): DiagnosticsSnapshot {
  const snapshot = readBase(store)
  for (const [name, reads] of sections) snapshot[name] = readSection(reads)
  return snapshot
}

function readBase(store: AppStore): DiagnosticsSnapshot {
  if (probe) return probe(store)
  const { engine, tours } = store.getState()
  const stop = engine.tourId ? tours.get(engine.tourId)?.stops[engine.stopIndex] : undefined
  return {
    frameTimeMs: 0,
    fps: 0,
    frames: 0,
    drawCalls: 0,
    views: 1,
    drawCallsPerEye: 0,
    triangles: 0,
    geometries: 0,
    textures: 0,
    programs: 0,
    tour: engine.tourId,
    stop: stop?.id ?? null,
    hotspot: engine.hotspotId,
    markers: [],
    contextLost: false,
    camera: [0, 0, 0],
  }
}

/** Define the read-only `window.portageDiagnostics` (a getter: every read is a fresh snapshot). */
export function exposeDiagnostics(store: AppStore) {
  if ('portageDiagnostics' in window) return
  Object.defineProperty(window, 'portageDiagnostics', {
    get: () => Object.freeze(readDiagnostics(store)),
    configurable: false,
    enumerable: true,
  })
}
