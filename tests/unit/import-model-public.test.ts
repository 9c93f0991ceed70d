/**
 * model:import on real, public models that no one here made (credits and licences beside them in
 * tests/fixtures/models/): a Smithsonian scan compressed with Draco, glTF-Transform's meshopt box,
 * obj2gltf's OBJ + MTL + PNG, and variants built here from those files with their other public
 * images (WebP, AVIF, KTX2) and as a .gltf with external files. Each must come out within the
 * budget with the default command and pass the Khronos validator with no error.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXTTextureAVIF, EXTTextureWebP, KHRTextureBasisu } from '@gltf-transform/extensions'
import type { Document } from '@gltf-transform/core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { BUDGET, getIO } from '../../tools/pipeline/models/check-models.ts'
import { formatReport, importModel, type ImportResult } from '../../tools/pipeline/models/import-model.ts'
import { getImportIO } from '../../tools/pipeline/models/import/input.ts'

const FIXTURES = join(import.meta.dirname, '../fixtures/models')
const WHALE = join(FIXTURES, 'smithsonian-whale/whale_cranium_draco.glb')
const BOX_OBJ = join(FIXTURES, 'obj2gltf-box-textured/box-textured.obj')

async function extensionsOf(glb: Uint8Array): Promise<string[]> {
  const doc = await (await getIO()).readBinary(glb)
  return doc
    .getRoot()
    .listExtensionsUsed()
    .map((e) => e.extensionName)
}

/** Within every budget, no validator error, meshopt + quantisation, no Draco left. */
async function expectReady(result: ImportResult) {
  expect(result.problems, formatReport(result)).toEqual([])
  expect(result.glb.byteLength).toBeLessThanOrEqual(BUDGET.maxModelBytes)
  expect(result.proxy.byteLength).toBeLessThanOrEqual(BUDGET.maxProxyBytes)
  expect(result.report.model.triangles).toBeLessThanOrEqual(BUDGET.maxTriangles)
  expect(result.report.model.drawCalls).toBeLessThanOrEqual(BUDGET.maxDrawCalls)
  expect(result.report.model.validatorErrors).toBe(0)
  expect(result.report.proxy.validatorErrors).toBe(0)
  const used = await extensionsOf(result.glb)
  expect(used).toEqual(expect.arrayContaining(['EXT_meshopt_compression', 'KHR_mesh_quantization']))
  expect(used).not.toContain('KHR_draco_mesh_compression')
}

/** The OBJ box as a glTF document (through the importer's own reader). */
async function objBox(): Promise<Document> {
  const obj2gltf = (await import('obj2gltf')).default
  const glb = (await obj2gltf(BOX_OBJ, { binary: true, secure: true, logger: () => {} })) as Buffer
  return (await getImportIO()).readBinary(new Uint8Array(glb))
}

describe('public models, default command', () => {
  it('imports a Smithsonian scan compressed with Draco', async () => {
    const result = await importModel(WHALE, { siteId: 'pilot-whale' })
    await expectReady(result)
    expect(result.report.input.kind).toMatch(/KHR_draco_mesh_compression/)
    expect(result.report.input.triangles).toBe(100_000)
    // Its maps come out no larger than they went in, or the report says why.
    for (const t of result.report.textures) if (t.to.bytes > t.from.bytes) expect(t.why).toBeTruthy()
  }, 120_000)

  it('imports the same scan with WebP textures (EXT_texture_webp)', async () => {
    const io = await getImportIO()
    const doc = await io.readBinary(new Uint8Array(readFileSync(WHALE)))
    for (const ext of doc.getRoot().listExtensionsUsed())
      if (ext.extensionName === 'KHR_draco_mesh_compression') ext.dispose()
    for (const texture of doc.getRoot().listTextures()) {
      const webp = await sharp(texture.getImage() ?? new Uint8Array())
        .webp({ quality: 90 })
        .toBuffer()
      texture.setImage(new Uint8Array(webp)).setMimeType('image/webp')
    }
    doc.createExtension(EXTTextureWebP).setRequired(true)
    const result = await importModel(await io.writeBinary(doc), { siteId: 'pilot-whale-webp' })
    await expectReady(result)
    expect(result.report.textures.map((t) => t.from.mimeType)).toEqual(['image/webp', 'image/webp'])
  }, 120_000)

  it('imports a meshopt-compressed, quantised model (glTF-Transform)', async () => {
    const result = await importModel(
      new Uint8Array(readFileSync(join(FIXTURES, 'gltf-transform/BoxMeshopt.glb'))),
      {
        siteId: 'meshopt-box',
      },
    )
    await expectReady(result)
    expect(result.report.input.kind).toMatch(/EXT_meshopt_compression/)
  }, 60_000)

  it('imports an OBJ with its MTL and PNG texture (obj2gltf)', async () => {
    const result = await importModel(BOX_OBJ, { siteId: 'obj-box' })
    await expectReady(result)
    expect(result.report.input.kind).toBe('.obj')
    expect(result.report.textures).toHaveLength(1)
    expect(result.report.textures[0]?.from.mimeType).toBe('image/png')
    expect(result.report.textures[0]?.slots).toContain('baseColorTexture')
  }, 60_000)

  it('imports a .gltf with its .bin and image as separate files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-gltf-'))
    await (await getImportIO()).write(join(dir, 'box.gltf'), await objBox())
    const result = await importModel(join(dir, 'box.gltf'), { siteId: 'gltf-box' })
    await expectReady(result)
    expect(result.report.textures).toHaveLength(1)
  }, 60_000)

  it('imports AVIF textures (decoded by sharp, re-encoded as a format the app decodes)', async () => {
    const doc = await objBox()
    const texture = doc.getRoot().listTextures()[0]
    const avif = await sharp(texture?.getImage() ?? new Uint8Array())
      .avif({ quality: 70 })
      .toBuffer()
    texture?.setImage(new Uint8Array(avif)).setMimeType('image/avif')
    doc.createExtension(EXTTextureAVIF).setRequired(true)
    const result = await importModel(await (await getImportIO()).writeBinary(doc), { siteId: 'avif-box' })
    await expectReady(result)
    expect(result.report.textures[0]?.from.mimeType).toBe('image/avif')
    expect(result.report.textures[0]?.to.mimeType).not.toBe('image/avif')
    expect(await extensionsOf(result.glb)).not.toContain('EXT_texture_avif')
  }, 60_000)

  it('keeps KTX2 textures as they are (glTF-Transform test image)', async () => {
    const doc = await objBox()
    const ktx2 = new Uint8Array(readFileSync(join(FIXTURES, 'gltf-transform/test.ktx2')))
    doc.getRoot().listTextures()[0]?.setImage(ktx2).setMimeType('image/ktx2')
    doc.createExtension(KHRTextureBasisu).setRequired(true)
    const result = await importModel(await (await getImportIO()).writeBinary(doc), { siteId: 'ktx2-box' })
    await expectReady(result)
    const t = result.report.textures[0]
    expect(t?.to.codec).toBe('input')
    expect(t?.to.bytes).toBe(ktx2.byteLength)
    expect(t?.why).toMatch(/KTX2 input kept as it is/)
    expect(await extensionsOf(result.glb)).toContain('KHR_texture_basisu')
  }, 60_000)
})
