import { Document, type Material } from '@gltf-transform/core'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUDGET, getIO } from '../../tools/pipeline/models/check-models.ts'
import {
  formatReport,
  importModel,
  resizeImage,
  siteIdProblem,
  targetSize,
  type ImportResult,
} from '../../tools/pipeline/models/import-model.ts'

/** A checkerboard, so prune() cannot replace it with a flat colour. */
function pngTexture(size: number, colours: [number[], number[]]): Uint8Array {
  const png = new PNG({ width: size, height: size })
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      png.data.set(colours[((x >> 3) + (y >> 3)) % 2] ?? [0, 0, 0, 255], (y * size + x) * 4)
  return new Uint8Array(PNG.sync.write(png))
}

/** An axis-aligned box with normals and UVs, 12 triangles. */
function addBox(doc: Document, material: Material, centre: [number, number, number], half: number) {
  const positions: number[] = []
  const normals: number[] = []
  const uvs: number[] = []
  const indices: number[] = []
  for (const axis of [0, 1, 2])
    for (const sign of [-1, 1]) {
      const n = [0, 0, 0]
      n[axis] = sign
      const u = [0, 0, 0]
      u[(axis + 1) % 3] = 1
      const v = [0, 0, 0]
      v[(axis + 2) % 3] = 1
      const base = positions.length / 3
      for (const [a, b] of [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ] as const) {
        for (const k of [0, 1, 2])
          positions.push((centre[k] ?? 0) + half * ((n[k] ?? 0) + a * (u[k] ?? 0) + b * (v[k] ?? 0)))
        normals.push(...n)
        uvs.push((a + 1) / 2, (b + 1) / 2)
      }
      indices.push(...(sign > 0 ? [0, 1, 2, 0, 2, 3] : [0, 2, 1, 0, 3, 2]).map((i) => base + i))
    }
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer()
  const acc = (type: 'VEC3' | 'VEC2' | 'SCALAR', array: Float32Array | Uint16Array) =>
    doc.createAccessor().setType(type).setArray(array).setBuffer(buffer)
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', acc('VEC3', new Float32Array(positions)))
    .setAttribute('NORMAL', acc('VEC3', new Float32Array(normals)))
    .setAttribute('TEXCOORD_0', acc('VEC2', new Float32Array(uvs)))
    .setIndices(acc('SCALAR', new Uint16Array(indices)))
    .setMaterial(material)
  const node = doc.createNode(`box-${centre.join('_')}`).setMesh(doc.createMesh().addPrimitive(prim))
  doc.getRoot().listScenes()[0]?.addChild(node)
}

/** A small textured site: a few boxes, one colour map and one normal map. */
async function texturedInput(): Promise<Uint8Array> {
  const doc = new Document()
  doc.createScene('site')
  const colour = doc
    .createTexture('stone')
    .setMimeType('image/png')
    .setImage(
      pngTexture(64, [
        [200, 180, 140, 255],
        [90, 70, 50, 255],
      ]),
    )
  const normal = doc
    .createTexture('stone-normal')
    .setMimeType('image/png')
    .setImage(
      pngTexture(32, [
        [128, 128, 255, 255],
        [150, 128, 240, 255],
      ]),
    )
  const material = doc.createMaterial('stone').setBaseColorTexture(colour).setNormalTexture(normal)
  for (const [i, h] of [2, 1, 3, 0.5].entries()) addBox(doc, material, [i * 5, h, 0], h)
  return (await getIO()).writeBinary(doc)
}

