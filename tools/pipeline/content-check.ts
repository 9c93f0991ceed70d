/**
 * `npm run content:check`: everything a content team can break, checked before it ships. Fails
 * (exit 1), naming the file and the JSON path, on: a schema error; a referenced file that is
 * missing; a hotspot missing a language, audio, captions or a source; captions that run past
 * their audio or do not say the script's words; a model over budget, with validator errors, or
 * not reproducible from its source code; a stop that differs between two tours; a catalog that
 * does not list a tour; a stop of a catalogued tour without its discussion questions; a stop whose
 * AR Quick Look or Scene Viewer file is missing, stale or not a USD zip; a JSON Schema out of date.
 *
 * `--skip-models` skips rebuilding the procedural models (the slowest part) for quick edits.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { CatalogDocument } from '../../src/core/content/schema'
import type { Stop, Tour } from '../../src/core/content/schema'
import { parseTourText } from '../../src/core/content/validate'
import { checkArFiles } from './ar/check-ar'
import { JSON_SCHEMA_FILE, tourJsonSchema } from './json-schema'
import { checkSite, inspectModel } from './models/check-models'
import { SITE_IDS, type SiteId } from './models/sites/types'
import { checkNarration } from './narration/mp3-info'

export type CheckProblem = { file: string; path: string; message: string }

function tourFiles(root: string): string[] {
  return readdirSync(join(root, 'scenes'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'scenes', d.name, 'tour.json')))
    .map((d) => `scenes/${d.name}/tour.json`)
    .sort()
}

/** Every file a tour points at, with the JSON path that names it. */
function referencedFiles(tour: Tour): { path: string; asset: string }[] {
  const refs: { path: string; asset: string }[] = []
  if (tour.poster) refs.push({ path: 'poster', asset: tour.poster })
  tour.stops.forEach((stop, si) => {
    const sp = `stops[${si}]`
    if (stop.poster) refs.push({ path: `${sp}.poster`, asset: stop.poster })
    refs.push({ path: `${sp}.model.src`, asset: stop.model.src })
    if (stop.model.proxy) refs.push({ path: `${sp}.model.proxy`, asset: stop.model.proxy })
    stop.hotspots.forEach((h, hi) => {
      for (const [lang, track] of Object.entries(h.narration)) {
        refs.push({ path: `${sp}.hotspots[${hi}].narration.${lang}.audio`, asset: track.audio })
        refs.push({ path: `${sp}.hotspots[${hi}].narration.${lang}.captions`, asset: track.captions })
      }
    })
  })
  return refs
}

/**
 * Every stop of a tour the catalog offers needs its two discussion questions: the lesson handout
 * promises teachers two per stop (issue 7). The schema keeps `discussion` optional, so a tour
 * outside the catalog (a draft, a test fixture) still opens and prints without them; the handout
 * never makes questions up.
 */
export function missingDiscussion(tour: Tour): { path: string; message: string }[] {
  return tour.stops.flatMap((stop, si) =>
    stop.discussion
      ? []
      : [
          {
            path: `stops[${si}].discussion`,
            message: `is missing: the stop "${stop.id}" is in a tour the catalog lists, so it needs its two discussion questions for the lesson handout`,
          },
        ],
  )
}

/** A tour whose id is not the name of its folder, as `scenes/<id>/tour.json` requires. */
export function tourFolderProblem(tour: Tour, file: string): { path: string; message: string } | undefined {
  if (`scenes/${tour.id}/tour.json` === file) return undefined
  return { path: 'id', message: `is "${tour.id}" but the file is in scenes/${file.split('/')[1]}/` }
}

/**
 * The rules that concern one valid tour and the files it names, by JSON path: every referenced
 * file exists, narration audio and captions agree with the scripts, and (for a tour the catalog
 * lists) every stop has its discussion questions. Shared by this command and Portage Studio, which
 * runs them as a content team types.
 */
export function tourFileProblems(
  tour: Tour,
  options: {
    assets: string
    listed: boolean
    /** The narration check (the studio passes one that remembers files it has read). */
    narration?: (tour: Tour, assets: string) => { path: string; message: string }[]
  },
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  for (const ref of referencedFiles(tour))
    if (!existsSync(join(options.assets, ref.asset)))
      problems.push({ path: ref.path, message: `names assets/${ref.asset}, which does not exist` })
  problems.push(...(options.narration ?? checkNarration)(tour, options.assets))
  if (options.listed) problems.push(...missingDiscussion(tour))
  return problems
}

/** Stops with the same id in several tours that are not the same stop (the later ones are named). */
export function sharedStopProblems(tours: readonly { file: string; tour: Tour }[]): CheckProblem[] {
  const problems: CheckProblem[] = []
  const stops = new Map<string, { file: string; path: string; stop: Stop }>()
  for (const { file, tour } of tours) {
    tour.stops.forEach((stop, si) => {
      const first = stops.get(stop.id)
      if (!first) stops.set(stop.id, { file, path: `stops[${si}]`, stop })
      else if (!isDeepStrictEqual(first.stop, stop))
        problems.push({
          file,
          path: `stops[${si}]`,
          message: `differs from the stop "${stop.id}" in ${first.file}`,
        })
    })
  }
  return problems
}

