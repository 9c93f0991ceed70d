/** Derived reads of the store, shared by every mode so they compute the same thing. */
import type { Hotspot, Stop, Tour } from '../core/content/schema'
import * as engine from '../core/engine/tour-engine'
import type { AppState } from './store'

export const selectLanguage = (s: AppState) => s.engine.language
export const selectActions = (s: AppState) => s.actions
export const selectTour = (s: AppState): Tour | undefined =>
  s.engine.tourId ? s.tours.get(s.engine.tourId) : undefined
export const selectStop = (s: AppState): Stop | undefined => engine.currentStop(s.engine, selectTour(s))
export const selectHotspot = (s: AppState): Hotspot | undefined =>
  engine.currentHotspot(s.engine, selectTour(s))
export const selectNarration = (s: AppState) => s.engine.narration
/** What the narration's main button does now (its label is `narration.<this>`), in every mode. */
export const selectPlayButton = (s: AppState): 'pause' | 'resume' | 'play' => {
  const n = s.engine.narration
  if (engine.narrationActive(n)) return 'pause'
  return n.time > 0 && n.status === 'paused' ? 'resume' : 'play'
}
/** Progress is derived from visits; returns a fresh object, so compare with `useShallow`. */
export const selectProgress = (s: AppState): engine.Progress | undefined => {
  const tour = selectTour(s)
  return tour ? engine.progress(s.engine, tour) : undefined
}
