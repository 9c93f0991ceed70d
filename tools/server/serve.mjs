// Serves the production build (dist/) for `npm start` and the browser tests.
// HOST and PORT (or --host/--port) override the default http://127.0.0.1:4173.
// PORTAGE_EMBED_ORIGINS (or scenes/embed.json) lists the origins allowed to frame the app.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { embedOrigins } from '../policy/security-policy.mjs'
import { createServer } from 'node:http'
import { portageHandler } from './server.mjs'
import { attachLive, liveOptionsFromEnv } from './live/relay.mjs'

const args = process.argv.slice(2)
const arg = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1'
const port = Number(arg('port') ?? process.env.PORT ?? 4173)
const project = fileURLToPath(new URL('../..', import.meta.url))
const root = fileURLToPath(new URL('../../dist/', import.meta.url))

if (!existsSync(join(root, 'index.html'))) {
  console.error('dist/index.html not found: run `npm run build` first (npm start does it for you).')
  process.exit(1)
}

let embedders
try {
  embedders = embedOrigins(project)
} catch (e) {
  console.error(`Refusing to start: ${e.message}`)
  process.exit(1)
}

// ── Kiosk launcher channel ───────────────────────────────────────────────────────────────
// When tools/kiosk/launcher.ts starts this server (with an IPC channel), the kiosk page's
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

const handler = portageHandler({ root, embedders })
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0] ?? ''
  if (path.startsWith('/__kiosk/')) return kioskChannel(req, res, path)
  return handler(req, res)
})

// Live group tours (docs/live.md): the relay on this same origin; REDIS_URL shares sessions.
const live = await attachLive(server, liveOptionsFromEnv(process.env))

// Started by the kiosk launcher: go when it goes (a launcher killed hard leaves no server behind).
if (process.send) process.on('disconnect', () => server.close(() => process.exit(0)))

server.listen(port, host, () => {
  console.log(`Portage is being served at http://${host}:${port}/`)
  if (embedders.length) console.log(`Embedding allowed from: ${embedders.join(' ')}`)
})
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => void live.close().finally(() => server.close(() => process.exit(0))))
