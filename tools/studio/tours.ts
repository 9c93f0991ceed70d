/**
 * Tours on disk, as the studio lists, reads and saves them. A save writes `tour.json` formatted
 * by `formatTour` (stable key order: small diffs), atomically, only if the file is still the
 * version the studio read (otherwise 409: someone or something changed it meanwhile), only if the
 * tour passes the check, into every tour that holds one of its stops (content:check requires a
 * shared stop to be identical everywhere), and adds a new tour to `scenes/catalog.json`.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { formatTour } from '../../src/core/content/draft'
import { refreshArFiles } from '../pipeline/ar/build-ar'
import { CatalogDocument, type Tour } from '../../src/core/content/schema'
import { parseTour } from '../../src/core/content/validate'
import { checkTour, otherTours, type StudioProblem } from './check'
import { contentPath } from './guard'
import { HttpError } from './http'
import { localizeMessage, type StudioLang } from './messages'

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

type Loose = Record<string, unknown>
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface TourSummary {
  id: string
  title: Record<string, string>
  stops: { id: string; title: Record<string, string> }[]
  /** Whether the file passes the schema (an invalid tour is still listed, to be repaired). */
  valid: boolean
  /** Whether `scenes/catalog.json` lists it (visitors see only the tours it lists). */
  inCatalog: boolean
}

function readCatalog(root: string): { tours: string[]; text: string | null } {
  const file = join(root, 'scenes', 'catalog.json')
  if (!existsSync(file)) return { tours: [], text: null }
  const text = readFileSync(file, 'utf8')
  try {
    const parsed = CatalogDocument.safeParse(JSON.parse(text))
    return { tours: parsed.success ? parsed.data.tours : [], text }
  } catch {
    return { tours: [], text }
  }
}

const texts = (v: unknown): Record<string, string> =>
  isObj(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {}

/** Every tour folder under scenes/, in the catalog's order, then the others by id. */
export function listTours(root: string): TourSummary[] {
  const scenes = join(root, 'scenes')
  const catalog = readCatalog(root).tours
  const ids = readdirSync(scenes, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(scenes, d.name, 'tour.json')))
    .map((d) => d.name)
    .sort((a, b) => {
      const ia = catalog.indexOf(a)
      const ib = catalog.indexOf(b)
      return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b)
    })
  return ids.map((id) => {
    let json: unknown = null
    try {
      json = JSON.parse(readFileSync(join(scenes, id, 'tour.json'), 'utf8'))
    } catch {
      // listed as invalid, with no titles
    }
    const doc = isObj(json) ? json : {}
    return {
      id,
      title: texts(doc['title']),
      stops: (Array.isArray(doc['stops']) ? doc['stops'] : []).filter(isObj).map((s) => ({
        id: typeof s['id'] === 'string' ? s['id'] : '',
        title: texts(s['title']),
      })),
      valid: parseTour(json).ok,
      inCatalog: catalog.includes(id),
    }
  })
}

/** The tour as it is on disk (even if it does not validate) and its version (sha256 of its bytes). */
export function readTour(root: string, id: string): { tour: unknown; version: string } {
  const file = contentPath(root, `scenes/${id}/tour.json`)
  if (!existsSync(file)) throw new HttpError(404, 'no-such-tour', `There is no tour "${id}" in scenes/.`)
  const bytes = readFileSync(file)
  let tour: unknown
  try {
    tour = JSON.parse(bytes.toString('utf8'))
  } catch (e) {
    throw new HttpError(422, 'bad-json', `scenes/${id}/tour.json is not valid JSON: ${(e as Error).message}`)
  }
  return { tour, version: sha256(bytes) }
}

/** Writes through a temporary file in the same folder, then renames: never a half-written file. */
export async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = join(dirname(file), `.studio-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`)
  try {
    await writeFile(tmp, data)
    await rename(tmp, file)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

let queue: Promise<unknown> = Promise.resolve()
/** One save at a time: each compares versions and writes without another save in between. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work)
  queue = next.catch(() => undefined)
  return next
}

export interface SaveResult {
  version: string
  /** Every file written, relative to the working tree. */
  written: string[]
  /** Warnings left (errors refuse the save). */
  problems: StudioProblem[]
}

