// The production static server behind `npm start` and the browser tests (CLI: tools/server/serve.mjs).
// Every response carries the security headers of tools/policy/security-policy.mjs; hashed files under
// /app/ are immutable, everything else revalidates (ETag, 304); compressible files are sent as
// their precompressed brotli or gzip sibling when the client accepts it (tools/policy/delivery-policy.mjs);
// nothing outside the served folder is reachable.
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import {
  cacheControl,
  DECODED_LENGTH_HEADER,
  decode,
  ENCODINGS,
  isCompressible,
  negotiateEncoding,
} from '../policy/delivery-policy.mjs'
import { CSP_REPORT_PATH, inlineScriptHashes, securityHeaders } from '../policy/security-policy.mjs'

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.glb': 'model/gltf-binary',
  '.mp3': 'audio/mpeg',
  '.vtt': 'text/vtt; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ktx2': 'image/ktx2',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

/** The file a URL path names inside `root` (which ends with a separator), or null if outside it. */
export function resolveFile(root, urlPath) {
  let decoded
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const file = normalize(join(root, decoded))
  if (file !== root.slice(0, -1) && !file.startsWith(root)) return null
  return file
}

/**
 * One `bytes=` range of a file of `size` bytes: [start, end] inclusive, null when the header is
 * absent or not a single byte range (the whole file is sent), 'unsatisfiable' when out of bounds.
 */
export function byteRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '')
  if (!m || (m[1] === '' && m[2] === '')) return null
  let start
  let end
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  return start > end || start >= size ? 'unsatisfiable' : [start, end]
}

export const REPORT_LIMITS = Object.freeze({
  /** Largest report body read, bytes (a report is about 1 kB). */
  maxBytes: 16 * 1024,
  /** Reports logged per minute; more are counted and dropped, so nobody can flood the log. */
  perMinute: 60,
})

/**
 * POST /csp-report: the browser's report of a Content-Security-Policy violation (in a page, a frame
 * or a worker), one line on stderr for the operator. Bounded in size and rate; always 204.
 */
export function cspReportLog(log = (line) => console.error(line), now = () => Date.now()) {
  let windowStart = 0
  let count = 0
  return (req, res) => {
    let size = 0
    const chunks = []
    req.on('data', (c) => {
      size += c.length
      if (size <= REPORT_LIMITS.maxBytes) chunks.push(c)
    })
    req.on('end', () => {
      res.writeHead(204).end()
      if (now() - windowStart > 60_000) {
        if (count > REPORT_LIMITS.perMinute)
          log(`csp-report: ${count - REPORT_LIMITS.perMinute} more dropped`)
        windowStart = now()
        count = 0
      }
      if (++count > REPORT_LIMITS.perMinute || size > REPORT_LIMITS.maxBytes) return
      let r = {}
      try {
        r = JSON.parse(Buffer.concat(chunks).toString('utf8'))['csp-report'] ?? {}
      } catch {
        return
      }
      // Only the fields an operator needs, stripped of control characters (no log injection).
      const field = (k) =>
        String(r[k] ?? '-')
          // eslint-disable-next-line no-control-regex -- control characters are what is removed
          .replace(/[\x00-\x1f\x7f]/g, ' ')
          .slice(0, 200)
      log(
        `csp-report: ${field('effective-directive')} blocked ${field('blocked-uri')} in ${field('document-uri')}`,
      )
    })
    req.on('error', () => res.destroy())
  }
}

/**
 * @param {{ root: string, embedders?: string[] }} options `root`: the folder served (dist/), with
 *   a trailing separator; `embedders`: origins allowed to frame the app.
 */
export function createPortageServer(options) {
  return createServer(portageHandler(options))
}

/**
 * What the server knows of each file it has served, per version of the file (size, mtime, inode):
 * the strong ETag of its bytes, and for each precompressed sibling whether it decodes to exactly
 * those bytes. Only this metadata is kept, never file contents; a changed file or sibling is
 * looked at again on its next request.
 */
function fileVersions(log) {
  const known = new Map()
  const stamp = (st) => `${st.size}:${st.mtimeMs}:${st.ino}`
  return {
    /** `{ etag, siblings }` of the current version of `file`. */
    of(file, stat) {
      let v = known.get(file)
      if (v?.stamp !== stamp(stat)) {
        const hash = createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, 22)
        v = { stamp: stamp(stat), etag: `"${hash}"`, siblings: new Map() }
        known.set(file, v)
      }
      return v
    },
    /**
     * The sibling of `file` for `coding` as `{ path, size }`, or null when it is missing or does
     * not decode to the file's current bytes. The name alone is never trusted: a file edited (or
     * a deployment copied) after the build would otherwise be served stale, under a new ETag.
     */
    sibling(file, v, coding) {
      const path = file + ENCODINGS[coding].suffix
      let st
      try {
        st = statSync(path)
      } catch {
        return null
      }
      let seen = v.siblings.get(coding)
      if (seen?.stamp !== stamp(st)) {
        let ok
        try {
          ok = st.isFile() && decode(readFileSync(path), coding).equals(readFileSync(file))
        } catch {
          ok = false // not a valid stream of its encoding
        }
        if (!ok)
          log(`server: ${path} does not decode to ${file} (stale or corrupt): sending the file as it is`)
        seen = { stamp: stamp(st), ok }
        v.siblings.set(coding, seen)
      }
      return seen.ok ? { path, size: st.size } : null
    },
  }
}

