/**
 * `npm run model:import -- <input.glb|.gltf> <site-id> [options]`: makes a content team's own glTF
 * (a photogrammetry scan, a Blender export) ready for Portage. Writes `assets/models/<site-id>.glb`
 * and `assets/models/<site-id>.proxy.glb`, then checks both exactly as `npm run content:check`
 * does (budgets, Khronos validator, meshopt + quantisation) and prints a report. Exits 1, saying
 * what to change, when a file is over budget; 2 when the input cannot be read.
 *
 * The model: scene cleaned up (lights, cameras and animations removed; duplicates merged; unused
 * data pruned; meshes sharing a material joined into one draw call; vertices welded), textures
 * resized to a power of two and encoded to KTX2 (Basis Universal: ETC1S for colour, UASTC for
 * normal and other data maps), then reordered, quantised and meshopt-compressed.
 * The proxy: the same scene without textures (the base colour is baked into vertex colours, so the
 * proxy needs no texture transcoder and shows at once), simplified with meshoptimizer until it
 * fits its 80 KB budget.
 *
 * Same input and options, same bytes: every step is deterministic (checked by the unit test).
 * The core is `importModel()`, which does no file writing, so tests call it directly.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  getBounds,
  Logger,
  TextureInfo,
  type Document,
  type GLTF,
  type Material,
  type Primitive,
  type Texture,
} from '@gltf-transform/core'
import { KHRTextureBasisu, type Transform as TextureTransform } from '@gltf-transform/extensions'
import {
  cloneDocument,
  dedup,
  flatten,
  getTextureColorSpace,
  join as joinPrimitives,
  listTextureSlots,
  prune,
  simplifyPrimitive,
  weld,
} from '@gltf-transform/functions'
import { decode as decodeJpeg } from 'jpeg-js'
import * as ktx2Encoder from 'ktx2-encoder'
import type { IEncodeOptions } from 'ktx2-encoder'
import { MeshoptSimplifier } from 'meshoptimizer'
import { PNG } from 'pngjs'
import {
  BUDGET,
  MODEL_DIR,
  encodeGlb,
  getIO,
  inspectModel,
  measureDocument,
  type ModelStats,
  type Problem,
} from './check-models.ts'
import { SITE_IDS } from './sites/types.ts'

/** Command-line defaults. */
export const IMPORT_DEFAULTS = {
  /** First simplification ratio tried for the proxy (share of triangles kept). */
  proxyRatio: 0.05,
  /** Largest side of a colour texture, pixels. */
  maxTexture: 2048,
} as const

const TEXTURE_LIMITS = {
  /** `--max-texture` is clamped to this range (a power of two is taken below the value given). */
  min: 16,
  max: 4096,
  /**
   * Normal and other data maps are encoded with UASTC, about four times the bytes of ETC1S per
   * pixel, so they get half the colour maps' size: a 2048 UASTC map alone would spend the 1.5 MB.
   */
  dataScale: 0.5,
  /** The base colour is sampled from a copy this size to bake the proxy's vertex colours. */
  proxySampleSize: 256,
} as const

/**
 * Basis Universal settings per kind of texture (ktx2-encoder options). ETC1S is small and good
 * for colour; UASTC keeps the precision normal maps and packed data (occlusion, roughness,
 * metalness) need, and zstd with RDO keeps it affordable. Mipmaps always: sites are seen from afar.
 */
const KTX2_SETTINGS = {
  colour: {
    isUASTC: false,
    qualityLevel: 128,
    compressionLevel: 2,
    isPerceptual: true,
    isSetKTX2SRGBTransferFunc: true,
    generateMipmap: true,
  },
  normal: {
    isUASTC: true,
    isNormalMap: true,
    isPerceptual: false,
    isSetKTX2SRGBTransferFunc: false,
    uastcLDRQualityLevel: 1,
    enableRDO: true,
    rdoQualityLevel: 1,
    needSupercompression: true,
    generateMipmap: true,
  },
  data: {
    isUASTC: true,
    isPerceptual: false,
    isSetKTX2SRGBTransferFunc: false,
    uastcLDRQualityLevel: 1,
    enableRDO: true,
    rdoQualityLevel: 1,
    needSupercompression: true,
    generateMipmap: true,
  },
} as const

/** How the proxy is fitted into its budget. */
const PROXY_FIT = {
  maxAttempts: 8,
  /** Next ratio = ratio × (budget / bytes) × this, so the next try lands under the budget. */
  headroom: 0.85,
  /** Never shrink by less than this per attempt, so the search ends quickly. */
  maxStep: 0.8,
  minRatio: 0.0005,
  /** Each part keeps at least this many triangles, so small parts shrink rather than vanish. */
  keepTriangles: 12,
} as const

/**
 * gltf-validator 2.0.0-dev.3.10 predates KHR_texture_basisu: it warns twice about each KTX2 image
 * (mimeType not in its list, format not recognised), on each of the two passes of validateGlb.
 */
