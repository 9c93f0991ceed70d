/**
 * What a site model may cost a visitor's device, and the checks that hold a model to it: the
 * download is refused by its declared size or as soon as it streams past the limit (before any
 * parsing); the file must be a self-contained binary glTF (no URI to fetch, so it cannot reach
 * outside the content folder or another origin); after parsing, before the model joins the scene,
 * its triangles and textures are counted. A refusal is a `ModelLoadError` whose `reason` picks the
 * visitor's message.
 */
import type { Material, Object3D, Texture } from 'three'
import type { ModelLoad } from '../../state/store'

export const MODEL_LIMITS = {
  /** Largest model download, bytes (Content-Length, then counted while streaming). */
  maxBytes: 64 * 1024 * 1024,
  /** Most triangles (instances counted; points and line segments count as one each). */
  maxTriangles: 2_000_000,
  /** Longest side of one texture, pixels: 4096 is what every headset and phone GPU accepts. */
  maxTextureSize: 4096,
  /** All texture pixels together: 64 Mpx is 256 MB of RGBA before mipmaps. */
  maxTexturePixels: 64 * 1024 * 1024,
  /**
   * Longest wait for a downloaded model to decode, ms. A decoder that fails inside its worker
   * may never answer; the visitor gets a message instead of a progress bar stuck at 100 %.
   */
  maxDecodeMs: 60_000,
} as const

export type ModelLimits = { [K in keyof typeof MODEL_LIMITS]: number }

/**
 * glTF extensions we refuse up front, and why. None at present: KTX2 (KHR_texture_basisu) works
 * since its transcoder ships without code generation (tools/build/basis-no-eval.mjs).
 */
export const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {}

/** Why a model was not shown: unavailable (HTTP error), network (request failed or dropped mid-way),
 * corrupt (not a binary glTF we can read), too-large, too-complex, texture-too-large. */
export type ModelErrorReason = NonNullable<ModelLoad['reason']>

export class ModelLoadError extends Error {
  constructor(
    readonly reason: ModelErrorReason,
    message: string,
    /** Numbers for the visitor's message (formatted in their language), e.g. { size: 70.5 } */
    readonly vars: Readonly<Record<string, number>> = {},
  ) {
    super(message)
    this.name = 'ModelLoadError'
  }
}

/** Decoded size of a compressed response, as tools/server/server.mjs sends it (tools/policy/delivery-policy.mjs). */
export const DECODED_LENGTH_HEADER = 'Portage-Decoded-Length'

const MB = 1024 * 1024
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10

export const tooLarge = (bytes: number, limits: ModelLimits = MODEL_LIMITS) =>
  new ModelLoadError('too-large', `model is ${bytes} bytes, over the limit of ${limits.maxBytes}`, {
    size: mb(bytes),
    limit: mb(limits.maxBytes),
  })

/**
 * Read a model response, never holding more than `maxBytes`: refused by its Content-Length before
 * reading, or as soon as the streamed bytes pass the limit; a stream that breaks (the connection
 * dropped) or ends short of its declared length is a network failure.
 */
export async function readLimited(
  res: Response,
  onProgress: (loaded: number, total: number) => void,
  limits: ModelLimits = MODEL_LIMITS,
): Promise<ArrayBuffer> {
  if (!res.ok) throw new ModelLoadError('unavailable', `HTTP ${res.status}`, { status: res.status })
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity'
  // A compressed response's Content-Length is the encoded size, but the stream gives decoded
  // bytes: our server names the decoded size in its own header (absent elsewhere: no percentage).
  const declared = Number(res.headers.get(encoded ? DECODED_LENGTH_HEADER : 'content-length') ?? NaN)
  const total = Number.isFinite(declared) && declared > 0 ? declared : 0
  if (total > limits.maxBytes) {
    await res.body?.cancel().catch(() => {})
    throw tooLarge(total, limits)
  }
  const reader = res.body?.getReader()
  if (!reader) throw new ModelLoadError('network', 'response has no body')
  const chunks: Uint8Array[] = []
  let loaded = 0
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>
    try {
      part = await reader.read()
    } catch (e) {
      throw new ModelLoadError('network', `download interrupted: ${(e as Error).message}`)
    }
    if (part.done) break
    loaded += part.value.byteLength
    if (loaded > limits.maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge(loaded, limits)
    }
    chunks.push(part.value)
    onProgress(loaded, total)
  }
  if (total && loaded < total)
    throw new ModelLoadError('network', `download ended at ${loaded} of ${total} bytes`)
  const out = new Uint8Array(loaded)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out.buffer
}

