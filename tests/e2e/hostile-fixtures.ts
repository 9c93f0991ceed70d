/**
 * Hostile and faulty content for the browser tests, made at test time (no binaries in git): models
 * that break a limit, a Draco model (decoded in a Blob worker under the CSP), a two-stop tour whose
 * first stop uses a given model, and an XSS payload corpus.
 */
import { Document, NodeIO, type Primitive } from '@gltf-transform/core'
import { EXTMeshGPUInstancing, KHRDracoMeshCompression, KHRTextureBasisu } from '@gltf-transform/extensions'
import { draco } from '@gltf-transform/functions'
import type { Page } from '@playwright/test'
import { mkdirSync, readFileSync } from 'node:fs'
import { PNG } from 'pngjs'

/** A unit box: 8 corners, 12 triangles. */
function box(doc: Document, buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer()): Primitive {
  const p = [
    [-1, -1, -1],
    [1, -1, -1],
    [1, 1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
    [1, -1, 1],
    [1, 1, 1],
    [-1, 1, 1],
  ].flat()
  const i = [
    0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7,
    3,
  ]
  const position = doc.createAccessor().setType('VEC3').setArray(new Float32Array(p)).setBuffer(buffer)
  const indices = doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(i)).setBuffer(buffer)
  return doc.createPrimitive().setAttribute('POSITION', position).setIndices(indices)
}

function scene(doc: Document, prim: Primitive) {
  const node = doc
    .createNode('thing')
    .setMesh(doc.createMesh('thing').addPrimitive(prim))
    .setScale([20, 20, 20])
  doc.createScene('site').addChild(node)
  return node
}

/** A small file that asks for millions of triangles: one box, drawn `instances` times. */
export async function instancedModel(instances: number): Promise<Uint8Array> {
  const doc = new Document()
  const buffer = doc.createBuffer()
  const node = scene(doc, box(doc, buffer))
  const translation = new Float32Array(instances * 3)
  for (let k = 0; k < instances; k++) translation.set([(k % 1000) * 3, Math.floor(k / 1000) * 3, 0], k * 3)
  const ext = doc.createExtension(EXTMeshGPUInstancing).setRequired(true)
  const acc = doc.createAccessor().setType('VEC3').setArray(translation).setBuffer(buffer)
  node.setExtension('EXT_mesh_gpu_instancing', ext.createInstancedMesh().setAttribute('TRANSLATION', acc))
  return new NodeIO().registerExtensions([EXTMeshGPUInstancing]).writeBinary(doc)
}

/** A box with a base-colour texture of the given size (a flat PNG: tiny file, large image). */
export async function texturedModel(width: number, height: number): Promise<Uint8Array> {
  const png = new PNG({ width, height })
  png.data.fill(200)
  const doc = new Document()
  doc.createBuffer()
  const texture = doc.createTexture('big').setImage(PNG.sync.write(png)).setMimeType('image/png')
  const prim = box(doc)
  const uv = new Float32Array(16).fill(0.5)
  prim.setAttribute(
    'TEXCOORD_0',
    doc.createAccessor().setType('VEC2').setArray(uv).setBuffer(doc.getRoot().listBuffers()[0]!),
  )
  prim.setMaterial(doc.createMaterial('painted').setBaseColorTexture(texture))
  scene(doc, prim)
  return new NodeIO().writeBinary(doc)
}

/** A KTX2 (Basis Universal, ETC1S) texture of one colour, encoded in Node by ktx2-encoder. */
export async function ktx2Texture(width: number, height: number, rgba: [number, number, number, number]) {
  const { NodeBasisEncoder } = (await import('ktx2-encoder')) as unknown as {
    NodeBasisEncoder: new () => {
      init(): Promise<unknown>
      encode(data: Uint8Array, options: Record<string, unknown>): Promise<Uint8Array>
    }
  }
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i)
  const encoder = new NodeBasisEncoder()
  const log = console.log
  console.log = () => {} // the encoder's WebAssembly prints a status line per encode
  try {
    await encoder.init()
    return await encoder.encode(data, {
      isUASTC: false,
      qualityLevel: 128,
      isPerceptual: true,
      isSetKTX2SRGBTransferFunc: true,
      generateMipmap: false,
      imageDecoder: async () => ({ width, height, data }),
    })
  } finally {
    console.log = log
  }
}