const VALIDATOR_KTX2_WARNINGS = 4

/** Unusual sizes, in metres, that usually mean an export in the wrong unit. */
const UNIT_HINTS = { tooLarge: 5000, tooSmall: 0.5, groundOffset: 10 } as const

export type TextureKind = keyof typeof KTX2_SETTINGS

export interface ImportOptions {
  /** Names the output files in messages: `<siteId>.glb`, `<siteId>.proxy.glb`. */
  siteId: string
  proxyRatio?: number
  maxTexture?: number
  /** Share of triangles to keep in the full model (0–1); off by default. */
  simplify?: number
}

/** A problem with the plain-language change that fixes it. */
export interface ImportProblem extends Problem {
  fix: string
}

export interface TextureReport {
  name: string
  slots: string[]
  kind: TextureKind
  from: { mimeType: string; width: number; height: number; bytes: number }
  /** Undefined when the texture could not be converted (see the problems). */
  to?: { mimeType: string; width: number; height: number; bytes: number; codec: 'ETC1S' | 'UASTC' | 'kept' }
}

export interface ImportReport {
  siteId: string
  input: { drawCalls: number; triangles: number; textureBytes: number }
  model: ModelStats & { textureBytes: number; simplifiedTo?: number }
  proxy: ModelStats & { ratio: number; attempts: number }
  textures: TextureReport[]
  /** Axis-aligned bounds of the scene, metres (glTF: y up). */
  bounds: { min: [number, number, number]; max: [number, number, number] }
  /** What the import changed or noticed that is not a problem. */
  notes: string[]
}

export interface ImportResult {
  glb: Uint8Array
  proxy: Uint8Array
  report: ImportReport
  problems: ImportProblem[]
}

/** The input could not be read at all; the message says why and what to do. */
export class ImportInputError extends Error {}

type RawImage = { width: number; height: number; data: Uint8Array }

const SITE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Why a site id cannot be used, or undefined when it can. */
export function siteIdProblem(id: string): string | undefined {
  if (!SITE_ID.test(id))
    return `"${id}" is not a site id: use lower-case words joined by hyphens, e.g. "fort-york"`
  if ((SITE_IDS as readonly string[]).includes(id))
    return `"${id}" is a procedural site built by \`npm run models\` (content:check rebuilds it from code); choose another id`
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Textures: decode, resize, encode
// ---------------------------------------------------------------------------------------------

/** PNG and JPEG in pure JavaScript: the same pixels on every machine, no native image library. */
function decodeImage(bytes: Uint8Array, mimeType: string): RawImage {
  if (mimeType === 'image/png') {
    // pngjs scales 16-bit channels to 8 and expands palettes and grey to RGBA.
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    return { width: png.width, height: png.height, data: new Uint8Array(png.data) }
  }
  if (mimeType === 'image/jpeg') {
    const jpg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 2048 })
    return { width: jpg.width, height: jpg.height, data: jpg.data }
  }
  throw new Error(`cannot decode ${mimeType}`)
}

const floorPowerOfTwo = (n: number) => 2 ** Math.floor(Math.log2(Math.max(1, n)))

/** Power-of-two size no larger than the image or the limit (mipmaps and every GPU format like it). */
export function targetSize(width: number, height: number, limit: number): [number, number] {
  return [Math.min(limit, floorPowerOfTwo(width)), Math.min(limit, floorPowerOfTwo(height))]
}

const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, i) => {
  const c = i / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
})
const linearToSrgb = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055)
const toByte = (v: number) => Math.min(255, Math.max(0, Math.round(v * 255)))

/** For each output index, the source indices it covers and their weights (summing to 1). */
function boxSpans(source: number, target: number): { index: number; weight: number }[][] {
  const scale = source / target
  return Array.from({ length: target }, (_, o) => {
    const start = o * scale
    const end = (o + 1) * scale
    const spans: { index: number; weight: number }[] = []
    for (let k = Math.floor(start); k < Math.min(source, Math.ceil(end)); k++) {
      const weight = (Math.min(end, k + 1) - Math.max(start, k)) / scale
      if (weight > 0) spans.push({ index: k, weight })
    }
    return spans
  })
}

/**
 * Downscales by averaging the source pixels each output pixel covers (a box filter), one output
 * row at a time so an 8K photo needs no 8K float copy. Colour is averaged in linear light and
 * weighted by alpha (transparent pixels do not darken edges); normals are renormalised.
 */