/** One flat grid of `cells`×`cells`×2 triangles, untextured. */
async function gridInput(cells: number): Promise<Uint8Array> {
  const doc = new Document()
  const scene = doc.createScene('grid')
  const n = cells + 1
  const positions = new Float32Array(n * n * 3)
  for (let z = 0; z < n; z++)
    for (let x = 0; x < n; x++)
      positions.set([x * 0.1, Math.sin(x * 0.3) * Math.cos(z * 0.2), z * 0.1], (z * n + x) * 3)
  const indices = new Uint32Array(cells * cells * 6)
  let k = 0
  for (let z = 0; z < cells; z++)
    for (let x = 0; x < cells; x++) {
      const i = z * n + x
      indices.set([i, i + n, i + 1, i + 1, i + n, i + n + 1], k)
      k += 6
    }
  const buffer = doc.createBuffer()
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(positions).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer))
    .setMaterial(doc.createMaterial('ground'))
  scene.addChild(doc.createNode('ground').setMesh(doc.createMesh('ground').addPrimitive(prim)))
  return (await getIO()).writeBinary(doc)
}

describe('model:import', () => {
  let input: Uint8Array
  let result: ImportResult

  beforeAll(async () => {
    input = await texturedInput()
    result = await importModel(input, { siteId: 'test-site' })
  }, 60_000)

  it('compresses geometry with meshopt and quantisation, and textures to KTX2', async () => {
    const doc = await (await getIO()).readBinary(result.glb)
    const used = doc
      .getRoot()
      .listExtensionsUsed()
      .map((e) => e.extensionName)
    expect(used).toEqual(
      expect.arrayContaining(['EXT_meshopt_compression', 'KHR_mesh_quantization', 'KHR_texture_basisu']),
    )
    const textures = doc.getRoot().listTextures()
    expect(textures.map((t) => t.getMimeType())).toEqual(['image/ktx2', 'image/ktx2'])
    // A KTX2 file starts with «KTX 20».
    expect(
      Buffer.from(textures[0]?.getImage() ?? [])
        .subarray(1, 7)
        .toString('latin1'),
    ).toBe('KTX 20')
    expect(result.report.textures.map((t) => [t.kind, t.to?.codec])).toEqual([
      ['colour', 'ETC1S'],
      ['normal', 'UASTC'],
    ])
    // Four boxes sharing a material are joined into one draw call.
    expect(result.report.input.drawCalls).toBe(4)
    expect(result.report.model.drawCalls).toBe(1)
  })

  it('makes a proxy within budget, without textures, with the colour baked into vertices', async () => {
    expect(result.proxy.byteLength).toBeLessThanOrEqual(BUDGET.maxProxyBytes)
    const doc = await (await getIO()).readBinary(result.proxy)
    expect(doc.getRoot().listTextures()).toHaveLength(0)
    const prim = doc.getRoot().listMeshes()[0]?.listPrimitives()[0]
    expect(prim?.getAttribute('COLOR_0')).toBeTruthy()
    expect(prim?.getAttribute('TEXCOORD_0')).toBeNull()
    const used = doc
      .getRoot()
      .listExtensionsUsed()
      .map((e) => e.extensionName)
    expect(used).toEqual(expect.arrayContaining(['EXT_meshopt_compression', 'KHR_mesh_quantization']))
  })

  it('passes the validator and the budgets', () => {
    expect(result.problems).toEqual([])
    expect(result.report.model.validatorErrors).toBe(0)
    expect(result.report.proxy.validatorErrors).toBe(0)
    expect(formatReport(result)).toContain('✓ within budget')
  })

  it('gives the same bytes for the same input', async () => {
    const again = await importModel(input, { siteId: 'test-site' })
    expect(Buffer.compare(Buffer.from(again.glb), Buffer.from(result.glb))).toBe(0)
    expect(Buffer.compare(Buffer.from(again.proxy), Buffer.from(result.proxy))).toBe(0)
  }, 60_000)

  it('reports a model over the triangle budget, and says what to change', async () => {
    // 448 × 448 × 2 = 401,408 triangles.
    const big = await importModel(await gridInput(448), { siteId: 'big-scan' })
    expect(big.report.model.triangles).toBe(401_408)
    const problem = big.problems.find((p) => p.file === 'big-scan.glb' && /triangles/.test(p.message))
    expect(problem?.message).toBe('401408 triangles, over the budget of 150000')
    expect(problem?.fix).toMatch(/--simplify 0\.35/)
    // The proxy still fits: it is simplified until it does.
    expect(big.proxy.byteLength).toBeLessThanOrEqual(BUDGET.maxProxyBytes)
    expect(formatReport(big)).toMatch(/✗ 1 problem/)
  }, 60_000)
})