export function saveTour(
  root: string,
  id: string,
  body: Loose,
  lang: StudioLang = 'en',
): Promise<SaveResult> {
  return serialised(async () => {
    const input = body['tour']
    const baseVersion = body['baseVersion']
    if (baseVersion !== null && typeof baseVersion !== 'string')
      throw new HttpError(400, 'bad-request', 'baseVersion must be the version read, or null for a new tour.')
    if (!isObj(input)) throw new HttpError(400, 'bad-request', 'The request must hold the tour to save.')
    const rel = `scenes/${id}/tour.json`
    const file = contentPath(root, rel)
    const current = existsSync(file) ? sha256(readFileSync(file)) : null
    if (current !== baseVersion)
      throw new HttpError(
        409,
        'changed-on-disk',
        current === null
          ? `${rel} no longer exists: it was moved or deleted since it was opened.`
          : baseVersion === null
            ? `${rel} already exists: open it to edit it, or choose another id.`
            : `${rel} was changed on disk since it was opened: reload it, then apply your changes again.`,
        { version: current },
      )
    const problems = await checkTour(input, root, lang)
    if (input['id'] !== id)
      problems.unshift({
        path: ['id'],
        jsonPath: '$.id',
        severity: 'error',
        message: localizeMessage(
          `is "${String(input['id'])}" but the tour is saved as scenes/${id}/tour.json`,
          lang,
        ),
      })
    const parsed = parseTour(input)
    if (!parsed.ok || problems.some((p) => p.severity === 'error'))
      throw new HttpError(422, 'invalid-tour', 'The tour has problems; nothing was written.', { problems })
    const tour = parsed.tour

    // Stops it shares: the same stop is written into each tour that holds it.
    const writes: { rel: string; text: string }[] = [{ rel, text: formatTour(tour) }]
    for (const other of otherTours(root, id)) {
      let changed = false
      const stops = other.tour.stops.map((s) => {
        const mine = tour.stops.find((m) => m.id === s.id)
        if (!mine || isDeepStrictEqual(mine, s)) return s
        changed = true
        return mine
      })
      if (!changed) continue
      const updated: Tour = { ...other.tour, stops }
      const check = parseTour(JSON.parse(JSON.stringify(updated)))
      if (!check.ok)
        throw new HttpError(422, 'invalid-tour', `Saving would break ${other.file}; nothing was written.`, {
          problems: check.issues.map((i) => ({
            path: [],
            jsonPath: '$',
            severity: 'error',
            message: `in ${other.file}, once this tour's shared stops are written there: ${i.path}: ${i.message}`,
          })),
        })
      writes.push({ rel: other.file, text: formatTour(updated) })
    }
    const catalog = readCatalog(root)
    if (!catalog.tours.includes(id)) {
      const json = catalog.text
        ? (JSON.parse(catalog.text) as Loose)
        : { version: 'portage.catalog/1', tours: [] }
      const tours = Array.isArray(json['tours']) ? [...(json['tours'] as unknown[]), id] : [id]
      writes.push({ rel: 'scenes/catalog.json', text: JSON.stringify({ ...json, tours }, null, 2) + '\n' })
    }
    // Every target is proven inside scenes/ before the first byte is written.
    const targets = writes.map((w) => ({ ...w, file: contentPath(root, w.rel) }))
    for (const w of targets) await atomicWrite(w.file, w.text)
    // Each stop's AR Quick Look and Scene Viewer files, built again where the save made them stale
    // (a new stop, a moved hotspot or area): content:check holds them to the tour as saved.
    const arWritten = await refreshArFiles(root, tour.stops)
    // Checked again as saved: the warnings about shared stops are answered by the save itself.
    const left = await checkTour(JSON.parse(writes[0]?.text ?? '{}'), root, lang)
    return {
      version: sha256(writes[0]?.text ?? ''),
      written: [...targets.map((w) => w.rel), ...arWritten],
      problems: left,
    }
  })
}