export function resizeImage(src: RawImage, width: number, height: number, kind: TextureKind): RawImage {
  if (src.width === width && src.height === height) return src
  const { width: sw, data } = src
  const xs = boxSpans(sw, width)
  const ys = boxSpans(src.height, height)
  const decodeChannel = (v: number): number =>
    kind === 'colour' ? (SRGB_TO_LINEAR[v] ?? 0) : kind === 'normal' ? (v / 255) * 2 - 1 : v / 255
  const row = new Float64Array(sw * 4)
  const out = new Uint8Array(width * height * 4)
  for (let oy = 0; oy < height; oy++) {
    row.fill(0)
    for (const { index: sy, weight: wy } of ys[oy] ?? []) {
      for (let x = 0; x < sw; x++) {
        const i = (sy * sw + x) * 4
        const a = (data[i + 3] ?? 255) / 255
        const w = kind === 'colour' ? wy * a : wy
        row[x * 4] = (row[x * 4] ?? 0) + decodeChannel(data[i] ?? 0) * w
        row[x * 4 + 1] = (row[x * 4 + 1] ?? 0) + decodeChannel(data[i + 1] ?? 0) * w
        row[x * 4 + 2] = (row[x * 4 + 2] ?? 0) + decodeChannel(data[i + 2] ?? 0) * w
        row[x * 4 + 3] = (row[x * 4 + 3] ?? 0) + a * wy
      }
    }
    for (let ox = 0; ox < width; ox++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (const { index: sx, weight: wx } of xs[ox] ?? []) {
        r += (row[sx * 4] ?? 0) * wx
        g += (row[sx * 4 + 1] ?? 0) * wx
        b += (row[sx * 4 + 2] ?? 0) * wx
        a += (row[sx * 4 + 3] ?? 0) * wx
      }
      const o = (oy * width + ox) * 4
      if (kind === 'colour') {
        const k = a > 0 ? 1 / a : 0
        out[o] = toByte(linearToSrgb(r * k))
        out[o + 1] = toByte(linearToSrgb(g * k))
        out[o + 2] = toByte(linearToSrgb(b * k))
      } else if (kind === 'normal') {
        const len = Math.hypot(r, g, b) || 1
        out[o] = toByte((r / len + 1) / 2)
        out[o + 1] = toByte((g / len + 1) / 2)
        out[o + 2] = toByte((b / len + 1) / 2)
      } else {
        out[o] = toByte(r)
        out[o + 1] = toByte(g)
        out[o + 2] = toByte(b)
      }
      out[o + 3] = toByte(a)
    }
  }
  return { width, height, data: out }
}

function textureKind(texture: Texture): TextureKind {
  if (listTextureSlots(texture).some((slot) => /normal/i.test(slot))) return 'normal'
  return getTextureColorSpace(texture) === 'srgb' ? 'colour' : 'data'
}

/** The part of ktx2-encoder's Node encoder used here. */
interface BasisEncoder {
  init(): Promise<unknown>
  encode(image: Uint8Array, options: Partial<IEncodeOptions>): Promise<Uint8Array>
}

let basis: Promise<BasisEncoder> | undefined
/**
 * One Basis encoder for the process. Its WebAssembly module prints status lines on every encode
 * through the `console.log` it finds when it loads, whatever the debug option says; it is loaded
 * here with a silent one in place so reports stay readable.
 */
function getBasisEncoder(): Promise<BasisEncoder> {
  basis ??= (async () => {
    // TypeScript sees the package's browser typings (the "default" export condition); Node loads
    // its "node" build, which also exports the NodeBasisEncoder class.
    const { NodeBasisEncoder } = ktx2Encoder as unknown as { NodeBasisEncoder?: new () => BasisEncoder }
    if (!NodeBasisEncoder) throw new Error('ktx2-encoder: the Node encoder is missing (not running in Node?)')
    const encoder = new NodeBasisEncoder()
    const log = console.log
    console.log = () => {}
    try {
      await encoder.init()
    } finally {
      console.log = log
    }
    return encoder
  })()
  return basis
}

async function encodeKtx2(image: RawImage, kind: TextureKind): Promise<Uint8Array> {
  const encoder = await getBasisEncoder()
  // The encoder asks a decoder for pixels; ours are already decoded and resized.
  const imageDecoder = async () => image
  return encoder.encode(image.data, { ...KTX2_SETTINGS[kind], imageDecoder })
}

// ---------------------------------------------------------------------------------------------
// The proxy: colours baked into vertices, no textures, simplified to fit
// ---------------------------------------------------------------------------------------------

const WRAP_CLAMP = TextureInfo.WrapMode['CLAMP_TO_EDGE'] ?? 33071
const WRAP_MIRROR = TextureInfo.WrapMode['MIRRORED_REPEAT'] ?? 33648

function wrap(t: number, mode: GLTF.TextureWrapMode): number {
  if (mode === WRAP_CLAMP) return Math.min(1, Math.max(0, t))
  const f = t - Math.floor(t)
  if (mode === WRAP_MIRROR) return Math.floor(t) % 2 === 0 ? f : 1 - f
  return f
}

