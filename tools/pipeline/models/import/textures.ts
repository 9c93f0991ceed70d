/**
 * Textures, chosen by measurement. Each map is decoded and resized by sharp (libvips: JPEG, PNG,
 * WebP, AVIF; shrink-on-load keeps an 8K photo from ever being held at full size), then encoded as
 * every format the app decodes offline: KTX2 (Basis Universal, through ktx2-encoder: ETC1S for
 * colour, UASTC + zstd for normal and data maps), WebP (EXT_texture_webp, decoded by the browser
 * through three's GLTFLoader) and JPEG (opaque maps). The smallest download wins, except that KTX2
 * is kept when it is at most `KTX2_PREFERENCE` times the smallest: it stays compressed on the GPU
 * (4 to 8 times less memory than a decoded WebP or JPEG, so more of a site fits a headset).
 * The input image itself is a candidate when it is already at the size chosen, so a map is never
 * re-encoded into something larger. KTX2 inputs are kept as they are (sharp cannot decode them).
 */
import type { Document, Texture } from '@gltf-transform/core'
import { EXTTextureWebP, KHRTextureBasisu } from '@gltf-transform/extensions'
import { getTextureColorSpace, listTextureSlots } from '@gltf-transform/functions'
import * as ktx2Encoder from 'ktx2-encoder'
import type { IEncodeOptions } from 'ktx2-encoder'
import sharp from 'sharp'
import { ImportInputError } from './input.ts'

export type TextureKind = 'colour' | 'normal' | 'data'
export type Codec = 'ETC1S' | 'UASTC' | 'WebP' | 'JPEG' | 'PNG' | 'input'

