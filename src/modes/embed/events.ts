/**
 * Events are derived from store changes, not from who caused them: a click in the frame, Back in
 * the browser, a command from the parent and the end of an audio file all produce the same events.
 */
import { selectHotspot, selectProgress, selectStop, selectTour } from '../../state/selectors'
import type { AppState } from '../../state/store'
import { makeEvent, type EmbedEvent, type EmbedState } from './protocol'

export function embedState(s: AppState): EmbedState {
  const tour = selectTour(s)
  const stop = selectStop(s)
  return {
    tour: tour?.id ?? null,
    stop: stop?.id ?? null,
    stopIndex: stop ? s.engine.stopIndex : null,
    stopCount: tour ? tour.stops.length : null,
    hotspot: selectHotspot(s)?.id ?? null,
    language: s.engine.language,
    narration: s.engine.narration.status,
    progress: selectProgress(s) ?? null,
  }
}

/** The events a change from `prev` to `next` amounts to, in the order a listener expects them. */
export function deriveEvents(prev: AppState, next: AppState): EmbedEvent[] {
  if (prev.engine === next.engine) return []
  const state = embedState(next)
  const before = embedState(prev)
  const events: EmbedEvent[] = []
  const tour = selectTour(next)
  const stop = selectStop(next)

  if (next.engine.language !== prev.engine.language)
    events.push(makeEvent({ event: 'languagechange', language: next.engine.language }, state))

  if (tour && stop && (state.tour !== before.tour || state.stop !== before.stop))
    events.push(
      makeEvent(
        { event: 'stopchange', tour: tour.id, stop: stop.id, stopIndex: next.engine.stopIndex },
        state,
      ),
    )

  const hotspot = selectHotspot(next)
  if (tour && stop && hotspot && (hotspot.id !== before.hotspot || stop.id !== before.stop))
    events.push(
      makeEvent(
        { event: 'hotspotopen', tour: tour.id, stop: stop.id, hotspot: hotspot.id, value: hotspot.value },
        state,
      ),
    )

  const n = next.engine.narration
  if (
    n.status === 'ended' &&
    n.hotspotId &&
    !(prev.engine.narration.status === 'ended' && prev.engine.narration.hotspotId === n.hotspotId)
  )
    events.push(makeEvent({ event: 'narrationend', hotspot: n.hotspotId }, state))

  const p = state.progress
  const q = before.progress
  const sameTour = state.tour === before.tour
  if (
    p &&
    (!q || !sameTour || p.stopsVisited !== q.stopsVisited || p.hotspotsVisited !== q.hotspotsVisited)
  ) {
    events.push(makeEvent({ event: 'progress', progress: p }, state))
    if (tour && p.complete && !(sameTour && q?.complete))
      events.push(makeEvent({ event: 'tourcomplete', tour: tour.id }, state))
  }
  return events
}