/** Bilinear sample in linear light: [r, g, b, a]. */
function sampleLinear(img: RawImage, u: number, v: number): [number, number, number, number] {
  const x = u * img.width - 0.5
  const y = v * img.height - 0.5
  const x0 = Math.floor(x)
  const y0 = Math.floor(y)
  const fx = x - x0
  const fy = y - y0
  const out: [number, number, number, number] = [0, 0, 0, 0]
  for (const [dx, dy, w] of [
    [0, 0, (1 - fx) * (1 - fy)],
    [1, 0, fx * (1 - fy)],
    [0, 1, (1 - fx) * fy],
    [1, 1, fx * fy],
  ] as const) {
    const px = Math.min(img.width - 1, Math.max(0, x0 + dx))
    const py = Math.min(img.height - 1, Math.max(0, y0 + dy))
    const i = (py * img.width + px) * 4
    out[0] += (SRGB_TO_LINEAR[img.data[i] ?? 0] ?? 0) * w
    out[1] += (SRGB_TO_LINEAR[img.data[i + 1] ?? 0] ?? 0) * w
    out[2] += (SRGB_TO_LINEAR[img.data[i + 2] ?? 0] ?? 0) * w
    out[3] += ((img.data[i + 3] ?? 255) / 255) * w
  }
  return out
}

/**
 * Writes each textured primitive's base colour (texture × factor × existing vertex colour) into
 * COLOR_0, then drops every texture, texture coordinate and tangent: the proxy only has to show
 * shape and colour for the seconds the full model takes to arrive.
 */
function bakeProxyColours(doc: Document, samples: Map<number, RawImage>, notes: string[]) {
  const root = doc.getRoot()
  const textures = root.listTextures()
  const buffer = root.listBuffers()[0] ?? doc.createBuffer()
  const baked = new Set<Material>()
  for (const mesh of root.listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const material = prim.getMaterial()
      const texture = material?.getBaseColorTexture()
      const info = material?.getBaseColorTextureInfo()
      if (!material || !texture || !info) continue
      const image = samples.get(textures.indexOf(texture))
      const transform = info.getExtension<TextureTransform>('KHR_texture_transform')
      const uv = prim.getAttribute(`TEXCOORD_${transform?.getTexCoord() ?? info.getTexCoord()}`)
      const colour = prim.getAttribute('COLOR_0')
      const position = prim.getAttribute('POSITION')
      if (!position) continue
      const factor = material.getBaseColorFactor()
      const withAlpha = material.getAlphaMode() !== 'OPAQUE'
      const size = withAlpha ? 4 : 3
      const count = position.getCount()
      const out = new Float32Array(count * size)
      const [ox, oy] = transform?.getOffset() ?? [0, 0]
      const [sx, sy] = transform?.getScale() ?? [1, 1]
      const rot = transform?.getRotation() ?? 0
      const [cos, sin] = [Math.cos(rot), Math.sin(rot)]
      const t: number[] = []
      const c: number[] = []
      for (let i = 0; i < count; i++) {
        let rgba: [number, number, number, number] = [1, 1, 1, 1]
        if (image && uv) {
          uv.getElement(i, t)
          const u0 = t[0] ?? 0
          const v0 = t[1] ?? 0
          // KHR_texture_transform: offset · rotation · scale, as the spec orders them.
          const u = cos * sx * u0 + sin * sy * v0 + ox
          const v = -sin * sx * u0 + cos * sy * v0 + oy
          rgba = sampleLinear(image, wrap(u, info.getWrapS()), wrap(v, info.getWrapT()))
        }
        if (colour) colour.getElement(i, c)
        for (let k = 0; k < size; k++)
          out[i * size + k] = (rgba[k] ?? 1) * (factor[k] ?? 1) * (colour ? (c[k] ?? 1) : 1)
      }
      prim.setAttribute(
        'COLOR_0',
        doc
          .createAccessor()
          .setType(size === 4 ? 'VEC4' : 'VEC3')
          .setArray(out)
          .setBuffer(buffer),
      )
      baked.add(material)
    }
  }
  for (const material of baked) material.setBaseColorFactor([1, 1, 1, 1])
  // An emissive map is mostly dark; its factor alone would light the whole surface.
  for (const material of root.listMaterials())
    if (material.getEmissiveTexture()) material.setEmissiveFactor([0, 0, 0])
  if (textures.length > 0)
    notes.push(`proxy: ${textures.length} texture(s) left out; the base colour is baked into vertex colours`)
  for (const texture of textures) texture.dispose()
  for (const ext of root.listExtensionsUsed())
    if (
      ['KHR_texture_transform', 'KHR_texture_basisu', 'EXT_texture_webp', 'EXT_texture_avif'].includes(
        ext.extensionName,
      )
    )
      ext.dispose()
  for (const mesh of root.listMeshes())
    for (const prim of mesh.listPrimitives())
      for (const semantic of prim.listSemantics())
        if (semantic.startsWith('TEXCOORD_') || semantic === 'TANGENT') prim.setAttribute(semantic, null)
}