/** If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2; `*` matches any). */
export function etagMatches(header, etag) {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  const opaque = (tag) => tag.replace(/^W\//, '')
  return (header.match(/(W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === opaque(etag))
}

/** Whether a GET may be answered 304: If-None-Match decides when present, else If-Modified-Since. */
export function notModified(headers, etag, mtime) {
  if (headers['if-none-match'] !== undefined) return etagMatches(headers['if-none-match'], etag)
  const since = Date.parse(headers['if-modified-since'] ?? '')
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since
}

/** If-Range: the range applies only to the version the client holds (strong ETag or exact date). */
function rangeStillValid(headers, etag, lastModified) {
  const ifRange = headers['if-range']
  if (ifRange === undefined) return true
  if (ifRange.startsWith('"')) return ifRange === etag
  return !ifRange.startsWith('W/') && Date.parse(ifRange) === Date.parse(lastModified)
}

const CODINGS = /** @type {const} */ (['br', 'gzip'])

/**
 * The request handler of createPortageServer, for tests that put a fault in front of it.
 * `log` receives the operator's warnings (a stale precompressed file).
 */
export function portageHandler({ root, embedders = [], log = (line) => console.warn(line) }) {
  const plain = securityHeaders({ embedders })
  const fail = (res, status, text, extra = {}) =>
    res.writeHead(status, { ...plain, 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(text)

  const reports = cspReportLog()
  const versions = fileVersions(log)
  return (req, res) => {
    if (req.method === 'POST' && req.url === CSP_REPORT_PATH) return reports(req, res)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return fail(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
    let url
    try {
      // Origin-form only ("/path?query"); prefixing keeps "//host/..." a path, not another host.
      if (!req.url?.startsWith('/')) throw new Error('not origin-form')
      url = new URL(`http://x${req.url}`)
    } catch {
      return fail(res, 400, 'Bad request')
    }
    let file = resolveFile(root, url.pathname)
    if (file === null) return fail(res, 400, 'Bad request')
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (!existsSync(file) || !statSync(file).isFile()) return fail(res, 404, 'Not found')
    const stat = statSync(file)
    const version = versions.of(file, stat)
    const lastModified = stat.mtime.toUTCString()

    // Byte ranges (the narration <audio> seeks with them) are always ranges of the file itself.
    const wanted = req.headers.range === undefined ? null : byteRange(req.headers.range, stat.size)
    const range = wanted !== null && rangeStillValid(req.headers, version.etag, lastModified) ? wanted : null

    // Precompressed siblings (tools/build/precompress.ts), when the client accepts one and it is fresh.
    const compressible = isCompressible(file)
    let coding = 'identity'
    let sibling = null
    if (compressible && range === null) {
      const available = CODINGS.filter((c) => versions.sibling(file, version, c))
      coding = negotiateEncoding(req.headers['accept-encoding'], available)
      if (coding !== 'identity') sibling = versions.sibling(file, version, coding)
    }
    // One ETag per representation: a cache must never answer a gzip request with brotli bytes.
    const etag = coding === 'identity' ? version.etag : `${version.etag.slice(0, -1)}-${coding}"`

    // A page's own inline scripts (the build's import map) are allowed by hash, read from the
    // page being sent so a rebuild never leaves a stale hash in the policy. (On a 304 too: the
    // browser updates the cached response's headers from it.)
    const security =
      extname(file) === '.html'
        ? securityHeaders({ embedders, scriptHashes: inlineScriptHashes(readFileSync(file, 'utf8')) })
        : plain
    const validators = {
      'Cache-Control': cacheControl(`/${file.slice(root.length).split(sep).join('/')}`),
      ETag: etag,
      'Last-Modified': lastModified,
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    }
    if (notModified(req.headers, etag, stat.mtime))
      return res.writeHead(304, { ...security, ...validators }).end()

    if (range === 'unsatisfiable')
      return fail(res, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${stat.size}` })
    const source = sibling?.path ?? file
    const size = sibling?.size ?? stat.size
    const [start, end] = range ?? [0, size - 1]
    res.writeHead(range ? 206 : 200, {
      ...security,
      ...validators,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(sibling
        ? // The decoded size, for a download's progress (Content-Length is the encoded size).
          { 'Content-Encoding': coding, [DECODED_LENGTH_HEADER]: String(stat.size) }
        : { 'Accept-Ranges': 'bytes' }),
      'Content-Length': Math.max(0, end - start + 1),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stat.size}` } : {}),
    })
    if (req.method === 'HEAD' || size === 0) res.end()
    else createReadStream(source, { start, end }).pipe(res)
  }
}
