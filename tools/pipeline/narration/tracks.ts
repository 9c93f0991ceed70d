/**
 * The narration tracks named by the tours in the catalog, read as leniently as possible: a tour that
 * does not validate still yields every track whose own fields are valid, so a writer's half-finished
 * tour does not block narration for the rest.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LanguageCode, NarrationTrack, type Tour } from '../../../src/core/content/schema'
import { formatPath, parseTourText, type ContentIssue } from '../../../src/core/content/validate'

export type Track = {
  tourId: string
  stopId: string
  hotspotId: string
  lang: string
  script: string
  /** Relative to assets/. */
  audio: string
  captions: string
  /** JSON path of the track in its tour, e.g. `stops[0].hotspots[1].narration.fr`. */
  path: string
}

export type LoadedTour = {
  id: string
  file: string
  /** The parsed tour when it validates. */
  tour: Tour | null
  issues: ContentIssue[]
  tracks: Track[]
}

export type Catalog = { tours: LoadedTour[]; problems: string[] }

export function loadCatalog(scenesDir: string): Catalog {
  const problems: string[] = []
  const catalogFile = join(scenesDir, 'catalog.json')
  let ids: string[] = []
  try {
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as { tours?: unknown }
    if (!Array.isArray(catalog.tours) || !catalog.tours.every((t) => typeof t === 'string'))
      problems.push(`${catalogFile}: "tours" must be a list of tour ids`)
    else ids = catalog.tours
  } catch (e) {
    problems.push(`${catalogFile}: ${(e as Error).message}`)
  }
  const tours: LoadedTour[] = []
  for (const id of ids) {
    const file = join(scenesDir, id, 'tour.json')
    if (!existsSync(file)) {
      problems.push(`${file}: listed in the catalog but does not exist`)
      continue
    }
    tours.push(loadTour(id, file))
  }
  return { tours, problems }
}

export function loadTour(id: string, file: string): LoadedTour {
  const text = readFileSync(file, 'utf8')
  const parsed = parseTourText(text)
  if (parsed.ok) return { id, file, tour: parsed.tour, issues: [], tracks: tracksOf(parsed.tour) }
  let raw: unknown = null
  try {
    raw = JSON.parse(text)
  } catch {
    // Reported through `issues` already.
  }
  return { id, file, tour: null, issues: parsed.issues, tracks: lenientTracks(id, raw) }
}

function tracksOf(tour: Tour): Track[] {
  const tracks: Track[] = []
  tour.stops.forEach((stop, si) =>
    stop.hotspots.forEach((h, hi) => {
      for (const [lang, t] of Object.entries(h.narration))
        tracks.push({
          tourId: tour.id,
          stopId: stop.id,
          hotspotId: h.id,
          lang,
          script: t.script,
          audio: t.audio,
          captions: t.captions,
          path: formatPath(['stops', si, 'hotspots', hi, 'narration', lang]),
        })
    }),
  )
  return tracks
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Tracks from a tour that does not validate: each narration entry that is valid on its own. */
function lenientTracks(tourId: string, raw: unknown): Track[] {
  const tracks: Track[] = []
  if (!isRecord(raw) || !Array.isArray(raw.stops)) return tracks
  raw.stops.forEach((stop: unknown, si) => {
    if (!isRecord(stop) || !Array.isArray(stop.hotspots)) return
    stop.hotspots.forEach((h: unknown, hi) => {
      if (!isRecord(h) || !isRecord(h.narration)) return
      for (const [lang, value] of Object.entries(h.narration)) {
        const track = NarrationTrack.safeParse(value)
        if (!track.success || !LanguageCode.safeParse(lang).success) continue
        tracks.push({
          tourId: typeof raw.id === 'string' ? raw.id : tourId,
          stopId: typeof stop.id === 'string' ? stop.id : `stops[${si}]`,
          hotspotId: typeof h.id === 'string' ? h.id : `hotspots[${hi}]`,
          lang,
          script: track.data.script,
          audio: track.data.audio,
          captions: track.data.captions,
          path: formatPath(['stops', si, 'hotspots', hi, 'narration', lang]),
        })
      }
    })
  })
  return tracks
}

/** One output pair to build, with every track that names it. */
export type Job = { audio: string; captions: string; lang: string; script: string; tracks: Track[] }

/**
 * Tracks grouped by output: the national tour names the same files as the site tours, and each file
 * is built once. Two tracks that name the same file with different words (or the same captions for
 * different audio) are a conflict: neither is built.
 */
export function planJobs(tracks: readonly Track[]): { jobs: Job[]; conflicts: string[] } {
  const byAudio = new Map<string, Job>()
  const conflicts: string[] = []
  const bad = new Set<string>()
  const captionsOwner = new Map<string, string>()
  const where = (t: Track) => `${t.tourId} ${t.path}`
  for (const t of tracks) {
    const owner = captionsOwner.get(t.captions)
    if (owner !== undefined && owner !== t.audio) {
      conflicts.push(
        `assets/${t.captions} is named for two audio files, assets/${owner} and assets/${t.audio} (${where(t)})`,
      )
      bad.add(owner).add(t.audio)
    }
    captionsOwner.set(t.captions, t.audio)
    const job = byAudio.get(t.audio)
    if (!job) {
      byAudio.set(t.audio, {
        audio: t.audio,
        captions: t.captions,
        lang: t.lang,
        script: t.script,
        tracks: [t],
      })
      continue
    }
    const first = job.tracks[0]
    const differs =
      job.lang !== t.lang
        ? 'language'
        : job.captions !== t.captions
          ? 'captions file'
          : job.script !== t.script
            ? 'script'
            : null
    if (differs && first) {
      conflicts.push(`assets/${t.audio}: ${where(first)} and ${where(t)} name it with a different ${differs}`)
      bad.add(t.audio)
    }
    job.tracks.push(t)
  }
  return { jobs: [...byAudio.values()].filter((j) => !bad.has(j.audio)), conflicts }
}