const triangleCount = (prim: Primitive): number => {
  const count = prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')?.getCount() ?? 0
  const mode = prim.getMode()
  return mode === 4 ? count / 3 : mode === 5 || mode === 6 ? Math.max(0, count - 2) : 0
}

/** Simplifies every triangle primitive to `ratio` of its triangles (at least a few). */
async function simplifyDocument(doc: Document, ratio: number, keepTriangles: number) {
  await MeshoptSimplifier.ready
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const mode = prim.getMode()
      if (mode !== 4 && mode !== 5 && mode !== 6) continue // points and lines are left as they are
      const triangles = triangleCount(prim)
      if (triangles === 0) continue
      const r = Math.min(1, Math.max(ratio, keepTriangles / triangles))
      // error 1: no error bound, the ratio decides; the caller chose it to meet a budget.
      if (r < 1) simplifyPrimitive(prim, { simplifier: MeshoptSimplifier, ratio: r, error: 1 })
      if (triangleCount(prim) === 0) prim.dispose()
    }
    if (mesh.listPrimitives().length === 0) mesh.dispose()
  }
  await doc.transform(prune())
}

async function fitProxy(base: Document, startRatio: number) {
  let ratio = Math.min(1, startRatio)
  let attempts = 0
  for (;;) {
    attempts++
    const doc = cloneDocument(base)
    doc.setLogger(new Logger(Logger.Verbosity.WARN))
    await simplifyDocument(doc, ratio, PROXY_FIT.keepTriangles)
    const bytes = await encodeGlb(doc)
    const over = bytes.byteLength > BUDGET.maxProxyBytes
    if (!over || attempts >= PROXY_FIT.maxAttempts || ratio <= PROXY_FIT.minRatio)
      return { bytes, ratio, attempts }
    const step = Math.min(PROXY_FIT.maxStep, (PROXY_FIT.headroom * BUDGET.maxProxyBytes) / bytes.byteLength)
    ratio = Math.max(PROXY_FIT.minRatio, ratio * step)
  }
}

// ---------------------------------------------------------------------------------------------
// The import
// ---------------------------------------------------------------------------------------------

/** `extensionsUsed` of a GLB or .gltf, read without decoding anything; empty when unreadable. */
async function usedExtensions(input: Uint8Array | string): Promise<string[]> {
  try {
    let json: unknown
    if (typeof input === 'string' && /\.gltf$/i.test(input)) json = JSON.parse(await readFile(input, 'utf8'))
    else {
      const bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      if (bytes.byteLength < 20 || view.getUint32(0, true) !== 0x46546c67) return [] // 'glTF'
      json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + view.getUint32(12, true))))
    }
    const used = (json as { extensionsUsed?: unknown }).extensionsUsed
    return Array.isArray(used) ? used.filter((e): e is string => typeof e === 'string') : []
  } catch {
    return []
  }
}

async function readInput(input: Uint8Array | string): Promise<Document> {
  // Draco is checked first: without a decoder, the reader fails with an unhelpful message.
  if ((await usedExtensions(input)).includes('KHR_draco_mesh_compression'))
    throw new ImportInputError(
      'the input uses Draco mesh compression, which this tool does not decode: export it again ' +
        'without compression (Blender: glTF export > Data > Compression off); Portage compresses ' +
        'with meshopt itself',
    )
  const io = await getIO()
  try {
    const doc = typeof input === 'string' ? await io.read(input) : await io.readBinary(input)
    doc.setLogger(new Logger(Logger.Verbosity.WARN))
    return doc
  } catch (e) {
    throw new ImportInputError(
      `cannot read the input as glTF (${(e as Error).message}): export a .glb, or a .gltf with its ` +
        '.bin and images beside it',
    )
  }
}

/** Removes what a site model must not carry, saying what went. */
function stripExtras(doc: Document, notes: string[]) {
  const root = doc.getRoot()
  const lights = root.listExtensionsUsed().find((e) => e.extensionName === 'KHR_lights_punctual')
  if (lights) {
    // Portage lights every site the same way; exported lamps (in watts) would flood the scene.
    notes.push('removed the lights exported with the model (Portage lights the scene itself)')
    lights.dispose()
  }
  if (root.listCameras().length > 0) {
    notes.push(`removed ${root.listCameras().length} camera(s): viewpoints are set in the tour`)
    for (const c of root.listCameras()) c.dispose()
  }
  if (root.listAnimations().length > 0) {
    notes.push(`removed ${root.listAnimations().length} animation(s): Portage shows sites as still scenes`)
    for (const a of root.listAnimations()) a.dispose()
  }
  if (root.listSkins().length > 0)
    notes.push('the model has skins (rigged meshes): they are shown in rest pose')
}

