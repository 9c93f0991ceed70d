import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Document, type Material } from '@gltf-transform/core'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { BUDGET, getIO, validateGlb } from '../../tools/pipeline/models/check-models.ts'
import {
  formatReport,
  importModel,
  main,
  siteIdProblem,
  targetSize,
  type ImportResult,
} from '../../tools/pipeline/models/import-model.ts'

const FIXTURES = join(import.meta.dirname, '../fixtures/models')
const WHALE = join(FIXTURES, 'smithsonian-whale/whale_cranium_draco.glb')

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

  it('compresses geometry with meshopt and quantisation, and keeps the smallest texture format measured', async () => {
    const doc = await (await getIO()).readBinary(result.glb)
    const used = doc
      .getRoot()
      .listExtensionsUsed()
      .map((e) => e.extensionName)
    expect(used).toEqual(expect.arrayContaining(['EXT_meshopt_compression', 'KHR_mesh_quantization']))
    const textures = doc.getRoot().listTextures()
    expect(result.report.textures.map((t) => t.kind)).toEqual(['colour', 'normal'])
    for (const [i, t] of result.report.textures.entries()) {
      // What is in the file is what the report says was chosen.
      expect(textures[i]?.getMimeType()).toBe(t.to.mimeType)
      expect(textures[i]?.getImage()?.byteLength).toBe(t.to.bytes)
      // The smallest download measured, or KTX2 within 1.25× of it (less GPU memory).
      const smallest = Math.min(...t.candidates.map((c) => c.bytes))
      if (t.to.mimeType === 'image/ktx2') expect(t.to.bytes).toBeLessThanOrEqual(smallest * 1.25)
      else expect(t.to.bytes).toBe(smallest)
      // Never larger than its input without a reason in the report.
      if (t.to.bytes > t.from.bytes) expect(t.why).toBeTruthy()
      // Each format's extension is declared, so the app's loader decodes it.
      if (t.to.mimeType === 'image/webp') expect(used).toContain('EXT_texture_webp')
      if (t.to.mimeType === 'image/ktx2') expect(used).toContain('KHR_texture_basisu')
    }
    expect(result.report.textures[0]?.candidates.map((c) => c.codec)).toEqual(
      expect.arrayContaining(['ETC1S', 'WebP', 'JPEG']),
    )
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

  it('puts the ground at y = 0 and the middle at the origin, and reports the bounds before and after', () => {
    const { before, after } = result.report.bounds
    // Boxes at x = 0, 5, 10, 15 (half sizes 2, 1, 3, 0.5) standing on y = 0 … and one at y = 0.5 - 0.5.
    expect(before.min[1]).toBeCloseTo(0, 5)
    expect(after.min[1]).toBeCloseTo(0, 3)
    expect((after.min[0] + after.max[0]) / 2).toBeCloseTo(0, 3)
    expect((after.min[2] + after.max[2]) / 2).toBeCloseTo(0, 3)
    expect(after.max[0] - after.min[0]).toBeCloseTo(before.max[0] - before.min[0], 3)
    expect(formatReport(result)).toMatch(/bounds {2}before x -2 … 15\.5, .*\n {8}after {2}x -8\.75 … 8\.75/)
  })

  it('gives the same bytes for the same input', async () => {
    const again = await importModel(input, { siteId: 'test-site' })
    expect(Buffer.compare(Buffer.from(again.glb), Buffer.from(result.glb))).toBe(0)
    expect(Buffer.compare(Buffer.from(again.proxy), Buffer.from(result.proxy))).toBe(0)
  }, 60_000)

  it('simplifies a model over the triangle budget by default, and reports what it cost', async () => {
    // 448 × 448 × 2 = 401,408 triangles.
    const big = await importModel(await gridInput(448), { siteId: 'big-scan' })
    expect(big.report.input.triangles).toBe(401_408)
    expect(big.report.model.triangles).toBeLessThanOrEqual(BUDGET.maxTriangles)
    expect(big.report.model.triangles).toBeGreaterThan(BUDGET.maxTriangles * 0.8)
    expect(big.report.model.trianglesKept).toBeLessThan(0.4)
    expect(big.report.model.simplifierError).toBeGreaterThan(0)
    expect(big.problems).toEqual([])
    expect(formatReport(big)).toMatch(
      /simplified to [\d.]+% of the triangles; largest simplifier error [\d.]+%/,
    )
  }, 120_000)

  it('with --no-fit, only reports, and says what to change', async () => {
    const big = await importModel(await gridInput(448), { siteId: 'big-scan', noFit: true })
    expect(big.report.model.triangles).toBe(401_408)
    const problem = big.problems.find((p) => p.file === 'big-scan.glb' && /triangles/.test(p.message))
    expect(problem?.message).toBe('401408 triangles, over the budget of 150000')
    expect(problem?.fix).toMatch(/without --no-fit/)
    // The proxy still fits: it is simplified until it does.
    expect(big.proxy.byteLength).toBeLessThanOrEqual(BUDGET.maxProxyBytes)
    expect(formatReport(big)).toMatch(/✗ 1 problem/)
  }, 120_000)
})

