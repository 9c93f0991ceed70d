/**
 * `POST /api/check`: every problem `npm run content:check` and the schema would find in one tour,
 * each with its JSON path, computed from the tour as it is being written (not the file on disk):
 * the schema and its cross-field rules, the files it names, narration against its scripts, the
 * discussion questions the catalog requires, stops shared with other tours, and the budgets of
 * imported models (read from the files once per version of each file, so typing stays fast).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { AssetPath, NarrationTrack, type Tour } from '../../src/core/content/schema'
import { parseTour, parseTourText } from '../../src/core/content/validate'
import { tourFileProblems } from '../pipeline/content-check'
import { inspectModel } from '../pipeline/models/check-models'
import { checkNarration } from '../pipeline/narration/mp3-info'
import { SITE_IDS } from '../pipeline/models/sites/types'
import { localizeMessage, type StudioLang } from './messages'

export type Severity = 'error' | 'warning'

export interface StudioProblem {
  /** The path as keys and indices, e.g. `['stops', 0, 'hotspots', 2, 'title', 'fr']`. */
  path: (string | number)[]
  /** The same path written as `$.stops[0].hotspots[2].title.fr`. */
  jsonPath: string
  severity: Severity
  message: string
}

/** `stops[0].hotspots[2]["title"].fr` (as the core formats paths) → its keys and indices. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(Number(m[1]))
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string)
    else if (m[3] !== undefined) out.push(m[3])
  }
  return out
}

export function jsonPath(path: readonly (string | number)[]): string {
  let out = '$'
  for (const key of path)
    out +=
      typeof key === 'number'
        ? `[${key}]`
        : /^[A-Za-z_$][\w$-]*$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(key)}]`
  return out
}

const problem = (path: string, message: string, severity: Severity = 'error'): StudioProblem => {
  const keys = parsePath(path)
  return { path: keys, jsonPath: jsonPath(keys), severity, message }
}

type Loose = Record<string, unknown>
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const safeAsset = (v: unknown) => (AssetPath.safeParse(v).success ? (v as string) : undefined)

/**
 * The parts of a tour that are safe to follow to files, indices kept: a half-written tour (empty
 * titles, a hotspot without narration yet) still has its files and narration checked. A path that
 * is not a safe asset path is left out here; the schema reports it.
 */
function forFileRules(input: Loose): Tour {
  const stops = arr(input['stops']).map((raw) => {
    const s = isObj(raw) ? raw : {}
    const model = isObj(s['model']) ? s['model'] : {}
    return {
      ...s,
      poster: safeAsset(s['poster']),
      model: { ...model, src: safeAsset(model['src']) ?? '', proxy: safeAsset(model['proxy']) },
      hotspots: arr(s['hotspots']).map((rawH) => {
        const h = isObj(rawH) ? rawH : {}
        const narration = isObj(h['narration']) ? h['narration'] : {}
        return {
          ...h,
          narration: Object.fromEntries(
            Object.entries(narration).filter(([, track]) => NarrationTrack.safeParse(track).success),
          ),
        }
      }),
    }
  })
  return { ...input, poster: safeAsset(input['poster']), stops } as unknown as Tour
}

/** Tours parsed by file version: the check runs as a content team types, the other tours rarely change. */
const parsedTours = new Map<string, { key: string; tour: Tour | null }>()

/** Tours on disk other than `tourId`, parsed (those that do not parse are left out). */
export function otherTours(root: string, tourId: string | undefined): { file: string; tour: Tour }[] {
  const scenes = join(root, 'scenes')
  if (!existsSync(scenes)) return []
  const out: { file: string; tour: Tour }[] = []
  for (const d of readdirSync(scenes, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === tourId) continue
    const file = join(scenes, d.name, 'tour.json')
    if (!existsSync(file)) continue
    const { size, mtimeMs } = statSync(file)
    const key = `${size}\0${mtimeMs}`
    let cached = parsedTours.get(file)
    if (cached?.key !== key) {
      const parsed = parseTourText(readFileSync(file, 'utf8'))
      cached = { key, tour: parsed.ok ? parsed.tour : null }
      parsedTours.set(file, cached)
    }
    // A copy: the caller may change what it is given (a save replaces shared stops).
    if (cached.tour) out.push({ file: `scenes/${d.name}/tour.json`, tour: structuredClone(cached.tour) })
  }
  return out.sort((a, b) => a.file.localeCompare(b.file))
}

/** The narration check of each track by script and file versions, keyed as below. */
const narrationCache = new Map<string, { path: string; message: string }[]>()
const NARRATION_CACHE_MAX = 5000

const fileVersion = (file: string) => {
  try {
    const { size, mtimeMs } = statSync(file)
    return `${size}:${mtimeMs}`
  } catch {
    return 'none'
  }
}

/**
 * content:check's narration check (which reads every MP3 and WebVTT file a tour names), run track
 * by track and remembered until the script or one of its two files changes: a national tour's
 * hundred tracks are read once, not at every keystroke.
 */