/** Resizes and encodes every texture to KTX2; returns small copies of colour maps for the proxy. */
async function encodeTextures(
  doc: Document,
  maxTexture: number,
  file: string,
  problems: ImportProblem[],
): Promise<{ reports: TextureReport[]; samples: Map<number, RawImage> }> {
  const reports: TextureReport[] = []
  const samples = new Map<number, RawImage>()
  let encoded = 0
  const textures = doc.getRoot().listTextures()
  for (const [index, texture] of textures.entries()) {
    const image = texture.getImage()
    if (!image) continue
    const mimeType = texture.getMimeType()
    const kind = textureKind(texture)
    const name = texture.getName() || texture.getURI() || `texture ${index}`
    const size = texture.getSize() ?? [0, 0]
    const report: TextureReport = {
      name,
      slots: listTextureSlots(texture),
      kind,
      from: { mimeType, width: size[0], height: size[1], bytes: image.byteLength },
    }
    reports.push(report)
    if (mimeType === 'image/ktx2') {
      report.to = { ...report.from, codec: 'kept' }
      continue
    }
    if (mimeType !== 'image/png' && mimeType !== 'image/jpeg') {
      problems.push({
        file,
        message: `texture "${name}" is ${mimeType}, which this tool cannot decode`,
        fix: 'export its textures as PNG or JPEG (Blender: glTF export > Images: Automatic or JPEG)',
      })
      continue
    }
    let raw: RawImage
    try {
      raw = decodeImage(image, mimeType)
    } catch (e) {
      problems.push({
        file,
        message: `texture "${name}" could not be decoded: ${(e as Error).message}`,
        fix: 'open it in an image editor and save it again as an 8-bit PNG or a baseline JPEG',
      })
      continue
    }
    const limit =
      kind === 'colour' ? maxTexture : Math.max(TEXTURE_LIMITS.min, maxTexture * TEXTURE_LIMITS.dataScale)
    const [w, h] = targetSize(raw.width, raw.height, limit)
    const resized = resizeImage(raw, w, h, kind)
    if (report.slots.includes('baseColorTexture')) {
      const [pw, ph] = targetSize(w, h, TEXTURE_LIMITS.proxySampleSize)
      samples.set(index, resizeImage(resized, pw, ph, 'colour'))
    }
    const ktx2 = await encodeKtx2(resized, kind)
    texture.setImage(ktx2).setMimeType('image/ktx2')
    // The URI only names the image in a .gltf; keep it consistent with the new format anyway.
    if (texture.getURI()) texture.setURI(texture.getURI().replace(/\.[a-z0-9]+$/i, '') + '.ktx2')
    report.to = {
      mimeType: 'image/ktx2',
      width: w,
      height: h,
      bytes: ktx2.byteLength,
      codec: KTX2_SETTINGS[kind].isUASTC ? 'UASTC' : 'ETC1S',
    }
    encoded++
  }
  if (encoded > 0) doc.createExtension(KHRTextureBasisu).setRequired(true)
  return { reports, samples }
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`

/** The plain-language change for each budget or validator problem. */
function withFixes(
  problems: Problem[],
  kind: 'model' | 'proxy',
  stats: ModelStats,
  textureBytes: number,
  materials: number,
  maxTexture: number,
): ImportProblem[] {
  return problems.map((p) => {
    let fix = 'see the message'
    if (/triangles, over/.test(p.message)) {
      const ratio = Math.floor((BUDGET.maxTriangles / stats.triangles) * 0.95 * 100) / 100
      fix =
        kind === 'model'
          ? `keep about ${Math.round(ratio * 100)}% of the triangles: re-run with --simplify ${ratio}, or ` +
            `decimate in Blender (Decimate modifier, ratio ${ratio}) and export again`
          : 'the proxy could not be simplified enough: remove small detached parts from the model'
    } else if (/draw calls, over/.test(p.message)) {
      fix =
        `each material is one draw call once meshes are joined (${materials} materials here): merge ` +
        `materials, or bake their textures into one atlas in Blender, to at most ${BUDGET.maxDrawCalls}`
    } else if (/bytes, over/.test(p.message) && kind === 'model') {
      const geometry = stats.bytes - textureBytes
      fix =
        textureBytes > geometry
          ? `textures are ${kb(textureBytes)} of it: re-run with --max-texture ${Math.max(TEXTURE_LIMITS.min, maxTexture / 2)}, ` +
            'or use fewer textures'
          : `geometry is ${kb(geometry)} of it: re-run with --simplify 0.5 (or lower), or decimate in Blender`
    } else if (/bytes, over/.test(p.message)) {
      fix =
        'the proxy is still too large at the smallest ratio tried: try a smaller --proxy-ratio, ' +
        'use fewer materials, or remove small detached parts'
    } else if (p.message.startsWith('validator')) {
      fix = 'the exported file is not valid glTF: export it again (latest Blender glTF exporter), then re-run'
    }
    return { ...p, fix }
  })
}

/**
 * Makes a site model and its proxy from a glTF (GLB bytes, or a path to a .glb or .gltf) and
 * checks both. Throws `ImportInputError` when the input cannot be read; everything else (budgets,
 * validator, textures that cannot be converted) is returned in `problems`.
 */
export async function importModel(input: Uint8Array | string, options: ImportOptions): Promise<ImportResult> {
  if (options.maxTexture !== undefined && !(options.maxTexture >= 1 && Number.isFinite(options.maxTexture)))
    throw new ImportInputError('--max-texture must be a size in pixels, e.g. 2048')
  const maxTexture = floorPowerOfTwo(
    Math.min(
      TEXTURE_LIMITS.max,
      Math.max(TEXTURE_LIMITS.min, options.maxTexture ?? IMPORT_DEFAULTS.maxTexture),
    ),
  )
  const proxyRatio = options.proxyRatio ?? IMPORT_DEFAULTS.proxyRatio
  if (!(proxyRatio > 0 && proxyRatio <= 1))
    throw new ImportInputError('--proxy-ratio must be between 0 and 1')
  if (options.simplify !== undefined && !(options.simplify > 0 && options.simplify <= 1))
    throw new ImportInputError('--simplify must be between 0 and 1')
  const files = { glb: `${options.siteId}.glb`, proxy: `${options.siteId}.proxy.glb` }
  const notes: string[] = []
  const problems: ImportProblem[] = []

  const doc = await readInput(input)
  const root = doc.getRoot()
  if (root.listScenes().length === 0) throw new ImportInputError('the input has no scene')
  const measuredIn = measureDocument(doc)
  const inputTextureBytes = root.listTextures().reduce((s, t) => s + (t.getImage()?.byteLength ?? 0), 0)
  root.getAsset().generator = 'Portage model import (src/pipeline/models/import-model.ts)'

  stripExtras(doc, notes)
  // Joined meshes share a material, so each material becomes one draw call. Not GPU instancing:
  // the app's loader (three-stdlib) does not implement EXT_mesh_gpu_instancing.
  await doc.transform(dedup(), prune(), flatten(), joinPrimitives(), weld(), prune())
  const materials = root.listMaterials().length

  // The proxy starts from the cleaned scene, before textures are re-encoded.
  const proxyBase = cloneDocument(doc)
  proxyBase.setLogger(new Logger(Logger.Verbosity.WARN))

  if (options.simplify !== undefined && options.simplify < 1) {
    await simplifyDocument(doc, options.simplify, 1)
    notes.push(`model simplified to ${Math.round(options.simplify * 100)}% of its triangles (--simplify)`)
  }
  const { reports: textures, samples } = await encodeTextures(doc, maxTexture, files.glb, problems)
  const glb = await encodeGlb(doc)

  bakeProxyColours(proxyBase, samples, notes)
  await proxyBase.transform(prune(), weld())
  const fitted = await fitProxy(proxyBase, proxyRatio)

  const model = await inspectModel(glb, files.glb, 'model')
  const proxy = await inspectModel(fitted.bytes, files.proxy, 'proxy')
  const textureBytes = textures.reduce((s, t) => s + (t.to?.bytes ?? 0), 0)
  problems.push(
    ...withFixes(model.problems, 'model', model.stats, textureBytes, materials, maxTexture),
    ...withFixes(proxy.problems, 'proxy', proxy.stats, 0, materials, maxTexture),
  )

  const ktx2Images = textures.filter((t) => t.to?.mimeType === 'image/ktx2').length
  if (ktx2Images > 0 && model.stats.validatorWarnings > 0) {
    const expected = Math.min(model.stats.validatorWarnings, VALIDATOR_KTX2_WARNINGS * ktx2Images)
    notes.push(
      `${expected} of the model's ${model.stats.validatorWarnings} validator warning(s) are expected: this ` +
        "validator version does not know KHR_texture_basisu, so it flags each KTX2 image's type and format",
    )
  }

  const scene = root.getDefaultScene() ?? root.listScenes()[0]
  const box = scene ? getBounds(scene) : { min: [0, 0, 0], max: [0, 0, 0] }
  const bounds = {
    min: [box.min[0], box.min[1], box.min[2]] as [number, number, number],
    max: [box.max[0], box.max[1], box.max[2]] as [number, number, number],
  }
  const extent = Math.max(...bounds.max.map((v, i) => v - (bounds.min[i] ?? 0)))
  if (extent > UNIT_HINTS.tooLarge)
    notes.push(
      `the model is ${Math.round(extent)} m across: if it was modelled in centimetres or millimetres, ` +
        "export it with Blender's scene unit scale so that 1 unit = 1 m",
    )
  else if (extent < UNIT_HINTS.tooSmall)
    notes.push(
      `the model is only ${extent.toFixed(2)} m across: glTF units are metres; check the export scale`,
    )
  if (Math.abs(bounds.min[1]) > UNIT_HINTS.groundOffset)
    notes.push(
      `the lowest point is at y = ${bounds.min[1].toFixed(1)} m: viewpoints and walkable areas are easier ` +
        'to place with the ground near y = 0 (Blender: ground at Z = 0)',
    )

  return {
    glb,
    proxy: fitted.bytes,
    problems,
    report: {
      siteId: options.siteId,
      input: { ...measuredIn, textureBytes: inputTextureBytes },
      model: { ...model.stats, textureBytes, simplifiedTo: options.simplify },
      proxy: { ...proxy.stats, ratio: fitted.ratio, attempts: fitted.attempts },
      textures,
      bounds,
      notes,
    },
  }
}

