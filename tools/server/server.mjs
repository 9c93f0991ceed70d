// The production static server behind `npm start` and the browser tests (CLI: tools/server/serve.mjs).
// Every response carries the security headers of tools/policy/security-policy.mjs; hashed files under
// /app/ are immutable, everything else revalidates (ETag, 304); compressible files are sent as
// their precompressed brotli or gzip sibling when the client accepts it (tools/policy/delivery-policy.mjs);
// nothing outside the served folder is reachable, symbolic links included. No request, however it
// ends (aborted, a range, a file gone mid-deploy, a full descriptor table), leaves a file open or
// an error unhandled: files are opened once, sent through stream.pipeline (which closes them when
// the client goes), and every file-system error becomes an answer. Timeouts and a connection limit
// (SERVER_LIMITS) bound what slow or idle clients can hold. See docs/security.md, "The server".
import { createHash } from 'node:crypto'
import {
  closeSync,
  createReadStream,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs'
import { createServer, STATUS_CODES } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { pipeline } from 'node:stream'
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
  // AR Quick Look opens a USDZ only when it is sent with its registered type (IANA, 2018).
  '.usdz': 'model/vnd.usdz+zip',
  '.mp3': 'audio/mpeg',
  '.vtt': 'text/vtt; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ktx2': 'image/ktx2',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Files in the build that are not for visitors, answered 404 (as if absent): source maps (read by
 * developer tools and the bench from disk; the code is public in the repository, and visitors'
 * browsers never need them) and `/_headers` (a static host's configuration, which such hosts
 * consume and do not publish either). Paths relative to the served folder, with `/` separators.
 */
export function isPrivate(relativePath) {
  return relativePath.endsWith('.map') || relativePath === '_headers'
}

/**
 * Bounds on what one client can hold (`npm start`, the kiosk and the tests). Node's defaults are
 * no idle timeout, a 5-minute request timeout checked every 30 s, and no connection limit.
 */
export const SERVER_LIMITS = Object.freeze({
  /** The request line and headers must have arrived within this (a slow-headers client). */
  headersTimeoutMs: 10_000,
  /** The whole request, body included (a CSP report, a kiosk heartbeat), within this. */
  requestTimeoutMs: 20_000,
  /** A kept-alive connection waiting for its next request is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /**
   * A socket on which nothing moves for this long is closed, with the file it was sending: a
   * client that stopped reading. (A paused <audio> that resumes later asks again with a range.)
   */
  idleTimeoutMs: 30_000,
  /** How often Node checks the header and request timeouts. */
  checkIntervalMs: 1_000,
  /**
   * Connections at once; more are closed on arrival. Each may hold a socket and a file (two
   * descriptors): derived from this process's open-files limit (connectionsFor), so a live group
   * tour's followers (one WebSocket each, and up to 6 connections each while their page loads) fit
   * as far as the machine allows, and the process never runs out of descriptors first.
   */
  maxConnections: connectionsFor(openFilesLimit()),
})

/**
 * This process's limit of open files (Linux), or null where it cannot be read. Node raises its soft
 * limit to the hard one at start, so this is what the process can really use (Debian: 524,288 under
 * systemd, 1,048,576 in a shell; 1,024 only where the hard limit is that low).
 */
export function openFilesLimit() {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/**
 * Connections allowed with `limit` open files: two descriptors each, after 128 for the process
 * itself (Node, its modules as they load, the live relay's Redis client); at least 32, at most
 * 20,000 (a live relay holds 2,000 followers in about 75 MB: docs/live.md). Unknown limit: 1,024.
 */
export function connectionsFor(limit) {
  if (!limit) return 1024
  return Math.max(32, Math.min(20_000, Math.floor((limit - 128) / 2)))
}

/** An error of the file system or the process's limits that says "try again later". */
const BUSY = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'ENOMEM'])
/** Errors that mean the file is not (or no longer) there: a deploy replacing files, a bad path. */
const GONE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM'])

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
export function cspReportLog(log = (line) => console.error(line), now = () => Date.now(), headers = {}) {
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
      res.writeHead(204, headers).end()
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
 * The raw bytes of an error answer written on a socket Node's HTTP parser gave up on: a garbage
 * request line (400), oversized headers (431), a request too slow to arrive (408). Node's own
 * answers carry no headers at all; ours carry the policy like every other response.
 */
export function rawErrorResponse(status, headers) {
  const body = `${STATUS_CODES[status] ?? 'Error'}\n`
  const lines = Object.entries({
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  }).map(([k, v]) => `${k}: ${v}`)
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}

/**
 * The production server: portageHandler with SERVER_LIMITS applied, and every answer Node would
 * otherwise write itself (a request it cannot parse, headers too large, a request too slow) sent
 * with the policy headers.
 *
 * @param {{ root: string, embedders?: string[], log?: (line: string) => void,
 *   limits?: Partial<typeof SERVER_LIMITS>,
 *   intercept?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse,
 *     headers: Record<string, string>) => boolean }} options
 *   `root`: the folder served (dist/), with a trailing separator; `embedders`: origins allowed to
 *   frame the app; `intercept`: answers a request before the files do (the kiosk launcher's
 *   channel), given the policy headers, true when it answered.
 */
export function createPortageServer(options) {
  const limits = { ...SERVER_LIMITS, ...options.limits }
  const log = options.log ?? ((line) => console.warn(line))
  const headers = securityHeaders({ embedders: options.embedders ?? [] })
  const files = portageHandler(options)
  const handler = options.intercept
    ? (req, res) => {
        let handled
        try {
          handled = options.intercept(req, res, headers)
        } catch (e) {
          log(`server: ${req.method} ${String(req.url).slice(0, 200)} failed: ${e?.message ?? e}`)
          if (!res.headersSent)
            res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Error')
          else res.destroy()
          return
        }
        if (!handled) files(req, res)
      }
    : files
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    handler,
  )
  server.timeout = limits.idleTimeoutMs
  server.maxConnections = limits.maxConnections
  server.on('clientError', (err, socket) => {
    // The client has gone, or our answer is already under way: nothing more can be said.
    if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy()
      return
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
            ? 413
            : 400
    socket.end(rawErrorResponse(status, headers))
    // A client that never reads the answer does not keep the socket.
    setTimeout(() => socket.destroy(), 2_000).unref()
  })
  // After listening, an error of the listening socket is one failed accept (EMFILE when every
  // descriptor is taken): the server keeps listening; libuv accepts again once one is free.
  // Before listening (the port is taken) it is for the caller's own 'error' listener.
  let lastAcceptWarning = 0
  server.on('error', (e) => {
    if (!server.listening) {
      if (server.listenerCount('error') === 1) throw e
      return
    }
    if (Date.now() - lastAcceptWarning > 10_000) {
      lastAcceptWarning = Date.now()
      log(`server: could not accept a connection (${e.code ?? e.message}); still serving`)
    }
  })
  return server
}

