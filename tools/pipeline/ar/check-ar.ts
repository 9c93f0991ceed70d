/**
 * The content check of every stop's AR Quick Look (USDZ) and Scene Viewer (GLB) files, called by
 * `npm run content:check`. For each stop of the catalog:
 *
 * - present: both files, and the stop's entry in `assets/ar/manifest.json`;
 * - fresh: made from the site model as it is now (its SHA-256) and the stop's footprint as the
 *   tour now gives it; the files are the ones the manifest describes (their SHA-256);
 * - a USD zip, as AR Quick Look requires (USDZ spec, "Zip file format"): a zip whose entries are
 *   stored (not deflated), whose first entry is a USD layer (.usda or .usdc), and whose every
 *   entry's data starts at a multiple of 64 bytes;
 * - holding the site: the layers' meshes add up to the triangles the manifest records (at least
 *   one), metres and +Y up, the size of a table-top miniature;
 * - the GLB holds the same number of triangles.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { NodeIO } from '@gltf-transform/core'
import type { Stop } from '../../../src/core/content/schema'
import { footprint, TABLETOP_FIT_METRES } from '../../../src/core/engine/footprint'
import { sha256 } from './hash'
import { AR_MANIFEST, arFilePaths, type ArManifest, type ArManifestEntry } from './manifest'

export type ArProblem = { file: string; message: string }

const FIX = 'run `npm run ar-models`'

type ZipEntry = { name: string; method: number; dataOffset: number; size: number }

/**
 * The entries of a zip, from its central directory (the authoritative list), each with where its
 * data starts (read from its local header: the extra field there may differ from the central one,
 * which is how USDZ writers pad to 64 bytes).
 */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) throw new Error('is not a zip file (no end of central directory)')
  const count = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  const entries: ZipEntry[] = []
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new Error('has a damaged central directory')
    const method = view.getUint16(at + 10, true)
    const size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const local = view.getUint32(at + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
      throw new Error(`has a damaged local header for ${name}`)
    const dataOffset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    if (dataOffset + size > bytes.length) throw new Error(`is cut short inside ${name}`)
    entries.push({ name, method, dataOffset, size })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Triangles of the USD text layers' meshes (faceVertexCounts, each n-gon as n - 2 triangles). */
function usdaTriangles(text: string): number {
  let triangles = 0
  for (const m of text.matchAll(/int\[\] faceVertexCounts = \[([^\]]*)\]/g))
    for (const n of m[1]!.split(',')) if (n.trim()) triangles += Number(n) - 2
  return triangles
}

/** The problems of one USDZ file (bytes), against what its manifest entry says it holds. */
export function checkUsdz(bytes: Uint8Array, expected: Pick<ArManifestEntry, 'triangles'>): string[] {
  let entries: ZipEntry[]
  try {
    entries = readZip(bytes)
  } catch (e) {
    return [(e as Error).message]
  }
  const problems: string[] = []
  const first = entries[0]
  if (!first || !/\.usd[ac]?$/.test(first.name))
    problems.push(
      `its first entry is ${first ? `"${first.name}"` : 'missing'}, not a USD layer (.usda or .usdc)`,
    )
  for (const e of entries) {
    if (e.method !== 0) problems.push(`"${e.name}" is compressed (USDZ entries must be stored)`)
    if (e.dataOffset % 64 !== 0)
      problems.push(`"${e.name}" starts at byte ${e.dataOffset}, not on a 64-byte boundary`)
  }
  if (problems.length) return problems
  if (first!.name.endsWith('.usdc'))
    return [
      'its root layer is binary (.usdc); the pipeline writes text layers (.usda), which this check reads',
    ]
  const text = (e: ZipEntry) => new TextDecoder().decode(bytes.subarray(e.dataOffset, e.dataOffset + e.size))
  const root = text(first!)
  if (!/metersPerUnit = 1\b/.test(root)) problems.push('its root layer is not in metres (metersPerUnit = 1)')
  if (!/upAxis = "Y"/.test(root)) problems.push('its root layer is not +Y up (upAxis = "Y")')
  // Every layer the root references must be in the archive (Quick Look reads nothing outside it).
  const names = new Set(entries.map((e) => e.name))
  for (const m of root.matchAll(/@\.\/([^@]+)@/g))
    if (!names.has(m[1]!)) problems.push(`its root layer references "${m[1]}", which is not in the archive`)
  const triangles = entries
    .filter((e) => e.name.endsWith('.usda'))
    .reduce((n, e) => n + usdaTriangles(text(e)), 0)
  if (triangles === 0) problems.push('holds no geometry')
  else if (triangles !== expected.triangles)
    problems.push(`holds ${triangles} triangles, not the ${expected.triangles} the manifest records`)
  return problems
}

