/**
 * Each stop's AR Quick Look (USDZ) and Scene Viewer (GLB) files, as tools/pipeline/ar/ builds them
 * and content:check checks them: a real site model cut to its stop, a USD zip as Quick Look reads
 * it, and every way a committed file can be wrong (stale, broken, not a USD zip) reported.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'three/examples/jsm/libs/fflate.module.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Stop } from '../../src/core/content/schema'
import { parseTourText } from '../../src/core/content/validate'
import { TABLETOP_FIT_METRES } from '../../src/core/engine/footprint'
import { buildStop, catalogStops } from '../../tools/pipeline/ar/build-ar'
import { checkArFiles, checkUsdz, readZip } from '../../tools/pipeline/ar/check-ar'
import { AR_MANIFEST, type ArManifest } from '../../tools/pipeline/ar/manifest'

const SITE = 'human-rights-museum'
const roots: string[] = []
let built: Awaited<ReturnType<typeof buildStop>>
let stop: Stop
let pristine = ''

/** A copy of the one-stop repository the tests start from. */
function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'portage-ar-'))
  roots.push(root)
  cpSync(pristine, root, { recursive: true })
  return root
}

const messages = async (root: string, stops: Stop[] = [stop]) =>
  (await checkArFiles(root, stops)).map((p) => `${p.file}: ${p.message}`)

beforeAll(async () => {
  pristine = mkdtempSync(join(tmpdir(), 'portage-ar-'))
  roots.push(pristine)
  const parsed = parseTourText(readFileSync(`scenes/${SITE}/tour.json`, 'utf8'))
  if (!parsed.ok) throw new Error('the museum tour does not parse')
  stop = parsed.tour.stops[0]!
  mkdirSync(join(pristine, 'assets/models'), { recursive: true })
  mkdirSync(join(pristine, 'assets/ar'))
  cpSync(`assets/models/${SITE}.glb`, join(pristine, `assets/models/${SITE}.glb`))
  built = await buildStop(pristine, stop)
  writeFileSync(join(pristine, 'assets', built.entry.usdz), built.usdz)
  writeFileSync(join(pristine, 'assets', built.entry.glb), built.glb)
  const manifest: ArManifest = { version: 'portage.ar-manifest/1', stops: { [stop.id]: built.entry } }
  writeFileSync(join(pristine, 'assets', AR_MANIFEST), JSON.stringify(manifest))
}, 60_000)

afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

describe('building a stop’s AR files', () => {
  it('cuts the stop out of the site model at table size, in metres, +Y up', () => {
    const { entry } = built
    const size = Math.max(
      entry.bounds.max[0] - entry.bounds.min[0],
      entry.bounds.max[2] - entry.bounds.min[2],
    )
    // The footprint's largest side is exactly the table size; the model's own extent is within it.
    expect(size).toBeGreaterThan(TABLETOP_FIT_METRES * 0.8)
    expect(size).toBeLessThanOrEqual(TABLETOP_FIT_METRES + 1e-3)
    expect(entry.bounds.max[1]).toBeGreaterThan(0.05) // the museum's tower stands up, along +Y
    expect(entry.triangles).toBeGreaterThan(500)
    expect(entry.materials).toBeGreaterThan(3)
  })

  it('writes a USD zip Quick Look can open: the root layer first, stored, every entry 64-byte aligned', () => {
    const entries = readZip(built.usdz)
    expect(entries[0]!.name).toBe('model.usda')
    expect(entries.length).toBeGreaterThan(1)
    for (const e of entries) {
      expect(e.method).toBe(0)
      expect(e.dataOffset % 64).toBe(0)
    }
    const root = new TextDecoder().decode(
      built.usdz.subarray(entries[0]!.dataOffset, entries[0]!.dataOffset + entries[0]!.size),
    )
    expect(root).toMatch(/metersPerUnit = 1/)
    expect(root).toMatch(/upAxis = "Y"/)
    expect(root).toMatch(/preliminary:anchoring:type = "plane"/)
    expect(checkUsdz(built.usdz, built.entry)).toEqual([])
  })

  it('passes the check as built', async () => {
    expect(await messages(pristine)).toEqual([])
  })
})