describe('placement options', () => {
  it('turns a z-up export in centimetres into y up in metres', async () => {
    const doc = new Document()
    doc.createScene('tower')
    // A 20 × 20 × 600 "cm" column standing along +z, as a z-up export writes it.
    addBox(doc, doc.createMaterial('stone'), [0, 0, 300], 10)
    const node = doc.getRoot().listNodes()[0]
    node?.setScale([1, 1, 30])
    const bytes = await (await getIO()).writeBinary(doc)
    const r = await importModel(bytes, { siteId: 'tower', placement: { up: 'z', scale: 0.01 } })
    const { after } = r.report.bounds
    expect(after.max[1] - after.min[1]).toBeCloseTo(6, 2)
    expect(after.max[0] - after.min[0]).toBeCloseTo(0.2, 2)
    expect(after.min[1]).toBeCloseTo(0, 3)
    expect(r.report.placement.join('\n')).toMatch(/turned from z up to y up[\s\S]*scaled by 0\.01/)
  }, 60_000)

  it('warns when the size looks like a wrong unit', async () => {
    const doc = new Document()
    doc.createScene('huge')
    addBox(doc, doc.createMaterial('stone'), [0, 2500, 0], 2500)
    const r = await importModel(await (await getIO()).writeBinary(doc), { siteId: 'huge' })
    expect(r.report.warnings.join('\n')).toMatch(/5,000 m across.*--units cm \(it would be 50 m\)/)
  }, 60_000)
})

/** A GLB whose JSON requires an extension no one implements. */
function unknownExtensionInput(): Uint8Array {
  const json = {
    asset: { version: '2.0' },
    extensionsUsed: ['EXT_made_up'],
    extensionsRequired: ['EXT_made_up'],
    scenes: [{ nodes: [] }],
  }
  const text = JSON.stringify(json)
  const chunk = new TextEncoder().encode(text.padEnd(Math.ceil(text.length / 4) * 4, ' '))
  const total = 12 + 8 + chunk.length
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x46546c67, true) // 'glTF'
  view.setUint32(4, 2, true)
  view.setUint32(8, total, true)
  view.setUint32(12, chunk.length, true)
  view.setUint32(16, 0x4e4f534a, true) // 'JSON'
  out.set(chunk, 20)
  return out
}

describe('unreadable inputs', () => {
  const whale = () => new Uint8Array(readFileSync(WHALE))

  it('says what is wrong and what to do, for each kind of broken file', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(), /the file is empty/],
      [new Uint8Array([1, 2, 3, 4]), /does not start like a binary glTF.*export the model again/],
      [whale().subarray(0, 200_000), /cut short: its header says 958,444 bytes, but only 200,000 arrived/],
      [unknownExtensionInput(), /needs EXT_made_up, which this tool cannot read: export it again/],
    ]
    for (const [bytes, message] of cases)
      await expect(importModel(bytes, { siteId: 'x' })).rejects.toThrow(message)
  })

  it('names a missing .bin, a missing texture and a file type it does not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-broken-'))
    writeFileSync(
      join(dir, 'site.gltf'),
      JSON.stringify({
        asset: { version: '2.0' },
        buffers: [{ uri: 'site.bin', byteLength: 12 }],
        scenes: [{}],
      }),
    )
    await expect(importModel(join(dir, 'site.gltf'), { siteId: 'x' })).rejects.toThrow(
      /names "site.bin", which is not beside it/,
    )
    writeFileSync(
      join(dir, 'box.obj'),
      readFileSync(join(FIXTURES, 'obj2gltf-box-textured/box-textured.obj')),
    )
    writeFileSync(
      join(dir, 'box-textured.mtl'),
      readFileSync(join(FIXTURES, 'obj2gltf-box-textured/box-textured.mtl')),
    )
    await expect(importModel(join(dir, 'box.obj'), { siteId: 'x' })).rejects.toThrow(
      /names files that cannot be read \(texture .*cesium\.png\).*copy the \.mtl and its textures beside the \.obj/,
    )
    await expect(importModel(join(dir, 'scan.fbx'), { siteId: 'x' })).rejects.toThrow(
      /Blender: File > Import > FBX/,
    )
  })

  it('names a damaged texture', async () => {
    const doc = new Document()
    const texture = doc
      .createTexture('photo')
      .setMimeType('image/jpeg')
      .setImage(new Uint8Array([0xff, 0xd8, 1, 2, 3]))
    doc.createScene('s')
    addBox(doc, doc.createMaterial('m').setBaseColorTexture(texture), [0, 0, 0], 1)
    await expect(importModel(await (await getIO()).writeBinary(doc), { siteId: 'x' })).rejects.toThrow(
      /texture "photo" \(image\/jpeg\) cannot be decoded.*save it again/,
    )
  })

  it('writes nothing when the input cannot be read, and exits 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'import-out-'))
    const bad = join(out, 'broken.glb')
    writeFileSync(bad, whale().subarray(0, 1000))
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      expect(await main([bad, 'broken-site', '--out', join(out, 'models')])).toBe(2)
      expect(errors.mock.calls.flat().join('\n')).toMatch(/cut short[\s\S]*Nothing was written\./)
    } finally {
      errors.mockRestore()
    }
    expect(existsSync(join(out, 'models'))).toBe(false)
    expect(readdirSync(out)).toEqual(['broken.glb'])
  })
})