async function glbTriangles(bytes: Uint8Array): Promise<number> {
  const doc = await new NodeIO().readBinary(bytes)
  let n = 0
  for (const mesh of doc.getRoot().listMeshes())
    for (const p of mesh.listPrimitives()) n += (p.getIndices()?.getCount() ?? 0) / 3
  return n
}

/** Every stop's AR files: see the top of this file. `root` holds scenes/ and assets/. */
export async function checkArFiles(root: string, stops: readonly Stop[]): Promise<ArProblem[]> {
  const assets = join(root, 'assets')
  const problems: ArProblem[] = []
  const manifestFile = `assets/${AR_MANIFEST}`
  let manifest: ArManifest
  try {
    manifest = JSON.parse(readFileSync(join(root, manifestFile), 'utf8')) as ArManifest
  } catch (e) {
    return [{ file: manifestFile, message: `cannot be read (${(e as Error).message}): ${FIX}` }]
  }
  for (const stop of stops) {
    const paths = arFilePaths(stop.id)
    const entry = manifest.stops?.[stop.id]
    if (!entry) {
      problems.push({ file: manifestFile, message: `has no entry for the stop "${stop.id}": ${FIX}` })
      continue
    }
    const report = (file: string, message: string) => problems.push({ file: `assets/${file}`, message })
    const model = join(assets, stop.model.src)
    if (entry.model !== stop.model.src)
      report(paths.usdz, `was made from ${entry.model}, but the stop's model is ${stop.model.src}: ${FIX}`)
    else if (existsSync(model) && sha256(new Uint8Array(readFileSync(model))) !== entry.modelSha256)
      report(paths.usdz, `is stale: ${stop.model.src} has changed since it was made: ${FIX}`)
    const f = footprint(stop)
    const now = { anchor: f.anchor, min: f.min, max: [f.max[0], null, f.max[2]], size: f.size }
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(now)), entry.footprint))
      report(paths.usdz, `is stale: the stop's footprint (hotspots, walkable areas) has changed: ${FIX}`)
    const size = Math.max(
      entry.bounds.max[0] - entry.bounds.min[0],
      entry.bounds.max[2] - entry.bounds.min[2],
    )
    if (!(size > 0.05 && size <= TABLETOP_FIT_METRES + 1e-3))
      report(
        paths.usdz,
        `is ${size.toFixed(2)} m across, not a table-top miniature (≤ ${TABLETOP_FIT_METRES} m)`,
      )

    for (const [kind, path, recorded] of [
      ['usdz', paths.usdz, entry.usdzSha256],
      ['glb', paths.glb, entry.glbSha256],
    ] as const) {
      const file = join(assets, path)
      if (!existsSync(file)) {
        report(path, `does not exist: ${FIX}`)
        continue
      }
      const bytes = new Uint8Array(readFileSync(file))
      if (sha256(bytes) !== recorded) report(path, `is not the file the manifest describes: ${FIX}`)
      if (kind === 'usdz') for (const m of checkUsdz(bytes, entry)) report(path, m)
      else {
        const n = await glbTriangles(bytes).catch(() => -1)
        if (n < 0) report(path, 'is not a readable GLB')
        else if (n !== entry.triangles)
          report(path, `holds ${n} triangles, not the ${entry.triangles} recorded`)
      }
    }
  }
  return problems
}