/** sharp and ktx2-encoder settings per kind; qualities chosen to look alike at arm's length. */
export const TEXTURE_SETTINGS = {
  colour: {
    ktx2: {
      isUASTC: false,
      qualityLevel: 128,
      compressionLevel: 2,
      isPerceptual: true,
      isSetKTX2SRGBTransferFunc: true,
      generateMipmap: true,
    },
    webp: { quality: 82, effort: 4 },
    jpeg: { quality: 85, mozjpeg: true, chromaSubsampling: '4:2:0' },
  },
  normal: {
    ktx2: {
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
    // Normals show banding before colour does: higher quality, full-resolution chroma.
    webp: { quality: 92, effort: 4 },
    jpeg: { quality: 92, mozjpeg: true, chromaSubsampling: '4:4:4' },
  },
  data: {
    ktx2: {
      isUASTC: true,
      isPerceptual: false,
      isSetKTX2SRGBTransferFunc: false,
      uastcLDRQualityLevel: 1,
      enableRDO: true,
      rdoQualityLevel: 1,
      needSupercompression: true,
      generateMipmap: true,
    },
    // Occlusion, roughness and metalness live in separate channels: no chroma subsampling.
    webp: { quality: 90, effort: 4 },
    jpeg: { quality: 90, mozjpeg: true, chromaSubsampling: '4:4:4' },
  },
} as const

/** KTX2 wins when its download is at most this many times the smallest candidate's. */
export const KTX2_PREFERENCE = 1.25

/**
 * A floor on the bits a pixel UASTC takes after rate-distortion optimisation and zstd: measured
 * here at 4.7 on a scan's 2048 px normal and occlusion maps, rarely under 3. UASTC encoding is
 * slow (minutes for a 2048 map on a busy two-core machine), so it is measured only when this floor
 * leaves it a chance of winning.
 */
const UASTC_MIN_BITS_PER_PIXEL = 2

/** Largest texture side the app accepts (src/features/stage/model-limits.ts: 4096). */
export const MAX_TEXTURE_SIDE = 4096

/** What the GPU holds per pixel, mipmaps included (a full mip chain adds a third). */
const MIP_CHAIN = 4 / 3
const GPU_BYTES_PER_PIXEL = {
  /** Decoded image: RGBA, 8 bits a channel. */
  rgba8: 4,
  /** ETC1S transcodes to ETC1/BC1 (opaque, 4 bits a pixel) or ETC2/BC3 with alpha (8 bits). */
  etc1sOpaque: 0.5,
  etc1sAlpha: 1,
  /** UASTC transcodes to ASTC 4×4 or BC7: 8 bits a pixel. */
  uastc: 1,
} as const

export interface TextureFormat {
  mimeType: string
  width: number
  height: number
  /** Download size. */
  bytes: number
  /** GPU memory once uploaded, mipmaps included. */
  gpuBytes: number
}

export interface TextureReport {
  name: string
  slots: string[]
  kind: TextureKind
  from: TextureFormat
  to: TextureFormat & { codec: Codec }
  /** Every candidate measured at the chosen size, smallest first. */
  candidates: { codec: Codec; bytes: number }[]
  /** Why the chosen file is larger than the input, when it is. */
  why?: string
  /** A candidate not measured, and why. */
  skipped?: string
}

export const floorPowerOfTwo = (n: number) => 2 ** Math.floor(Math.log2(Math.max(1, n)))

/** Power-of-two size no larger than the image or the limit (mipmaps and every GPU format like it). */
export function targetSize(width: number, height: number, limit: number): [number, number] {
  return [Math.min(limit, floorPowerOfTwo(width)), Math.min(limit, floorPowerOfTwo(height))]
}

export function textureKind(texture: Texture): TextureKind {
  if (listTextureSlots(texture).some((slot) => /normal/i.test(slot))) return 'normal'
  return getTextureColorSpace(texture) === 'srgb' ? 'colour' : 'data'
}

/** GPU memory of a texture in a given format. */
export function gpuBytes(
  mimeType: string,
  width: number,
  height: number,
  codec?: Codec,
  opaque = true,
): number {
  const perPixel =
    mimeType !== 'image/ktx2'
      ? GPU_BYTES_PER_PIXEL.rgba8
      : codec === 'ETC1S'
        ? opaque
          ? GPU_BYTES_PER_PIXEL.etc1sOpaque
          : GPU_BYTES_PER_PIXEL.etc1sAlpha
        : GPU_BYTES_PER_PIXEL.uastc
  return Math.round(width * height * perPixel * MIP_CHAIN)
}

/** Formats sharp decodes here; KTX2 is kept as it is. */
const DECODABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif'])
/** Formats the app decodes, so an input already at the right size may be kept as it is. */
const APP_DECODES = new Set(['image/jpeg', 'image/png', 'image/webp'])

/** Width and height read from the image itself (the glTF may not say). */
export async function imageSize(bytes: Uint8Array, mimeType: string): Promise<[number, number]> {
  if (mimeType === 'image/ktx2') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    // KTX2 header: 12-byte identifier, vkFormat, typeSize, then pixelWidth and pixelHeight.
    return bytes.byteLength >= 28 ? [view.getUint32(20, true), view.getUint32(24, true)] : [0, 0]
  }
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata()
  return [meta.width ?? 0, meta.height ?? 0]
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

type Raw = { width: number; height: number; data: Uint8Array; opaque: boolean }

/**
 * Decoded and resized by sharp, as RGBA. Colour is resized in (approximately) linear light
 * (`gamma()`: libvips darkens by 1/2.2 before and brightens after), so thin bright details do not
 * darken; sharp premultiplies alpha while resizing, so transparent pixels do not bleed into edges.
 */
async function decodeResized(
  bytes: Uint8Array,
  width: number,
  height: number,
  kind: TextureKind,
): Promise<Raw> {
  let pipeline = sharp(bytes, { limitInputPixels: false }).ensureAlpha()
  if (kind === 'colour') pipeline = pipeline.gamma()
  const { data, info } = await pipeline
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  let opaque = true
  for (let i = 3; i < data.length; i += 4)
    if ((data[i] ?? 255) < 255) {
      opaque = false
      break
    }
  return { width: info.width, height: info.height, data: new Uint8Array(data), opaque }
}

/** A small RGBA copy of an image (for the proxy's vertex colours); undefined if not decodable. */
export async function sampleImage(
  bytes: Uint8Array,
  mimeType: string,
  limit: number,
): Promise<{ width: number; height: number; data: Uint8Array } | undefined> {
  if (!DECODABLE.has(mimeType)) return undefined
  const [w, h] = await imageSize(bytes, mimeType)
  const [tw, th] = targetSize(w, h, limit)
  return decodeResized(bytes, tw, th, 'colour')
}

type Candidate = { codec: Codec; mimeType: string; image: Uint8Array }

async function encodeCandidates(
  raw: Raw,
  kind: TextureKind,
): Promise<{ candidates: Candidate[]; skipped?: string }> {
  const settings = TEXTURE_SETTINGS[kind]
  const input = () => sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } })
  const out: Candidate[] = [
    {
      codec: 'WebP',
      mimeType: 'image/webp',
      image: new Uint8Array(
        await input()
          .webp({ ...settings.webp, alphaQuality: 90 })
          .toBuffer(),
      ),
    },
  ]
  if (raw.opaque)
    out.push({
      codec: 'JPEG',
      mimeType: 'image/jpeg',
      image: new Uint8Array(await input().removeAlpha().jpeg(settings.jpeg).toBuffer()),
    })
  const codec: Codec = settings.ktx2.isUASTC ? 'UASTC' : 'ETC1S'
  const best = Math.min(...out.map((c) => c.image.byteLength))
  const floor = (raw.width * raw.height * UASTC_MIN_BITS_PER_PIXEL) / 8
  if (codec === 'UASTC' && floor > best * KTX2_PREFERENCE)
    return {
      candidates: out,
      skipped: `UASTC not measured: at ${raw.width}×${raw.height} it takes at least ${kb(floor)}, more than ${KTX2_PREFERENCE}× the smallest candidate`,
    }
  const encoder = await getBasisEncoder()
  const ktx2 = await encoder.encode(raw.data, { ...settings.ktx2, imageDecoder: async () => raw })
  out.push({ codec, mimeType: 'image/ktx2', image: ktx2 })
  return { candidates: out }
}