function rememberedNarration(tour: Tour, assets: string): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = []
  tour.stops.forEach((stop, si) =>
    stop.hotspots.forEach((hotspot, hi) => {
      for (const [lang, track] of Object.entries(hotspot.narration)) {
        const key = JSON.stringify([
          assets,
          lang,
          track.script,
          track.audio,
          track.captions,
          fileVersion(join(assets, track.audio)),
          fileVersion(join(assets, track.captions)),
        ])
        let found = narrationCache.get(key)
        if (!found) {
          const one = { stops: [{ hotspots: [{ narration: { [lang]: track } }] }] } as unknown as Tour
          found = checkNarration(one, assets)
          if (narrationCache.size >= NARRATION_CACHE_MAX) narrationCache.clear()
          narrationCache.set(key, found)
        }
        for (const p of found)
          out.push({
            ...p,
            path: p.path.replace(/^stops\[0\]\.hotspots\[0\]/, `stops[${si}].hotspots[${hi}]`),
          })
      }
    }),
  )
  return out
}

/** Model inspections by file version, so a model is read once however often the tour is checked. */
const modelCache = new Map<string, Promise<{ message: string }[]>>()

async function modelProblems(assets: string, asset: string, kind: 'model' | 'proxy') {
  const file = join(assets, asset)
  if (!existsSync(file)) return [] // reported as a missing file
  const { size, mtimeMs } = statSync(file)
  const key = `${file}\0${size}\0${mtimeMs}`
  let found = modelCache.get(key)
  if (!found) {
    found = inspectModel(new Uint8Array(readFileSync(file)), asset, kind).then(
      (r) => r.problems,
      (e: unknown) => [{ message: `cannot be read as a glTF model: ${(e as Error).message}` }],
    )
    modelCache.set(key, found)
  }
  return found
}

/**
 * Every problem of `input` (a tour as the studio holds it), errors and warnings, in the order
 * they appear in the document. `root` is the working tree (scenes/, assets/).
 */
export async function checkTour(
  input: unknown,
  root: string,
  lang: StudioLang = 'en',
): Promise<StudioProblem[]> {
  const problems = await findProblems(input, root)
  // A missing narration file is named twice by content:check (a missing file, and narration
  // missing): once is enough beside the field.
  const paths = problems.map((p) => p.jsonPath)
  return problems
    .filter(
      (p, i) =>
        !(
          /^names assets\/.*, which does not exist$/.test(p.message) &&
          paths.some((o, j) => j !== i && o === p.jsonPath)
        ),
    )
    .map((p) => ({ ...p, message: localizeMessage(p.message, lang) }))
}

async function findProblems(input: unknown, root: string): Promise<StudioProblem[]> {
  const assets = join(root, 'assets')
  const parsed = parseTour(input)
  const problems: StudioProblem[] = parsed.ok ? [] : parsed.issues.map((i) => problem(i.path, i.message))
  if (!isObj(input)) return problems
  const tour = parsed.ok ? parsed.tour : forFileRules(input)

  // The files it names and the narration, as content:check checks them. The studio adds a new tour
  // to the catalog when it saves it, so every stop needs its discussion questions.
  let fileRules: { path: string; message: string }[] = []
  try {
    fileRules = tourFileProblems(tour, { assets, listed: true, narration: rememberedNarration })
  } catch {
    // A shape too broken to follow (the schema's problems above say where).
  }
  // A file rule on a field the schema already rejects adds nothing.
  // (A problem of the whole document, such as an unknown field, hides nothing below it.)
  const flagged = problems.map((p) => p.jsonPath).filter((p) => p !== '$')
  for (const p of fileRules) {
    const next = problem(p.path, p.message)
    if (
      !flagged.some(
        (f) => next.jsonPath === f || next.jsonPath.startsWith(`${f}.`) || next.jsonPath.startsWith(`${f}[`),
      )
    )
      problems.push(next)
  }

  // Stops it shares with other tours: saving writes them there too (content:check wants them equal).
  const tourId = typeof input['id'] === 'string' ? input['id'] : undefined
  const others = otherTours(root, tourId)
  arr(input['stops']).forEach((stop, si) => {
    if (!isObj(stop) || typeof stop['id'] !== 'string') return
    for (const other of others) {
      const theirs = other.tour.stops.find((s) => s.id === stop['id'])
      if (theirs && !isDeepStrictEqual(JSON.parse(JSON.stringify(theirs)), stop))
        problems.push(
          problem(
            `stops[${si}]`,
            `the stop "${String(stop['id'])}" is also in ${other.file}, which differs: saving writes this version there too`,
            'warning',
          ),
        )
    }
  })

  // Budgets and the validator for imported models (procedural ones are rebuilt by content:check).
  const seen = new Set<string>()
  for (const [si, stop] of arr(input['stops']).entries()) {
    if (!isObj(stop) || !isObj(stop['model'])) continue
    for (const kind of ['model', 'proxy'] as const) {
      const asset = safeAsset(stop['model'][kind === 'model' ? 'src' : 'proxy'])
      if (!asset || seen.has(asset)) continue
      seen.add(asset)
      const id = asset.match(/^models\/([a-z0-9-]+)(\.proxy)?\.glb$/)?.[1]
      if (id && (SITE_IDS as readonly string[]).includes(id)) continue
      for (const p of await modelProblems(assets, asset, kind))
        problems.push(problem(`stops[${si}].model.${kind === 'model' ? 'src' : 'proxy'}`, p.message))
    }
  }
  return problems
}