/** `work`, or a "corrupt" refusal if it has not settled within `ms` (a decoder that never answers). */
export function withinDecodeTime<T>(work: Promise<T>, ms: number = MODEL_LIMITS.maxDecodeMs): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(corrupt(`decoding did not finish within ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

const corrupt = (why: string) => new ModelLoadError('corrupt', `not a usable binary glTF: ${why}`)

/**
 * Check a binary glTF before parsing: the container is sound, the JSON is glTF 2, and nothing in
 * it is fetched from a URI (buffers and images live in the file), so a model can never make the
 * app request another file, folder or origin.
 */
export function inspectGlb(data: ArrayBuffer): { extensions: Set<string> } {
  if (data.byteLength < 20) throw corrupt('too short')
  const view = new DataView(data)
  if (view.getUint32(0, true) !== 0x46546c67) throw corrupt('no glTF header')
  if (view.getUint32(4, true) !== 2) throw corrupt(`container version ${view.getUint32(4, true)}`)
  if (view.getUint32(8, true) > data.byteLength) throw corrupt('truncated')
  const jsonLength = view.getUint32(12, true)
  if (view.getUint32(16, true) !== 0x4e4f534a || 20 + jsonLength > data.byteLength)
    throw corrupt('no JSON chunk')
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(data, 20, jsonLength)))
  } catch {
    throw corrupt('its JSON cannot be read')
  }
  const doc = json as {
    asset?: { version?: unknown }
    buffers?: unknown
    images?: unknown
    extensionsRequired?: unknown
    extensionsUsed?: unknown
  }
  if (typeof doc !== 'object' || doc === null || !String(doc.asset?.version ?? '').startsWith('2.'))
    throw corrupt('not glTF 2.0')
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : [])
  for (const [kind, items] of [
    ['buffer', list(doc.buffers)],
    ['image', list(doc.images)],
  ] as const) {
    items.forEach((item, i) => {
      if (typeof item === 'object' && item !== null && 'uri' in item)
        throw corrupt(
          `${kind} ${i} points at a file (${String((item as { uri: unknown }).uri).slice(0, 60)})`,
        )
    })
  }
  for (const ext of list(doc.extensionsRequired)) {
    const why = UNSUPPORTED_EXTENSIONS[String(ext)]
    if (why) throw corrupt(why)
  }
  // What the model declares it uses: the loader fetches the KTX2 or Draco code only when needed.
  return { extensions: new Set([...list(doc.extensionsUsed), ...list(doc.extensionsRequired)].map(String)) }
}

export type SceneCost = { triangles: number; largestTexture: [number, number]; texturePixels: number }

function texturesOf(material: Material, into: Set<Texture>) {
  for (const value of Object.values(material)) {
    if ((value as Texture | null)?.isTexture) into.add(value as Texture)
  }
}

/** Triangles (instances counted) and texture sizes of a parsed scene. */
export function measureScene(root: Object3D): SceneCost {
  let triangles = 0
  const textures = new Set<Texture>()
  root.traverse((o) => {
    const node = o as Object3D & {
      geometry?: { index: { count: number } | null; attributes: { position?: { count: number } } }
      material?: Material | Material[]
      isMesh?: boolean
      isLine?: boolean
      isLineSegments?: boolean
      isPoints?: boolean
      isInstancedMesh?: boolean
      count?: number
    }
    const g = node.geometry
    if (!g) return
    const vertices = g.index?.count ?? g.attributes.position?.count ?? 0
    const instances = node.isInstancedMesh ? (node.count ?? 1) : 1
    if (node.isMesh) triangles += Math.floor(vertices / 3) * instances
    else if (node.isLineSegments) triangles += Math.floor(vertices / 2)
    else if (node.isLine || node.isPoints) triangles += vertices
    const materials = Array.isArray(node.material) ? node.material : node.material ? [node.material] : []
    for (const m of materials) texturesOf(m, textures)
  })
  let largest: [number, number] = [0, 0]
  let texturePixels = 0
  for (const t of textures) {
    const image = t.image as { width?: number; height?: number } | null
    const w = image?.width ?? 0
    const h = image?.height ?? 0
    texturePixels += w * h
    if (Math.max(w, h) > Math.max(...largest)) largest = [w, h]
  }
  return { triangles, largestTexture: largest, texturePixels }
}

/** The first limit a parsed scene breaks, as the error to show, or null. */
export function checkScene(root: Object3D, limits: ModelLimits = MODEL_LIMITS): ModelLoadError | null {
  const cost = measureScene(root)
  if (cost.triangles > limits.maxTriangles)
    return new ModelLoadError('too-complex', `${cost.triangles} triangles, over ${limits.maxTriangles}`, {
      count: cost.triangles,
      limit: limits.maxTriangles,
    })
  const [w, h] = cost.largestTexture
  if (Math.max(w, h) > limits.maxTextureSize || cost.texturePixels > limits.maxTexturePixels)
    return new ModelLoadError('texture-too-large', `texture ${w}×${h}, ${cost.texturePixels} pixels in all`, {
      width: w,
      height: h,
      limit: limits.maxTextureSize,
    })
  return null
}

/** Free what a refused scene holds (GPU uploads have not happened yet; decoded images have). */
export function disposeScene(root: Object3D) {
  root.traverse((o) => {
    const node = o as Object3D & { geometry?: { dispose(): void }; material?: Material | Material[] }
    node.geometry?.dispose()
    const materials = Array.isArray(node.material) ? node.material : node.material ? [node.material] : []
    for (const m of materials) {
      const textures = new Set<Texture>()
      texturesOf(m, textures)
      for (const t of textures) {
        ;(t.image as { close?: () => void } | null)?.close?.()
        t.dispose()
      }
      m.dispose()
    }
  })
}
