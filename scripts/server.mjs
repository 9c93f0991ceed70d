// The production static server behind `npm start` and the browser tests (CLI: scripts/serve.mjs).
// Every response carries the security headers of scripts/security-policy.mjs; hashed files under
// /app/ are immutable, everything else revalidates; nothing outside the served folder is reachable.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { CSP_REPORT_PATH, inlineScriptHashes, securityHeaders } from './security-policy.mjs'

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

/** The request handler of createPortageServer, for tests that put a fault in front of it. */
export function portageHandler({ root, embedders = [] }) {
  const plain = securityHeaders({ embedders })
  const fail = (res, status, text, extra = {}) =>
    res.writeHead(status, { ...plain, 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(text)

  const reports = cspReportLog()
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
    const immutable = file.startsWith(join(root, 'app') + sep)
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    const common = {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Last-Modified': stat.mtime.toUTCString(),
    }
    if (extname(file) === '.html') {
      // A page's own inline scripts (the build's import map) are allowed by hash, read from the
      // page being sent so a rebuild never leaves a stale hash in the policy.
      const html = readFileSync(file)
      const headers = securityHeaders({ embedders, scriptHashes: inlineScriptHashes(html.toString('utf8')) })
      res.writeHead(200, { ...headers, ...common, 'Content-Length': html.length })
      return res.end(req.method === 'HEAD' ? undefined : html)
    }
    // Byte ranges: the narration <audio> seeks (and resumes after a language switch) with them.
    const range = byteRange(req.headers.range, stat.size)
    if (range === 'unsatisfiable')
      return fail(res, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${stat.size}` })
    const [start, end] = range ?? [0, stat.size - 1]
    res.writeHead(range ? 206 : 200, {
      ...plain,
      ...common,
      'Accept-Ranges': 'bytes',
      'Content-Length': Math.max(0, end - start + 1),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stat.size}` } : {}),
    })
    if (req.method === 'HEAD' || stat.size === 0) res.end()
    else createReadStream(file, { start, end }).pipe(res)
  }
}
