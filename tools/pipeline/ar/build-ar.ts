/**
 * `npm run ar-models [-- <stop-id> ...]`: each stop's tabletop miniature for the phones' own AR
 * viewers, from the stop's committed site model: `assets/ar/<stop>.usdz` (AR Quick Look) and
 * `assets/ar/<stop>.glb` (Scene Viewer), and `assets/ar/manifest.json`, which records what each was
 * made from (the model's SHA-256 and the stop's footprint) so that `npm run content:check` can tell
 * a stale file from a fresh one without rebuilding it. Run it after `npm run models` or after
 * moving a stop's hotspots or walkable areas; the files are committed like the other built content.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CatalogDocument, type Stop } from '../../../src/core/content/schema'
import { parseTourText } from '../../../src/core/content/validate'
import { footprint } from '../../../src/core/engine/footprint'
import {
  arFilePaths,
  AR_MANIFEST,
  AR_MANIFEST_VERSION,
  type ArManifest,
  type ArManifestEntry,
} from './manifest'
import { toGlb, toUsdz } from './export'
import { sha256 } from './hash'
import { tabletopModel } from './tabletop-model'
import { checkArFiles } from './check-ar'

/** Every stop of every tour the catalog lists, once (a stop shared by two tours is one stop). */
export function catalogStops(root: string): Stop[] {
  const catalog = CatalogDocument.parse(JSON.parse(readFileSync(join(root, 'scenes/catalog.json'), 'utf8')))
  const stops = new Map<string, Stop>()
  for (const id of catalog.tours) {
    const parsed = parseTourText(readFileSync(join(root, 'scenes', id, 'tour.json'), 'utf8'))
    if (parsed.ok) for (const s of parsed.tour.stops) if (!stops.has(s.id)) stops.set(s.id, s)
  }
  return [...stops.values()]
}

/** Builds one stop's two files and its manifest entry. */
export async function buildStop(
  root: string,
  stop: Stop,
): Promise<{ usdz: Uint8Array; glb: Uint8Array; entry: ArManifestEntry }> {
  const source = new Uint8Array(readFileSync(join(root, 'assets', stop.model.src)))
  const area = footprint(stop)
  const model = await tabletopModel(source, area)
  const usdz = await toUsdz(model)
  const glb = await toGlb(model)
  const files = arFilePaths(stop.id)
  return {
    usdz,
    glb,
    entry: {
      model: stop.model.src,
      modelSha256: sha256(source),
      footprint: {
        anchor: area.anchor,
        min: area.min,
        max: [area.max[0], null, area.max[2]],
        size: area.size,
      },
      usdz: files.usdz,
      usdzSha256: sha256(usdz),
      glb: files.glb,
      glbSha256: sha256(glb),
      triangles: model.triangles,
      materials: model.groups.length,
      bounds: { min: model.min, max: model.max },
      scale: model.scale,
    },
  }
}

function readManifest(root: string): ArManifest {
  try {
    return JSON.parse(readFileSync(join(root, 'assets', AR_MANIFEST), 'utf8')) as ArManifest
  } catch {
    return { version: AR_MANIFEST_VERSION, stops: {} } // first build: a new manifest
  }
}

function writeManifest(root: string, manifest: ArManifest, keep: (id: string) => boolean = () => true) {
  // In a stable order, so that the committed file's diffs stay small.
  manifest.stops = Object.fromEntries(
    Object.entries(manifest.stops)
      .filter(([id]) => keep(id))
      .sort(([a], [b]) => a.localeCompare(b)),
  )
  writeFileSync(join(root, 'assets', AR_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
}

/**
 * Brings the AR files of `stops` up to date: those that content:check would find missing or stale
 * (a new stop, a moved hotspot or area, another model) are built again. Portage Studio calls it when
 * it saves a tour, so that what it saved passes content:check. Returns the files written, relative
 * to `root`.
 */
export async function refreshArFiles(root: string, stops: readonly Stop[]): Promise<string[]> {
  const manifest = readManifest(root)
  const written: string[] = []
  for (const stop of stops) {
    if (!existsSync(join(root, 'assets', stop.model.src))) continue // the check names the missing model
    if ((await checkArFiles(root, [stop])).length === 0) continue
    mkdirSync(join(root, 'assets', 'ar'), { recursive: true })
    const { usdz, glb, entry } = await buildStop(root, stop)
    writeFileSync(join(root, 'assets', entry.usdz), usdz)
    writeFileSync(join(root, 'assets', entry.glb), glb)
    manifest.stops[stop.id] = entry
    written.push(`assets/${entry.usdz}`, `assets/${entry.glb}`)
  }
  if (written.length) {
    writeManifest(root, manifest)
    written.push(`assets/${AR_MANIFEST}`)
  }
  return written
}

async function main(argv: string[]) {
  const root = process.cwd()
  const stops = catalogStops(root)
  const unknown = argv.filter((a) => !stops.some((s) => s.id === a))
  if (unknown.length) {
    console.error(`unknown stop(s): ${unknown.join(', ')}`)
    return 2
  }
  const manifest = readManifest(root)
  mkdirSync(join(root, 'assets', 'ar'), { recursive: true })
  console.log('stop                  triangles  materials      usdz       glb  size (m)')
  for (const stop of stops) {
    if (argv.length && !argv.includes(stop.id)) continue
    const { usdz, glb, entry } = await buildStop(root, stop)
    writeFileSync(join(root, 'assets', entry.usdz), usdz)
    writeFileSync(join(root, 'assets', entry.glb), glb)
    manifest.stops[stop.id] = entry
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`.padStart(9)
    const size = entry.bounds.max.map((v, i) => (v - entry.bounds.min[i]!).toFixed(2)).join(' × ')
    console.log(
      `${stop.id.padEnd(20)} ${String(entry.triangles).padStart(10)} ${String(entry.materials).padStart(10)} ${kb(usdz.length)} ${kb(glb.length)}  ${size}`,
    )
  }
  // Only the catalog's stops.
  const ids = new Set(stops.map((s) => s.id))
  writeManifest(root, manifest, (id) => ids.has(id))
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
