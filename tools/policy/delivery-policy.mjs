// How built files are delivered, in one place: which are cached for a year and which revalidate,
// which are precompressed and how, and which encoding a request gets. Used by the build step that
// writes the .br/.gz siblings (tools/build/precompress.ts), by the server behind `npm start`
// (tools/server/server.mjs), by dist-check and by the `_headers` file for static hosts. Plain JavaScript
// so the Node server imports it without a build step; types in delivery-policy.d.mts.
import { brotliCompress, brotliDecompressSync, constants, gunzipSync, gzip } from 'node:zlib'
import { promisify } from 'node:util'

// ── Caching ──────────────────────────────────────────────────────────────────────────────
/**
 * Vite writes the app's chunks and style sheets to `/app/` with a content hash in every name
 * (vite.config.ts `assetsDir`), so a file there never changes under its name: a year, immutable
 * (no revalidation even on reload). dist-check fails the build if an un-hashed name appears there.
 * Everything else — index.html, share pages, sw.js, oEmbed JSON, scenes/, assets/, decoders/ —
 * keeps its name across builds and must be revalidated (`no-cache` + ETag / Last-Modified: a 304
 * costs a round trip and no body).
 */
export const IMMUTABLE_PREFIX = '/app/'
export const CACHE_CONTROL = Object.freeze({
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
})
/** A hashed name as Vite writes it: `name-HASH.ext` (8 URL-safe characters), or its source map. */
export const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.map)?$/

/** The Cache-Control of a URL path (`/app/x-HASH.js` → immutable, anything else → no-cache). */
export function cacheControl(urlPath) {
  return urlPath.startsWith(IMMUTABLE_PREFIX) ? CACHE_CONTROL.immutable : CACHE_CONTROL.revalidate
}

// ── Compression ──────────────────────────────────────────────────────────────────────────
/**
 * Extensions worth compressing. `.glb` is in: the models' meshopt encoding is designed to be
 * followed by a general-purpose compressor (measured on this repository's models: gzip saves
 * 45–75 %, brotli 50–78 %; the XR controller models, not meshopt, 3–26 %). Never compressed:
 * audio and images (mp3, webp, png, jpg, ktx2 are compressed already), source maps (read only by
 * developer tools, and brotli at quality 11 would add seconds to every build), and the AR Quick
 * Look files (`.usdz`): a USDZ is a zip archive, sent as the very bytes content:check verified
 * (64-byte aligned, first entry a USD layer), never wrapped in a second compression.
 */
export const COMPRESSIBLE = Object.freeze([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.wasm',
  '.vtt',
  '.glb',
])

/** The encodings we precompress, best first: the sibling `file.br` / `file.gz` holds each. */
export const ENCODINGS = Object.freeze({
  br: { suffix: '.br' },
  gzip: { suffix: '.gz' },
})

/**
 * Response header with the decoded size of a compressed response (Content-Length is the encoded
 * size, and fetch() only sees decoded bytes): the model loader's progress bar needs it.
 */
export const DECODED_LENGTH_HEADER = 'Portage-Decoded-Length'

/** A sibling is written only when it saves at least this share of the file (else: identity). */
export const MIN_SAVING = 0.05

const extension = (path) => /\.[^./\\]+$/.exec(path)?.[0]?.toLowerCase() ?? ''

/** Whether a file's type is compressed (and so varies by Accept-Encoding). */
export function isCompressible(path) {
  return COMPRESSIBLE.includes(extension(path))
}

/** Whether a path is a precompressed sibling (`x.js.br`, `x.json.gz`) of a compressible file. */
export function isSibling(path) {
  return Object.values(ENCODINGS).some(
    ({ suffix }) => path.endsWith(suffix) && isCompressible(path.slice(0, -suffix.length)),
  )
}

const MAX_QUALITY = {
  // Quality 11 with the file's size as a hint: the output depends only on the bytes and zlib's
  // version, so a build is reproducible (and cacheable, tools/build/precompress.ts).
  br: (bytes) => ({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }),
  // Level 9; Node's gzip header carries no file name and a zero timestamp, so it is deterministic.
  gzip: () => ({ level: constants.Z_BEST_COMPRESSION }),
}
const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Compress at maximum quality (async: zlib's thread pool uses every core). */
export function encode(bytes, coding) {
  if (coding === 'br') return brotliAsync(bytes, MAX_QUALITY.br(bytes))
  if (coding === 'gzip') return gzipAsync(bytes, MAX_QUALITY.gzip())
  throw new Error(`unknown encoding ${coding}`)
}

/** The bytes a sibling decodes to (throws on a corrupt sibling). */
export function decode(bytes, coding) {
  if (coding === 'br') return brotliDecompressSync(bytes)
  if (coding === 'gzip') return gunzipSync(bytes)
  throw new Error(`unknown encoding ${coding}`)
}

// ── Negotiation ──────────────────────────────────────────────────────────────────────────
/** Our preference when the client's q-values tie. */
const PREFERENCE = ['br', 'gzip', 'identity']

/**
 * The encoding to send for an `Accept-Encoding` header, among the `available` siblings of the
 * file (identity is always available). RFC 9110 §12.5.3: codings are case-insensitive, `x-gzip`
 * is gzip, `q=0` refuses, `*` stands for every coding not named (identity included), and identity
 * is acceptable unless refused (`identity;q=0`, or `*;q=0` without an `identity` entry). The highest q wins; ties go to
 * br, then gzip, then identity. No header means identity (curl, old proxies); so does a header
 * that accepts nothing we have: we then send identity even when it was refused, since a 406 for a
 * script or a model would only break the page.
 */
export function negotiateEncoding(header, available) {
  if (header === undefined || header === null) return 'identity'
  const q = new Map()
  for (const part of String(header).split(',')) {
    const [name = '', ...params] = part.trim().split(';')
    let coding = name.trim().toLowerCase()
    if (!coding) continue
    if (coding === 'x-gzip') coding = 'gzip'
    let weight = 1
    for (const p of params) {
      const m = /^\s*q\s*=\s*(.*?)\s*$/i.exec(p)
      if (!m) continue
      weight = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(m[1] ?? '') ? Number(m[1]) : NaN
    }
    if (Number.isNaN(weight)) continue // a malformed q-value: the entry is ignored
    if (!q.has(coding)) q.set(coding, weight)
  }
  const star = q.get('*')
  // Identity, when not named, is covered by `*` (so `*;q=0` refuses it), else ranks with the
  // least wanted coding named ("br;q=0.5" still prefers br to identity, as `negotiator` does).
  const named = [...q.values()].filter((w) => w > 0)
  const implicitIdentity = star ?? (named.length ? Math.min(...named) : 1)
  const weight = (coding) => q.get(coding) ?? (coding === 'identity' ? implicitIdentity : (star ?? 0))
  let best = 'identity'
  let bestWeight = -1
  for (const coding of PREFERENCE) {
    if (coding !== 'identity' && !available.includes(coding)) continue
    const w = weight(coding)
    if (w > 0 && w > bestWeight) {
      best = coding
      bestWeight = w
    }
  }
  return best
}