export interface EncodedTexture {
  report: TextureReport
  image: Uint8Array
}

/** Measures every candidate for one texture at the given size limit and keeps the best. */
export async function chooseTexture(texture: Texture, limit: number, name: string): Promise<EncodedTexture> {
  const image = texture.getImage()
  const mimeType = texture.getMimeType()
  if (!image) throw new Error(`texture ${name} has no image`)
  const kind = textureKind(texture)
  const damaged = (e: unknown) =>
    new ImportInputError(
      `texture "${name}" (${mimeType}) cannot be decoded (${(e as Error).message.split('\n')[0]}): the image is damaged; ` +
        'open it in an image editor, save it again as PNG or JPEG, and export the model again',
    )
  if (mimeType !== 'image/ktx2' && !DECODABLE.has(mimeType))
    throw new ImportInputError(
      `texture "${name}" is ${mimeType || 'of an unknown type'}, which no browser decodes: save it as PNG, JPEG or WebP and export again`,
    )
  const [iw, ih] = await imageSize(image, mimeType).catch((e: unknown) => {
    throw damaged(e)
  })
  const slots = listTextureSlots(texture)
  const from: TextureFormat = {
    mimeType,
    width: iw,
    height: ih,
    bytes: image.byteLength,
    gpuBytes: gpuBytes(mimeType, iw, ih, kind === 'colour' ? 'ETC1S' : 'UASTC'),
  }
  if (mimeType === 'image/ktx2') {
    return {
      image,
      report: {
        name,
        slots,
        kind,
        from,
        to: { ...from, codec: 'input' },
        candidates: [{ codec: 'input', bytes: image.byteLength }],
        why: 'KTX2 input kept as it is: it is already a GPU format (it is not resized or re-encoded)',
      },
    }
  }
  const [w, h] = targetSize(iw, ih, limit)
  let raw: Raw
  try {
    raw = await decodeResized(image, w, h, kind)
  } catch (e) {
    throw damaged(e)
  }
  const { candidates, skipped } = await encodeCandidates(raw, kind)
  if (w === iw && h === ih && APP_DECODES.has(mimeType)) candidates.push({ codec: 'input', mimeType, image })
  candidates.sort((a, b) => a.image.byteLength - b.image.byteLength)
  const smallest = candidates[0]
  if (!smallest) throw new Error('no texture candidate')
  const ktx2 = candidates.find((c) => c.mimeType === 'image/ktx2')
  const chosen =
    ktx2 && ktx2.image.byteLength <= smallest.image.byteLength * KTX2_PREFERENCE ? ktx2 : smallest
  const to = {
    mimeType: chosen.mimeType,
    width: w,
    height: h,
    bytes: chosen.image.byteLength,
    gpuBytes: gpuBytes(chosen.mimeType, w, h, chosen.codec, raw.opaque),
    codec: chosen.codec,
  }
  let why: string | undefined
  if (to.bytes > from.bytes)
    why =
      chosen === ktx2
        ? `KTX2 is ${kb(to.bytes - from.bytes)} more to download than the input, but ${Math.round(from.gpuBytes / to.gpuBytes)}× less GPU memory than any other candidate`
        : 'every format the app decodes is larger than the input here'
  return {
    image: chosen.image,
    report: {
      name,
      slots,
      kind,
      from: { ...from, gpuBytes: gpuBytes(mimeType, iw, ih) },
      to,
      candidates: candidates.map((c) => ({ codec: c.codec, bytes: c.image.byteLength })),
      why,
      skipped,
    },
  }
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`

/** Writes the chosen images into the document and declares the extensions they need. */
export function applyTextures(doc: Document, encoded: Map<Texture, EncodedTexture>): void {
  let webp = false
  let ktx2 = false
  for (const [texture, { image, report }] of encoded) {
    const ext = { 'image/ktx2': 'ktx2', 'image/webp': 'webp', 'image/jpeg': 'jpg', 'image/png': 'png' }[
      report.to.mimeType
    ]
    texture.setImage(image).setMimeType(report.to.mimeType)
    if (texture.getURI() && ext) texture.setURI(texture.getURI().replace(/\.[a-z0-9]+$/i, '') + `.${ext}`)
    webp ||= report.to.mimeType === 'image/webp'
    ktx2 ||= report.to.mimeType === 'image/ktx2'
  }
  const used = doc.getRoot().listExtensionsUsed()
  for (const e of used)
    if (['EXT_texture_avif'].includes(e.extensionName) || (e.extensionName === 'EXT_texture_webp' && !webp))
      e.dispose()
  // Required: a viewer that cannot decode them would show the model untextured.
  if (webp) doc.createExtension(EXTTextureWebP).setRequired(true)
  if (ktx2) doc.createExtension(KHRTextureBasisu).setRequired(true)
}