describe('content:check on the AR files', () => {
  it('passes every stop of this repository as committed', async () => {
    expect(await messages(process.cwd(), catalogStops(process.cwd()))).toEqual([])
  }, 60_000)

  it('fails a stale file: the site model changed since it was made', async () => {
    const root = copy()
    const model = join(root, `assets/models/${SITE}.glb`)
    writeFileSync(model, Buffer.concat([readFileSync(model), Buffer.alloc(4)]))
    expect(await messages(root)).toEqual([
      `assets/ar/${SITE}.usdz: is stale: models/${SITE}.glb has changed since it was made: run \`npm run ar-models\``,
    ])
  })

  it('fails a stale file: a hotspot moved, so the stop’s footprint is another', async () => {
    const moved = structuredClone(stop)
    moved.hotspots[0]!.position = [400, 2, 400]
    expect((await messages(copy(), [moved])).join('\n')).toMatch(/footprint .* has changed/)
  })

  it('fails a missing file and a stop the manifest does not know', async () => {
    const root = copy()
    rmSync(join(root, `assets/ar/${SITE}.usdz`))
    expect(await messages(root)).toEqual([
      `assets/ar/${SITE}.usdz: does not exist: run \`npm run ar-models\``,
    ])
    const other = { ...stop, id: 'fort-york' }
    expect(await messages(root, [other])).toEqual([
      'assets/ar/manifest.json: has no entry for the stop "fort-york": run `npm run ar-models`',
    ])
  })

  it('fails a file cut short, and one that is not the file the manifest describes', async () => {
    const root = copy()
    writeFileSync(join(root, 'assets', built.entry.usdz), built.usdz.subarray(0, built.usdz.length - 100))
    const found = await messages(root)
    expect(found).toContain(
      `assets/ar/${SITE}.usdz: is not the file the manifest describes: run \`npm run ar-models\``,
    )
    expect(found.some((m) => /is not a zip file|damaged/.test(m))).toBe(true)
  })

  it('fails a zip that is not a USDZ: compressed entries, unaligned data, no USD layer first', () => {
    const text = new TextEncoder().encode('#usda 1.0\n(\n\tmetersPerUnit = 1\n\tupAxis = "Y"\n)\n')
    const deflated = zipSync({ 'model.usda': text }, { level: 6 })
    expect(checkUsdz(deflated, { triangles: 1 })).toContain(
      '"model.usda" is compressed (USDZ entries must be stored)',
    )
    // Stored, but with nothing to pad the data to a 64-byte boundary (30 + 10 bytes of header).
    const unaligned = zipSync({ 'model.usda': text }, { level: 0 })
    expect(checkUsdz(unaligned, { triangles: 1 })).toEqual([
      '"model.usda" starts at byte 40, not on a 64-byte boundary',
    ])
    const imageFirst = zipSync({ 'a.png': new Uint8Array(8), 'model.usda': text }, { level: 0 })
    expect(checkUsdz(imageFirst, { triangles: 1 })[0]).toBe(
      'its first entry is "a.png", not a USD layer (.usda or .usdc)',
    )
  })

  it('fails a USDZ whose meshes are not the geometry the manifest records', async () => {
    const root = copy()
    const manifest = JSON.parse(readFileSync(join(root, 'assets', AR_MANIFEST), 'utf8')) as ArManifest
    manifest.stops[stop.id]!.triangles += 1
    writeFileSync(join(root, 'assets', AR_MANIFEST), JSON.stringify(manifest))
    expect(await messages(root)).toEqual([
      `assets/ar/${SITE}.usdz: holds ${built.entry.triangles} triangles, not the ${built.entry.triangles + 1} the manifest records`,
      `assets/ar/${SITE}.glb: holds ${built.entry.triangles} triangles, not the ${built.entry.triangles + 1} recorded`,
    ])
  })
})
