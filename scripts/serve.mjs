// Serves the production build (dist/) for `npm start` and the browser tests.
// HOST and PORT (or --host/--port) override the default http://127.0.0.1:4173.
// Hashed files under /app/ are immutable; everything else revalidates.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const arg = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1'
const port = Number(arg('port') ?? process.env.PORT ?? 4173)
const root = fileURLToPath(new URL('../dist/', import.meta.url))

const TYPES = {
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

if (!existsSync(join(root, 'index.html'))) {
  console.error('dist/index.html not found: run `npm run build` first (npm start does it for you).')
  process.exit(1)
}

function resolveFile(urlPath) {
  let decoded
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const file = normalize(join(root, decoded))
  if (file !== root.slice(0, -1) && !file.startsWith(root)) return null
  return file
}

// ── Kiosk launcher channel ───────────────────────────────────────────────────────────────
// When scripts/kiosk/launcher.ts starts this server (with an IPC channel), the kiosk page's
// heartbeat and the operator's "close the kiosk" reach the launcher through /__kiosk/. Only from
// this machine; without a launcher, /__kiosk/status just says so.
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
function kioskChannel(req, res, path) {
  const launcher = typeof process.send === 'function'
  const reply = (status, body) =>
    res
      .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(body === undefined ? undefined : JSON.stringify(body))
  if (path === '/__kiosk/status' && req.method === 'GET') return reply(200, { launcher })
  const message = { '/__kiosk/heartbeat': 'heartbeat', '/__kiosk/quit': 'quit' }[path]
  if (!launcher || !message || !LOOPBACK.has(req.socket.remoteAddress ?? '')) return reply(404, { launcher })
  if (req.method !== 'POST') return reply(405, {})
  let body = ''
  req.setEncoding('utf8')
  req.on('data', (chunk) => (body = (body + chunk).slice(0, 100)))
  req.on('end', () => {
    process.send({ type: message, body })
    reply(204)
  })
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  if (url.pathname.startsWith('/__kiosk/')) return kioskChannel(req, res, url.pathname)
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  let file = resolveFile(url.pathname)
  if (file === null) {
    res.writeHead(400).end('Bad request')
    return
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  const stat = statSync(file)
  const immutable = file.startsWith(join(root, 'app') + sep)
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Last-Modified': stat.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
})

// Started by the kiosk launcher: go when it goes (a launcher killed hard leaves no server behind).
if (process.send) process.on('disconnect', () => server.close(() => process.exit(0)))

server.listen(port, host, () => {
  console.log(`Portage is being served at http://${host}:${port}/`)
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)))