/** The report as printed by the command. */
export function formatReport(result: ImportResult): string {
  const { report: r, problems } = result
  const n = (v: number) => v.toLocaleString('en-CA')
  const stats = (s: ModelStats) =>
    `${kb(s.bytes).padStart(10)}  ${n(s.drawCalls).padStart(3)} draw calls  ${n(s.triangles).padStart(9)} triangles  ` +
    `validator ${s.validatorErrors} error(s), ${s.validatorWarnings} warning(s)`
  const fmt = (v: number) => (Math.round(v * 100) / 100).toString()
  const lines = [
    `input   ${kb(r.input.textureBytes)} of textures, ${n(r.input.drawCalls)} draw calls, ${n(r.input.triangles)} triangles`,
    `model   ${stats(r.model)}`,
    `        textures ${kb(r.model.textureBytes)}; budget ${kb(BUDGET.maxModelBytes)}, ${BUDGET.maxDrawCalls} draw calls, ${n(BUDGET.maxTriangles)} triangles`,
    `proxy   ${stats(r.proxy)}`,
    `        ${Math.round(r.proxy.ratio * 1000) / 10}% of the triangles kept (${r.proxy.attempts} attempt(s)); budget ${kb(BUDGET.maxProxyBytes)}`,
  ]
  if (r.textures.length > 0) {
    lines.push('textures')
    for (const t of r.textures) {
      const from = `${t.from.width}×${t.from.height} ${t.from.mimeType.replace('image/', '')} ${kb(t.from.bytes)}`
      const to = t.to ? `${t.to.width}×${t.to.height} KTX2 ${t.to.codec} ${kb(t.to.bytes)}` : 'not converted'
      lines.push(`  ${t.name} (${t.slots.join(', ') || 'unused'}): ${from} → ${to}`)
    }
  }
  const b = r.bounds
  lines.push(
    `bounds  x ${fmt(b.min[0])} … ${fmt(b.max[0])}, y ${fmt(b.min[1])} … ${fmt(b.max[1])}, z ${fmt(b.min[2])} … ${fmt(b.max[2])} m (y up)`,
  )
  for (const note of r.notes) lines.push(`note    ${note}`)
  if (problems.length === 0) lines.push('✓ within budget, no validator errors')
  else {
    lines.push(`✗ ${problems.length} problem(s):`)
    for (const p of problems) lines.push(`  ✗ ${p.file}: ${p.message}`, `    → ${p.fix}`)
  }
  return lines.join('\n')
}