/** A GLB whose JSON declares Draco compression (the bytes behind it do not matter). */
function dracoInput(): Uint8Array {
  const json = {
    asset: { version: '2.0' },
    extensionsUsed: ['KHR_draco_mesh_compression'],
    extensionsRequired: ['KHR_draco_mesh_compression'],
    buffers: [{ byteLength: 4 }],
    bufferViews: [{ buffer: 0, byteLength: 4 }],
    accessors: [{ componentType: 5126, count: 3, type: 'VEC3' }],
    meshes: [
      {
        primitives: [
          {
            attributes: { POSITION: 0 },
            extensions: { KHR_draco_mesh_compression: { bufferView: 0, attributes: { POSITION: 0 } } },
          },
        ],
      },
    ],
    nodes: [{ mesh: 0 }],
    scenes: [{ nodes: [0] }],
  }
  const text = JSON.stringify(json)
  const chunk = new TextEncoder().encode(text.padEnd(Math.ceil(text.length / 4) * 4, ' '))
  const total = 12 + 8 + chunk.length + 8 + 4
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x46546c67, true) // 'glTF'
  view.setUint32(4, 2, true)
  view.setUint32(8, total, true)
  view.setUint32(12, chunk.length, true)
  view.setUint32(16, 0x4e4f534a, true) // 'JSON'
  out.set(chunk, 20)
  view.setUint32(20 + chunk.length, 4, true)
  view.setUint32(24 + chunk.length, 0x004e4942, true) // 'BIN'
  return out
}

describe('unreadable inputs', () => {
  it('explains Draco compression and other unreadable files', async () => {
    await expect(importModel(dracoInput(), { siteId: 'x' })).rejects.toThrow(/Draco.*export it again/)
    await expect(importModel(new Uint8Array([1, 2, 3, 4]), { siteId: 'x' })).rejects.toThrow(
      /cannot read the input as glTF/,
    )
  })
})

describe('texture resizing', () => {
  it('picks a power of two no larger than the image or the limit', () => {
    expect(targetSize(3000, 1000, 2048)).toEqual([2048, 512])
    expect(targetSize(600, 256, 2048)).toEqual([512, 256])
    expect(targetSize(8192, 8192, 1024)).toEqual([1024, 1024])
  })

  it('averages colour in linear light, ignoring transparent pixels', () => {
    // 2×1 black and white → 1×1: the linear mean is sRGB 188, not 128.
    const bw = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]) }
    expect([...resizeImage(bw, 1, 1, 'colour').data]).toEqual([188, 188, 188, 255])
    // A transparent black pixel next to red does not darken the red.
    const edge = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 0, 0]) }
    expect([...resizeImage(edge, 1, 1, 'colour').data]).toEqual([255, 0, 0, 128])
  })

  it('keeps averaged normals unit length', () => {
    const normals = { width: 2, height: 1, data: new Uint8Array([255, 128, 128, 255, 128, 128, 255, 255]) }
    const [r = 0, g = 0, b = 0] = resizeImage(normals, 1, 1, 'normal').data
    const n = [r, g, b].map((c) => (c / 255) * 2 - 1)
    expect(Math.hypot(...n)).toBeCloseTo(1, 1)
  })
})

describe('site ids', () => {
  it('refuses procedural site ids and malformed ones', () => {
    expect(siteIdProblem('fort-york')).toBeUndefined()
    expect(siteIdProblem('parliament-hill')).toMatch(/procedural/)
    expect(siteIdProblem('Fort York')).toMatch(/lower-case/)
  })
})
