/**
 * The tour engine: where the visitor is (tour, stop, hotspot), what the narration is doing, what
 * has been visited, and in which language. Pure functions from state to state — no React, no
 * three.js, no DOM — so every mode (desktop, headset, kiosk, embed, 2D tour) shares one behaviour,
 * and it is unit-tested in Node.
 */
import type { Hotspot, Stop, Tour } from '../content/schema'

export type NarrationStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'error'

export type Narration = {
  status: NarrationStatus
  /** The hotspot whose narration this is (null when none is open). */
  hotspotId: string | null
  /** Last known playback position, seconds (kept so a language switch can resume at the same point). */
  time: number
  /** Duration of the current audio, seconds, once known. */
  duration: number
}

export type EngineState = {
  tourId: string | null
  stopIndex: number
  hotspotId: string | null
  narration: Narration
  /** The tour the visits below belong to (kept when the visitor goes back to the list of tours). */
  visitsOf: string | null
  /** Stop ids visited in that tour, in first-visit order. */
  visitedStops: string[]
  /** Hotspot ids opened in that tour, in first-open order. */
  visitedHotspots: string[]
  language: string
}

export const IDLE_NARRATION: Narration = Object.freeze({
  status: 'idle',
  hotspotId: null,
  time: 0,
  duration: 0,
})

export function initialEngineState(language: string): EngineState {
  return {
    tourId: null,
    stopIndex: 0,
    hotspotId: null,
    narration: IDLE_NARRATION,
    visitsOf: null,
    visitedStops: [],
    visitedHotspots: [],
    language,
  }
}

const addOnce = (list: string[], id: string) => (list.includes(id) ? list : [...list, id])

/** What a deep link asked for that could not be honoured, so the UI can say so kindly. */
export type LocationNotice =
  | { kind: 'unknown-tour'; value: string }
  | { kind: 'unknown-stop'; value: string }
  | { kind: 'unknown-hotspot'; value: string }

export type LocationRequest = { tour?: string | null; stop?: string | null; hotspot?: string | null }

export type ResolvedLocation = {
  tourId: string | null
  stopIndex: number
  hotspotId: string | null
  notices: LocationNotice[]
}

/**
 * Turn a requested location (from a URL, a postMessage, a kiosk script) into the nearest valid one:
 * an unknown tour falls back to the landing page, an unknown stop to the tour's first stop (or the
 * stop that holds the requested hotspot), an unknown hotspot to the stop without a hotspot open.
 */
export function resolveLocation(
  tours: ReadonlyMap<string, Tour>,
  request: LocationRequest,
): ResolvedLocation {
  const notices: LocationNotice[] = []
  const none = { tourId: null, stopIndex: 0, hotspotId: null, notices }
  if (!request.tour) {
    if (request.stop) notices.push({ kind: 'unknown-stop', value: request.stop })
    if (request.hotspot) notices.push({ kind: 'unknown-hotspot', value: request.hotspot })
    return none
  }
  const tour = tours.get(request.tour)
  if (!tour) {
    notices.push({ kind: 'unknown-tour', value: request.tour })
    return none
  }
  // A hotspot id is unique in a tour: when the stop is not given (a short link such as
  // `?tour=x&hotspot=y`) or no longer exists, the hotspot's own stop is the nearest valid state.
  const byHotspot = request.hotspot
    ? tour.stops.findIndex((s) => s.hotspots.some((h) => h.id === request.hotspot))
    : -1
  let stopIndex = request.stop ? tour.stops.findIndex((s) => s.id === request.stop) : Math.max(0, byHotspot)
  if (stopIndex < 0) {
    notices.push({ kind: 'unknown-stop', value: request.stop! })
    stopIndex = Math.max(0, byHotspot)
  }
  const stop = tour.stops[stopIndex]!
  let hotspotId: string | null = null
  if (request.hotspot) {
    if (stop.hotspots.some((h) => h.id === request.hotspot)) hotspotId = request.hotspot
    else notices.push({ kind: 'unknown-hotspot', value: request.hotspot })
  }
  return { tourId: tour.id, stopIndex, hotspotId, notices }
}

export function currentStop(state: EngineState, tour: Tour | undefined): Stop | undefined {
  return tour?.id === state.tourId ? tour.stops[state.stopIndex] : undefined
}

export function currentHotspot(state: EngineState, tour: Tour | undefined): Hotspot | undefined {
  return currentStop(state, tour)?.hotspots.find((h) => h.id === state.hotspotId)
}

/** Open a tour at a stop (and optionally a hotspot). Visits start afresh in a different tour. */
export function openTour(
  state: EngineState,
  tour: Tour,
  at: { stopIndex?: number; hotspotId?: string | null } = {},
): EngineState {
  const sameTour = state.visitsOf === tour.id
  const base: EngineState = {
    ...state,
    tourId: tour.id,
    visitsOf: tour.id,
    visitedStops: sameTour ? state.visitedStops : [],
    visitedHotspots: sameTour ? state.visitedHotspots : [],
  }
  const moved = goToStop(base, tour, at.stopIndex ?? 0)
  return at.hotspotId ? openHotspot(moved, tour, at.hotspotId) : moved
}