/** A box painted with a KTX2 texture (as `npm run model:import` makes them). */
export async function ktx2Model(): Promise<Uint8Array> {
  const doc = new Document()
  doc.createBuffer()
  doc.createExtension(KHRTextureBasisu).setRequired(true)
  const image = await ktx2Texture(16, 16, [200, 40, 40, 255])
  const texture = doc.createTexture('red').setImage(image).setMimeType('image/ktx2')
  const prim = box(doc)
  const uv = new Float32Array(16).fill(0.5)
  prim.setAttribute(
    'TEXCOORD_0',
    doc.createAccessor().setType('VEC2').setArray(uv).setBuffer(doc.getRoot().listBuffers()[0]!),
  )
  prim.setMaterial(doc.createMaterial('painted').setBaseColorTexture(texture))
  scene(doc, prim)
  return new NodeIO().registerExtensions([KHRTextureBasisu]).writeBinary(doc)
}

/** A Draco-compressed model: three decodes it in a worker started from a Blob URL. */
export async function dracoModel(): Promise<Uint8Array> {
  const draco3d = (await import('draco3d')) as unknown as {
    createEncoderModule(): Promise<unknown>
    createDecoderModule(): Promise<unknown>
  }
  const doc = new Document()
  doc.createBuffer()
  const prim = box(doc)
  prim.setMaterial(doc.createMaterial('stone').setBaseColorFactor([0.6, 0.5, 0.4, 1]))
  scene(doc, prim)
  await doc.transform(draco())
  const io = new NodeIO().registerExtensions([KHRDracoMeshCompression]).registerDependencies({
    'draco3d.encoder': await draco3d.createEncoderModule(),
    'draco3d.decoder': await draco3d.createDecoderModule(),
  })
  return io.writeBinary(doc)
}

/** A binary glTF container around a JSON document written by hand (to say what no exporter would). */
export function glbContainer(json: unknown): Uint8Array {
  let text = JSON.stringify(json)
  while (text.length % 4) text += ' '
  const body = new TextEncoder().encode(text)
  const out = new Uint8Array(20 + body.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x46546c67, true) // "glTF"
  view.setUint32(4, 2, true)
  view.setUint32(8, out.length, true)
  view.setUint32(12, body.length, true)
  view.setUint32(16, 0x4e4f534a, true) // "JSON"
  out.set(body, 20)
  return out
}

/**
 * The two-stop fixture tour (tests/fixtures/tours/two-stops.tour.json) with its first stop's model
 * at `models/<model>`; the second stop is Parliament Hill's real model.
 */
export function twoStopTour(id: string, model: string): string {
  const tour = JSON.parse(readFileSync('tests/fixtures/tours/two-stops.tour.json', 'utf8')) as {
    id: string
    stops: { model: { src: string } }[]
  }
  tour.id = id
  tour.stops[0]!.model.src = `models/${model}`
  return JSON.stringify(tour)
}

/** Serve tours given as JSON text (and list them first in the catalog). */
export async function withTours(page: Page, tours: Record<string, string>) {
  await page.route('**/scenes/catalog.json', async (route) => {
    const real = (await (await route.fetch()).json()) as { version: string; tours: string[] }
    await route.fulfill({ json: { ...real, tours: [...Object.keys(tours), ...real.tours] } })
  })
  for (const [id, json] of Object.entries(tours))
    await page.route(`**/scenes/${id}/tour.json`, (route) =>
      route.fulfill({ contentType: 'application/json', body: json }),
    )
}

/** Serve a model file at assets/models/<name>. */
export async function withModel(
  page: Page,
  name: string,
  body: Uint8Array | Buffer,
  headers: Record<string, string> = {},
) {
  await page.route(`**/assets/models/${name}`, (route) =>
    route.fulfill({ body: Buffer.from(body), contentType: 'model/gltf-binary', headers }),
  )
}

/**
 * For people to look at (PORTAGE_SCREENSHOTS=1): the page in its language, then in the other one
 * (switched with the header's language button, then switched back), under test-results/screens/.
 * Without the variable, nothing happens and the test runs as it is.
 */
export async function screenshot(page: Page, name: string) {
  if (!process.env.PORTAGE_SCREENSHOTS) return
  mkdirSync('test-results/screens', { recursive: true })
  const lang = await page.evaluate(() => document.documentElement.lang)
  await page.screenshot({ path: `test-results/screens/${name}.${lang}.png` })
  const other = lang === 'fr' ? 'en' : 'fr'
  const toggle = page.getByRole('navigation', { name: /Language|Langue/ }).getByRole('button')
  await toggle.click()
  await page.waitForFunction((l) => document.documentElement.lang === l, other)
  await page.screenshot({ path: `test-results/screens/${name}.${other}.png` })
  await toggle.click()
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}
