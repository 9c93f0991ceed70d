/**
 * The proxy: the site without textures, shown at once while the full model downloads. The base
 * colour is baked into vertex colours (so it needs no texture transcoder), then the scene is
 * simplified with meshoptimizer until it fits its 80 KB budget.
 */
import { Logger, TextureInfo, type Document, type GLTF, type Material } from '@gltf-transform/core'
import { cloneDocument, prune, weld } from '@gltf-transform/functions'
import type { Transform as TextureTransform } from '@gltf-transform/extensions'
import { BUDGET, encodeGlb } from '../check-models.ts'
import { SRGB8_TO_LINEAR } from '../srgb.ts'
import { simplifyDocument } from './geometry.ts'

/** How the proxy is fitted into its budget. */
export const PROXY_FIT = {
  /** First simplification ratio tried (share of triangles kept). */
  startRatio: 0.05,
  maxAttempts: 8,
  /** Next ratio = ratio × (budget / bytes) × this, so the next try lands under the budget. */
  headroom: 0.85,
  /** Never shrink by less than this per attempt, so the search ends quickly. */
  maxStep: 0.8,
  minRatio: 0.0005,
  /** Each part keeps at least this many triangles, so small parts shrink rather than vanish. */
  keepTriangles: 12,
  /** The base colour is sampled from a copy this size to bake the proxy's vertex colours. */
  sampleSize: 256,
} as const

export type RawImage = { width: number; height: number; data: Uint8Array }

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
    out[0] += (SRGB8_TO_LINEAR[img.data[i] ?? 0] ?? 0) * w
    out[1] += (SRGB8_TO_LINEAR[img.data[i + 1] ?? 0] ?? 0) * w
    out[2] += (SRGB8_TO_LINEAR[img.data[i + 2] ?? 0] ?? 0) * w
    out[3] += ((img.data[i + 3] ?? 255) / 255) * w
  }
  return out
}

/**
 * Writes each textured primitive's base colour (texture × factor × existing vertex colour) into
 * COLOR_0, then drops every texture, texture coordinate and tangent: the proxy only has to show
 * shape and colour for the seconds the full model takes to arrive.
 */
export function bakeProxyColours(doc: Document, samples: Map<number, RawImage>, notes: string[]) {
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

export async function fitProxy(base: Document, startRatio: number) {
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

/** The proxy from the cleaned scene (before its textures were re-encoded) and small colour samples. */
export async function makeProxy(
  base: Document,
  samples: Map<number, RawImage>,
  notes: string[],
  startRatio: number = PROXY_FIT.startRatio,
): Promise<{ bytes: Uint8Array; ratio: number; attempts: number }> {
  // The proxy is a still picture of the site: no animation to carry.
  for (const animation of base.getRoot().listAnimations()) animation.dispose()
  bakeProxyColours(base, samples, notes)
  await base.transform(prune(), weld())
  return fitProxy(base, startRatio)
}