export async function checkContent(
  options: {
    skipModels?: boolean
    /** The repository to check, containing scenes/ and assets/. @default process.cwd() */
    root?: string
  } = {},
): Promise<CheckProblem[]> {
  const root = options.root ?? process.cwd()
  const assets = join(root, 'assets')
  const problems: CheckProblem[] = []
  const tours = new Map<string, { file: string; tour: Tour }>()

  // The catalog: valid, and listing exactly the tours that exist.
  const catalogFile = 'scenes/catalog.json'
  let listed: string[] = []
  try {
    const parsed = CatalogDocument.safeParse(JSON.parse(readFileSync(join(root, catalogFile), 'utf8')))
    if (parsed.success) listed = parsed.data.tours
    else
      for (const i of parsed.error.issues)
        problems.push({ file: catalogFile, path: i.path.join('.'), message: i.message })
  } catch (e) {
    problems.push({ file: catalogFile, path: '', message: (e as Error).message })
  }

  for (const file of tourFiles(root)) {
    const result = parseTourText(readFileSync(join(root, file), 'utf8'))
    if (!result.ok) {
      for (const i of result.issues) problems.push({ file, ...i })
      continue
    }
    const { tour } = result
    const folder = tourFolderProblem(tour, file)
    if (folder) problems.push({ file, ...folder })
    if (!listed.includes(tour.id))
      problems.push({ file: catalogFile, path: 'tours', message: `does not list the tour "${tour.id}"` })
    tours.set(tour.id, { file, tour })
    for (const p of tourFileProblems(tour, { assets, listed: listed.includes(tour.id) }))
      problems.push({ file, ...p })
  }
  listed.forEach((id, i) => {
    if (!existsSync(join(root, 'scenes', id, 'tour.json')))
      problems.push({
        file: catalogFile,
        path: `tours[${i}]`,
        message: `lists "${id}", but scenes/${id}/tour.json does not exist`,
      })
  })

  // A stop shown in several tours (a site's own tour and the national tour) must be the same stop.
  for (const p of sharedStopProblems([...tours.values()])) problems.push(p)

  // Models: each referenced once. Procedural sites are rebuilt and compared byte for byte.
  if (!options.skipModels) {
    const models = new Map<string, string>() // asset path -> where it is named
    const proxies = new Map<string, string>()
    for (const { file, tour } of tours.values())
      tour.stops.forEach((s, si) => {
        if (!models.has(s.model.src)) models.set(s.model.src, `${file} stops[${si}].model.src`)
        if (s.model.proxy && !proxies.has(s.model.proxy))
          proxies.set(s.model.proxy, `${file} stops[${si}].model.proxy`)
      })
    const procedural = new Set<string>()
    /** Budgets and validator for a model that is not built here (a missing file is reported above). */
    const inspectAsset = async (asset: string, kind: 'model' | 'proxy', where: string) => {
      if (!existsSync(join(assets, asset))) return
      const bytes = new Uint8Array(readFileSync(join(assets, asset)))
      for (const p of (await inspectModel(bytes, asset, kind)).problems)
        problems.push({ file: `assets/${asset}`, path: '', message: `${p.message} (named by ${where})` })
    }
    for (const [asset, where] of models) {
      const id = asset.match(/^models\/([a-z0-9-]+)\.glb$/)?.[1]
      if (id && (SITE_IDS as readonly string[]).includes(id)) {
        procedural.add(id)
        for (const p of await checkSite(id as SiteId, join(assets, 'models')))
          problems.push({ file: `assets/models/${p.file}`, path: '', message: p.message })
      } else await inspectAsset(asset, 'model', where)
    }
    // Proxies of imported models are held to the proxy budget too (procedural ones were above).
    for (const [asset, where] of proxies) {
      const id = asset.match(/^models\/([a-z0-9-]+)\.proxy\.glb$/)?.[1]
      if (!id || !procedural.has(id)) await inspectAsset(asset, 'proxy', where)
    }
  }

  // Each stop's AR Quick Look and Scene Viewer files (tools/pipeline/ar/check-ar.ts).
  // Each stop once, though several tours may hold it (their copies are held identical above).
  const allStops = [
    ...new Map([...tours.values()].flatMap(({ tour }) => tour.stops.map((s) => [s.id, s] as const))).values(),
  ]
  for (const p of await checkArFiles(root, allStops))
    problems.push({ file: p.file, path: '', message: p.message })

  const schemaNow = existsSync(join(root, JSON_SCHEMA_FILE))
    ? readFileSync(join(root, JSON_SCHEMA_FILE), 'utf8')
    : ''
  if (schemaNow !== tourJsonSchema())
    problems.push({
      file: JSON_SCHEMA_FILE,
      path: '',
      message: 'is out of date: run `npm run content:schema`',
    })

  return problems
}

async function main() {
  const skipModels = process.argv.includes('--skip-models')
  const started = Date.now()
  const problems = await checkContent({ skipModels })
  for (const p of problems) console.error(`${p.file}${p.path ? `: ${p.path}` : ''}: ${p.message}`)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (problems.length) {
    console.error(`\ncontent:check found ${problems.length} problem(s) (${seconds} s).`)
    process.exit(1)
  }
  console.log(`content:check: ${tourFiles(process.cwd()).length} tour(s), all content valid (${seconds} s).`)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