const USAGE = `usage: npm run model:import -- <input.glb|input.gltf> <site-id> [options]

  --proxy-ratio <0-1>   first share of triangles tried for the proxy (default ${IMPORT_DEFAULTS.proxyRatio})
  --max-texture <px>    largest colour texture side, a power of two (default ${IMPORT_DEFAULTS.maxTexture});
                        normal and data maps get half
  --simplify <0-1>      keep this share of the model's triangles (default: no simplification)
  --out <dir>           write there instead of assets/models/`

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'proxy-ratio': { type: 'string' },
        'max-texture': { type: 'string' },
        simplify: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const [input, siteId] = positionals
  if (!input || !siteId || positionals.length > 2) {
    console.error(USAGE)
    return 2
  }
  const idProblem = siteIdProblem(siteId)
  if (idProblem) {
    console.error(idProblem)
    return 2
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))
  const outDir = values.out ? resolve(values.out) : MODEL_DIR
  const started = Date.now()
  let result: ImportResult
  try {
    const bytes = /\.gltf$/i.test(input) ? input : new Uint8Array(await readFile(input))
    result = await importModel(bytes, {
      siteId,
      proxyRatio: num(values['proxy-ratio']),
      maxTexture: num(values['max-texture']),
      simplify: num(values.simplify),
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`model:import: cannot find ${(e as NodeJS.ErrnoException).path ?? input}`)
      return 2
    }
    if (e instanceof ImportInputError) {
      console.error(`model:import: ${e.message}`)
      return 2
    }
    throw e
  }
  // Written even when over budget, so the result can be looked at (as `npm run models` does).
  await mkdir(outDir, { recursive: true })
  await writeFile(join(outDir, `${siteId}.glb`), result.glb)
  await writeFile(join(outDir, `${siteId}.proxy.glb`), result.proxy)
  console.log(`model:import ${input} → ${join(outDir, `${siteId}.glb`)}, ${siteId}.proxy.glb`)
  console.log(formatReport(result))
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
  return result.problems.length > 0 ? 1 : 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