/** Back to the list of tours. Progress in the tour is kept until another tour is opened. */
export function closeTour(state: EngineState): EngineState {
  return { ...state, tourId: null, stopIndex: 0, hotspotId: null, narration: IDLE_NARRATION }
}

export function goToStop(state: EngineState, tour: Tour, index: number): EngineState {
  if (state.tourId !== tour.id) return state
  const stop = tour.stops[index]
  if (!stop) return state
  if (index === state.stopIndex && state.visitedStops.includes(stop.id)) {
    return state.hotspotId ? closeHotspot(state) : state
  }
  return {
    ...state,
    stopIndex: index,
    hotspotId: null,
    narration: IDLE_NARRATION,
    visitedStops: addOnce(state.visitedStops, stop.id),
  }
}

export const nextStop = (state: EngineState, tour: Tour) => goToStop(state, tour, state.stopIndex + 1)
export const previousStop = (state: EngineState, tour: Tour) => goToStop(state, tour, state.stopIndex - 1)

export function openHotspot(state: EngineState, tour: Tour, hotspotId: string): EngineState {
  const stop = currentStop(state, tour)
  if (!stop?.hotspots.some((h) => h.id === hotspotId)) return state
  if (state.hotspotId === hotspotId) return state
  return {
    ...state,
    hotspotId,
    narration: { ...IDLE_NARRATION, hotspotId },
    visitedHotspots: addOnce(state.visitedHotspots, hotspotId),
  }
}

export function closeHotspot(state: EngineState): EngineState {
  if (state.hotspotId === null) return state
  return { ...state, hotspotId: null, narration: IDLE_NARRATION }
}

/** Open the next (+1) or previous (-1) hotspot of the current stop, wrapping around. */
export function stepHotspot(state: EngineState, tour: Tour, direction: 1 | -1): EngineState {
  const stop = currentStop(state, tour)
  if (!stop || stop.hotspots.length === 0) return state
  const i = stop.hotspots.findIndex((h) => h.id === state.hotspotId)
  const n = stop.hotspots.length
  const next = i < 0 ? (direction === 1 ? 0 : n - 1) : (i + direction + n) % n
  return openHotspot(state, tour, stop.hotspots[next]!.id)
}

/**
 * The narration is active: playing, or asked to play and starting. The one definition every mode
 * uses (the play button's label, pausing when a headset session ends, the embed's commands).
 */
export const narrationActive = (n: Pick<Narration, 'status'>) =>
  n.status === 'playing' || n.status === 'loading'

/** The narration is under way for its story: active or paused (captions have something to say). */
export const narrationUnderway = (n: Pick<Narration, 'status'>) => narrationActive(n) || n.status === 'paused'

// Narration: the audio element reports what happens; the engine keeps the state consistent.
const forOpenHotspot = (state: EngineState, update: Partial<Narration>): EngineState =>
  state.hotspotId === null ? state : { ...state, narration: { ...state.narration, ...update } }

/** Ask to play (or resume); the player moves to 'playing' when audio actually starts. */
export const requestNarration = (state: EngineState) =>
  forOpenHotspot(state, {
    status: 'loading',
    time: state.narration.status === 'ended' ? 0 : state.narration.time,
  })
export const narrationStarted = (state: EngineState) => forOpenHotspot(state, { status: 'playing' })
export const narrationPaused = (state: EngineState) =>
  narrationActive(state.narration) ? forOpenHotspot(state, { status: 'paused' }) : state
export const narrationEnded = (state: EngineState) =>
  forOpenHotspot(state, { status: 'ended', time: state.narration.duration || state.narration.time })
export const narrationFailed = (state: EngineState) => forOpenHotspot(state, { status: 'error' })
export const replayNarration = (state: EngineState) => forOpenHotspot(state, { status: 'loading', time: 0 })
export function narrationProgress(state: EngineState, time: number, duration: number): EngineState {
  if (state.hotspotId === null) return state
  if (state.narration.time === time && state.narration.duration === duration) return state
  return forOpenHotspot(state, { time, duration })
}

/**
 * Switch language. An open hotspot stays open; its narration continues at the same point: the
 * player maps the position to the other language's audio (by sentence), so the time kept here is
 * only a hint.
 */
export function setLanguage(state: EngineState, language: string): EngineState {
  return state.language === language ? state : { ...state, language }
}

export type Progress = {
  stopsVisited: number
  stopsTotal: number
  hotspotsVisited: number
  hotspotsTotal: number
  /** Every stop visited and every hotspot opened. */
  complete: boolean
}

export function progress(state: EngineState, tour: Tour): Progress {
  const stopsTotal = tour.stops.length
  const all = tour.stops.flatMap((s) => s.hotspots.map((h) => h.id))
  const stopsVisited = tour.stops.filter((s) => state.visitedStops.includes(s.id)).length
  const hotspotsVisited = all.filter((id) => state.visitedHotspots.includes(id)).length
  return {
    stopsVisited,
    stopsTotal,
    hotspotsVisited,
    hotspotsTotal: all.length,
    complete: stopsVisited === stopsTotal && hotspotsVisited === all.length,
  }
}
