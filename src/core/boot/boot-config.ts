/**
 * How this page was asked for: the one place that reads the page's address at start and decides
 * the way in (the page, the kiosk, the embed or the lesson handout). `src/entry.ts` reads it once
 * and hands it to the shell of that way in; no other module reads `location` at load.
 */
import { isTourId } from '../content/urls'

/** The ways into Portage, each composed by its own shell (src/shells/<way>/). */
export type Way = 'page' | 'kiosk' | 'embed' | 'handout'

/** Headsets `?emulate=` can stand in for (Meta's WebXR emulator, for demos and tests). */
export const EMULATED_DEVICES = ['quest3'] as const
export type EmulatedDevice = (typeof EMULATED_DEVICES)[number]

export type BootConfig = Readonly<{
  way: Way
  /** Where the app is served (Vite's base URL, ending in `/`). */
  base: string
  /** The address's query as it was at start (the embed reads its own options from it). */
  search: string
  /** A deep link's tour (`?tour=`), when it can name one; never on the kiosk or the handout. */
  linkedTour: string | null
  /** `?lang=` as written (checked against the interface's languages by the store). */
  lang: string | null
  /** `?view=2d`: the 2D tour asked for by the link. */
  flat: boolean
  /** `?view=poster`: the 3D view alone, for rendering poster images (npm run posters). */
  poster: boolean
  /** `?diagnostics=1`: renderer numbers on screen and on `window.portageDiagnostics`. */
  diagnostics: boolean
  /** `?emulate=quest3`: the WebXR emulator stands in for a headset (never loaded otherwise). */
  emulate: EmulatedDevice | null
  /** `?mode=guide&tour=` or `?join=`: this page is in a live group tour (src/core/live/live-boot.ts). */
  live: boolean
}>

export function readBootConfig(search: string, base: string): BootConfig {
  const params = new URLSearchParams(search)
  const view = params.get('view')
  const mode = params.get('mode')
  const way: Way =
    view === 'handout' ? 'handout' : mode === 'embed' ? 'embed' : mode === 'kiosk' ? 'kiosk' : 'page'
  const tour = params.get('tour')
  const emulate = params.get('emulate')
  const join = params.has('join')
  const live = way === 'page' && (join || (mode === 'guide' && !!tour && isTourId(tour)))
  return {
    way,
    base,
    search,
    // A kiosk keeps its own address and starts with its attract loop; the handout reads its tour
    // itself: neither is a deep link into the tour.
    // A follower's tour is the guide's, known once joined: the link's own `tour` is not a deep link.
    linkedTour:
      (way === 'page' || way === 'embed') && tour && isTourId(tour) && !(live && join && mode !== 'guide')
        ? tour
        : null,
    lang: params.get('lang'),
    flat: view === '2d',
    poster: view === 'poster',
    diagnostics: params.get('diagnostics') === '1',
    emulate: (EMULATED_DEVICES as readonly string[]).includes(emulate ?? '')
      ? (emulate as EmulatedDevice)
      : null,
    live,
  }
}