describe('texture sizes', () => {
  it('picks a power of two no larger than the image or the limit', () => {
    expect(targetSize(3000, 1000, 2048)).toEqual([2048, 512])
    expect(targetSize(600, 256, 2048)).toEqual([512, 256])
    expect(targetSize(8192, 8192, 1024)).toEqual([1024, 1024])
  })
})

describe('site ids', () => {
  it('refuses procedural site ids and malformed ones', () => {
    expect(siteIdProblem('fort-york')).toBeUndefined()
    expect(siteIdProblem('parliament-hill')).toMatch(/procedural/)
    expect(siteIdProblem('Fort York')).toMatch(/lower-case/)
  })
})

/**
 * A windmill-like box turning about y, exported as badly as some tools do: every keyframe written
 * twice at the same time (a glTF error each), and rotations that are not unit quaternions.
 */
async function animatedInput(keys: number): Promise<Uint8Array> {
  const doc = new Document()
  doc.createScene('mill')
  addBox(doc, doc.createMaterial('wood'), [0, 1, 0], 1)
  const node = doc.getRoot().listNodes()[0]
  if (!node) throw new Error('no node')
  const times: number[] = []
  const rotations: number[] = []
  for (let i = 0; i < keys; i++) {
    const angle = (i / (keys - 1)) * Math.PI * 2
    for (const repeat of [0, 1]) {
      times.push(i * 0.1)
      // Scaled by 1.5 on the repeat: the later key is the one kept, and it must be normalised.
      const s = repeat ? 1.5 : 1
      rotations.push(0, Math.sin(angle / 2) * s, 0, Math.cos(angle / 2) * s)
    }
  }
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer()
  const sampler = doc
    .createAnimationSampler()
    .setInput(doc.createAccessor().setType('SCALAR').setArray(new Float32Array(times)).setBuffer(buffer))
    .setOutput(doc.createAccessor().setType('VEC4').setArray(new Float32Array(rotations)).setBuffer(buffer))
    .setInterpolation('LINEAR')
  const channel = doc
    .createAnimationChannel()
    .setTargetNode(node)
    .setTargetPath('rotation')
    .setSampler(sampler)
  doc.createAnimation('turn').addSampler(sampler).addChannel(channel)
  return (await getIO()).writeBinary(doc)
}

describe('animations', () => {
  it('the validator counts every error: no cap hides them', async () => {
    // 120 repeated times: more than the 50 issues the validator was once capped at.
    const v = await validateGlb(await animatedInput(120))
    expect(v.errors).toBeGreaterThanOrEqual(120)
    expect(v.messages.filter((m) => m.startsWith('error')).length).toBe(v.errors)
  })

  it('with --keep-animations, keeps the clips and repairs what the validator rejects', async () => {
    const r = await importModel(await animatedInput(120), { siteId: 'mill', keepAnimations: true })
    expect(r.problems, formatReport(r)).toEqual([])
    expect(r.report.animations).toEqual(['turn'])
    expect(r.report.repaired.join('\n')).toMatch(/removed 120 keyframe\(s\) at a repeated or earlier time/)
    expect(r.report.repaired.join('\n')).toMatch(/normalised \d+ rotation keyframe/)
    const doc = await (await getIO()).readBinary(r.glb)
    const sampler = doc.getRoot().listAnimations()[0]?.listSamplers()[0]
    const times = Array.from(sampler?.getInput()?.getArray() ?? [], Number)
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true)
    expect(formatReport(r)).toMatch(/anim {4}kept 1 clip\(s\), played in a loop: turn/)
    // The proxy is a still picture.
    expect((await (await getIO()).readBinary(r.proxy)).getRoot().listAnimations()).toHaveLength(0)
  }, 60_000)

  it('without it, removes them and says so', async () => {
    const r = await importModel(await animatedInput(8), { siteId: 'mill' })
    expect(r.report.animations).toEqual([])
    expect(r.report.notes.join('\n')).toMatch(/removed 1 animation\(s\).*--keep-animations/)
    expect((await (await getIO()).readBinary(r.glb)).getRoot().listAnimations()).toHaveLength(0)
  }, 60_000)
})
