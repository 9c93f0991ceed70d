/**
 * The attract loop's script: a guided tour through every stop and story of the kiosk's tours, in
 * order, generated from the tours themselves (design for N tours of N stops; nothing is authored
 * twice). The runner (../attract-runner.ts) plays it against the store, in a loop.
 */
import type { Tour } from '../../../core/content/schema'
import type { KioskConfig } from '../../../core/kiosk/config'

export type AttractStep =
  | { kind: 'stop'; tourId: string; stopIndex: number; stopId: string; dwellMs: number }
  | {
      kind: 'hotspot'
      tourId: string
      stopIndex: number
      hotspotId: string
      /** Languages the tour is written in, to pick a narration language it has. */
      tourLanguages: readonly string[]
      /** Shown at least this long, at most `maxMs`; otherwise until its narration ends. */
      minMs: number
      maxMs: number
      /** Pause after the story, before the next step. */
      pauseMs: number
    }

export function attractScript(tours: readonly Tour[], attract: KioskConfig['attract']): AttractStep[] {
  const ms = (s: number) => Math.round(s * 1000)
  const maxMs = ms(attract.hotspotMaxSeconds)
  return tours.flatMap((tour) =>
    tour.stops.flatMap((stop, stopIndex): AttractStep[] => [
      { kind: 'stop', tourId: tour.id, stopIndex, stopId: stop.id, dwellMs: ms(attract.stopSeconds) },
      ...stop.hotspots.map((h): AttractStep => ({
        kind: 'hotspot',
        tourId: tour.id,
        stopIndex,
        hotspotId: h.id,
        tourLanguages: tour.languages,
        minMs: Math.min(ms(attract.hotspotMinSeconds), maxMs),
        maxMs,
        pauseMs: ms(attract.pauseSeconds),
      })),
    ]),
  )
}

/**
 * The language of the n-th story of the loop: the attract languages in turn (so English and French
 * speakers both hear the kiosk), skipping any the tour is not written in.
 */
export function attractLanguage(
  n: number,
  languages: readonly string[],
  tourLanguages: readonly string[],
): string {
  const usable = languages.filter((l) => tourLanguages.includes(l))
  const from = usable.length ? usable : tourLanguages.length ? tourLanguages : languages
  return from[n % from.length] ?? 'en'
}