/**
 * What the server knows of each file it has served, per version of the file (size, mtime, inode):
 * the strong ETag of its bytes, and for each precompressed sibling whether it decodes to exactly
 * those bytes. Only this metadata is kept, never file contents; a changed file or sibling is
 * looked at again on its next request.
 */
/** The bytes of an open file, a megabyte at a time from position 0 (its descriptor stays usable). */
function* chunksOf(fd, size) {
  const buffer = Buffer.allocUnsafe(Math.min(size, 1 << 20))
  for (let at = 0; at < size;) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at)
    if (n === 0) break
    at += n
    yield buffer.subarray(0, n)
  }
}

/** A whole (small) open file, for reading a page's inline-script hashes. */
const readWhole = (fd, size) => Buffer.concat([...chunksOf(fd, size)].map((c) => Buffer.from(c)))

function fileVersions(log) {
  const known = new Map()
  const stamp = (st) => `${st.size}:${st.mtimeMs}:${st.ino}`
  return {
    /** `{ etag, siblings }` of the current version of `file`, read through its open descriptor. */
    of(file, stat, fd) {
      let v = known.get(file)
      if (v?.stamp !== stamp(stat)) {
        const hash = createHash('sha256')
        for (const chunk of chunksOf(fd, stat.size)) hash.update(chunk)
        v = { stamp: stamp(stat), etag: `"${hash.digest('base64url').slice(0, 22)}"`, siblings: new Map() }
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
 * `log` receives the operator's warnings (a stale precompressed file, a failure of the disk).
 */
export function portageHandler({ root, embedders = [], log = (line) => console.warn(line) }) {
  const plain = securityHeaders({ embedders })
  const fail = (res, status, text, extra = {}) =>
    res.writeHead(status, { ...plain, 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(text)
  /** A file-system error as an answer: never thrown at the HTTP server, never a crash. */
  const failWith = (req, res, e) => {
    if (res.headersSent) return void res.destroy()
    if (GONE.has(e?.code)) return fail(res, 404, 'Not found')
    if (BUSY.has(e?.code))
      return fail(res, 503, 'Busy: try again in a moment', {
        'Retry-After': '2',
        'Cache-Control': 'no-store',
      })
    log(`server: ${req.method} ${String(req.url).slice(0, 200)} failed: ${e?.code ?? e?.message ?? e}`)
    return fail(res, 500, 'Error')
  }
  // The served folder as the file system sees it, once it exists: every file's real path (its
  // symbolic links followed) must stay inside it.
  let realRoot = null
  const inside = (real) => {
    realRoot ??= realpathSync(root).replace(/[\\/]*$/, sep)
    return real.startsWith(realRoot)
  }

  const reports = cspReportLog(log, undefined, plain)
  const versions = fileVersions(log)
  return (req, res) => {
    // Descriptors this request opened and has not handed to a stream: closed whatever happens.
    const open = []
    try {
      serve(req, res, open)
    } catch (e) {
      failWith(req, res, e)
    } finally {
      for (const fd of open) closeQuietly(fd)
    }
  }

  function serve(req, res, open) {
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
    const named = resolveFile(root, url.pathname)
    if (named === null) return fail(res, 400, 'Bad request')
    // The real path, links followed; a directory means its index.html. Each step may find the
    // file gone (a deploy under way): that is a 404, from failWith.
    let file = realpathSync(named)
    if (statSync(file).isDirectory()) file = realpathSync(join(file, 'index.html'))
    if (!inside(file)) return fail(res, 404, 'Not found')
    const relative = file.slice(realRoot.length).split(sep).join('/')
    if (isPrivate(relative)) return fail(res, 404, 'Not found')
    // Opened once: what is sent is what was measured, even if the name is replaced meanwhile.
    const fd = openSync(file, 'r')
    open.push(fd)
    const stat = fstatSync(fd)
    if (!stat.isFile()) return fail(res, 404, 'Not found')
    const version = versions.of(file, stat, fd)
    const lastModified = stat.mtime.toUTCString()

    // Byte ranges (the narration <audio> seeks with them) are always ranges of the file itself.
    const wanted = req.headers.range === undefined ? null : byteRange(req.headers.range, stat.size)
    const range = wanted !== null && rangeStillValid(req.headers, version.etag, lastModified) ? wanted : null

    // Precompressed siblings (tools/build/precompress.ts), when the client accepts one and it is fresh.
    const compressible = isCompressible(file)
    let coding = 'identity'
    let sibling = null
    let siblingFd = null
    if (compressible && range === null) {
      const available = CODINGS.filter((c) => versions.sibling(file, version, c))
      coding = negotiateEncoding(req.headers['accept-encoding'], available)
      if (coding !== 'identity') sibling = versions.sibling(file, version, coding)
      if (sibling) {
        try {
          siblingFd = openSync(sibling.path, 'r')
          open.push(siblingFd)
          sibling = { ...sibling, size: fstatSync(siblingFd).size }
        } catch (e) {
          if (!GONE.has(e?.code)) throw e
          // Gone between the check and now: the file itself.
          sibling = null
          coding = 'identity'
        }
      } else coding = 'identity'
    }
    // One ETag per representation: a cache must never answer a gzip request with brotli bytes.
    const etag = coding === 'identity' ? version.etag : `${version.etag.slice(0, -1)}-${coding}"`

    // A page's own inline scripts (the build's import map) are allowed by hash, read from the
    // page being sent so a rebuild never leaves a stale hash in the policy. (On a 304 too: the
    // browser updates the cached response's headers from it.)
    const security =
      extname(file) === '.html'
        ? securityHeaders({
            embedders,
            scriptHashes: inlineScriptHashes(readWhole(fd, stat.size).toString('utf8')),
          })
        : plain
    const validators = {
      'Cache-Control': cacheControl(`/${relative}`),
      ETag: etag,
      'Last-Modified': lastModified,
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    }
    if (notModified(req.headers, etag, stat.mtime))
      return res.writeHead(304, { ...security, ...validators }).end()

    if (range === 'unsatisfiable')
      return fail(res, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${stat.size}` })
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
    if (req.method === 'HEAD' || size === 0) return res.end()
    // The stream takes the descriptor over: pipeline closes it when the response ends, fails or
    // the client goes away (an aborted download), and destroys the response on a read error.
    const source = siblingFd ?? fd
    open.splice(open.indexOf(source), 1)
    pipeline(createReadStream('', { fd: source, start, end, autoClose: true }), res, (e) => {
      if (e && e.code !== 'ERR_STREAM_PREMATURE_CLOSE' && e.code !== 'ECONNRESET' && e.code !== 'EPIPE')
        log(`server: sending ${relative} failed: ${e.code ?? e.message}`)
    })
  }
}

function closeQuietly(fd) {
  try {
    closeSync(fd)
  } catch {
    // already closed
  }
}
