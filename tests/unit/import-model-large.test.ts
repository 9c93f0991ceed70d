/**
 * A large scan, built here from a small public one: the Smithsonian whale skull (100,000
 * triangles) copied 40 times side by side, each copy moved so that no two are the same data
 * (dedup cannot merge them), written as a GLB of over 100 MB and 4 million triangles. The importer
 * must bring it within every budget with the default command, reporting progress as it goes; the
 * peak memory (resident set) is printed for docs/authoring.md, not asserted (it depends on the machine).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUDGET } from '../../tools/pipeline/models/check-models.ts'
import { formatReport, importModel } from '../../tools/pipeline/models/import-model.ts'
import { getImportIO } from '../../tools/pipeline/models/import/input.ts'

const WHALE = join(import.meta.dirname, '../fixtures/models/smithsonian-whale/whale_cranium_draco.glb')
const COPIES = 40

async function largeScan(): Promise<Uint8Array> {
  const io = await getImportIO()
  const doc = await io.readBinary(new Uint8Array(readFileSync(WHALE)))
  for (const ext of doc.getRoot().listExtensionsUsed())
    if (ext.extensionName === 'KHR_draco_mesh_compression') ext.dispose()
  const scene = doc.getRoot().listScenes()[0]
  const mesh = doc.getRoot().listMeshes()[0]
  const prim = mesh?.listPrimitives()[0]
  const position = prim?.getAttribute('POSITION')
  if (!scene || !prim || !position) throw new Error('the whale has no mesh')
  const source = position.getArray() as Float32Array
  for (let copy = 1; copy < COPIES; copy++) {
    const moved = new Float32Array(source)
    // A grid of skulls 0.6 m apart on the ground.
    for (let i = 0; i < moved.length; i += 3) {
      moved[i] = (moved[i] ?? 0) + (copy % 8) * 0.6
      moved[i + 2] = (moved[i + 2] ?? 0) + Math.floor(copy / 8) * 0.6
    }
    // Every accessor its own copy, as in a real scan (only the positions differ, as dedup will find).
    const clone = prim.clone()
    for (const semantic of clone.listSemantics())
      clone.setAttribute(semantic, clone.getAttribute(semantic)?.clone() ?? null)
    clone.setIndices(clone.getIndices()?.clone() ?? null)
    clone.setAttribute('POSITION', position.clone().setArray(moved))
    scene.addChild(
      doc.createNode(`skull-${copy}`).setMesh(doc.createMesh(`skull-${copy}`).addPrimitive(clone)),
    )
  }
  return io.writeBinary(doc)
}

describe('a large input', () => {
  it('a 100 MB, 4-million-triangle scan imports within budget, with progress', async () => {
    const input = await largeScan()
    expect(input.byteLength).toBeGreaterThan(100_000_000)
    const steps = new Set<string>()
    const result = await importModel(input, {
      siteId: 'whale-field',
      progress: (step) => steps.add(step),
    })
    const rssMb = process.resourceUsage().maxRSS / 1024
    console.log(
      `large input: ${(input.byteLength / 1e6).toFixed(0)} MB, ${result.report.input.triangles.toLocaleString('en-CA')} triangles → ` +
        `${(result.glb.byteLength / 1e6).toFixed(2)} MB, ${result.report.model.triangles.toLocaleString('en-CA')} triangles; ` +
        `peak memory (RSS) ${rssMb.toFixed(0)} MB`,
    )
    expect(result.report.input.triangles).toBe(100_000 * COPIES)
    expect(result.problems, formatReport(result)).toEqual([])
    expect(result.glb.byteLength).toBeLessThanOrEqual(BUDGET.maxModelBytes)
    expect(result.report.model.triangles).toBeLessThanOrEqual(BUDGET.maxTriangles)
    expect(result.report.model.simplifierError).toBeGreaterThan(0)
    expect([...steps]).toEqual(
      expect.arrayContaining(['reading', 'simplifying', 'textures', 'compressing', 'validating']),
    )
  }, 900_000)
})
