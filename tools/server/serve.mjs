// Serves the production build (dist/) for `npm start` and the browser tests.
// HOST and PORT (or --host/--port) override the default http://127.0.0.1:4173; --root serves
// another built folder (the server's own tests). PORT 0 takes any free port (the line printed
// says which).
// PORTAGE_EMBED_ORIGINS (or scenes/embed.json) lists the origins allowed to frame the app.
// PORTAGE_SERVER_LIMITS (JSON, any of SERVER_LIMITS' fields) shortens the timeouts for tests.
import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { embedOrigins } from '../policy/security-policy.mjs'
import { createPortageServer, SERVER_LIMITS } from './server.mjs'
import { kioskChannel } from './kiosk-channel.mjs'
import { attachLive, liveOptionsFromEnv } from './live/relay.mjs'

const args = process.argv.slice(2)
const arg = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1'
const port = Number(arg('port') ?? process.env.PORT ?? 4173)
const project = fileURLToPath(new URL('../..', import.meta.url))
const rootArg = arg('root')
const root = rootArg
  ? resolve(rootArg).replace(/[\\/]*$/, sep)
  : fileURLToPath(new URL('../../dist/', import.meta.url))

if (!existsSync(join(root, 'index.html'))) {
  console.error(
    rootArg
      ? `${root}index.html not found.`
      : 'dist/index.html not found: run `npm run build` first (npm start does it for you).',
  )
  process.exit(1)
}

let embedders
let limits
try {
  embedders = embedOrigins(project)
  limits = serverLimits(process.env.PORTAGE_SERVER_LIMITS)
} catch (e) {
  console.error(`Refusing to start: ${e.message}`)
  process.exit(1)
}

function serverLimits(json) {
  if (!json) return {}
  const given = JSON.parse(json)
  for (const [k, v] of Object.entries(given))
    if (!(k in SERVER_LIMITS) || !Number.isInteger(v) || v <= 0)
      throw new Error(`PORTAGE_SERVER_LIMITS: ${k} is not a limit, or not a positive whole number`)
  return given
}

// Started by the kiosk launcher (tools/kiosk/launcher.ts, with an IPC channel): the kiosk page's
// heartbeat and the operator's "close the kiosk" reach it through /__kiosk/ (kiosk-channel.mjs).
const launcher =
  typeof process.send === 'function'
    ? { port: () => server.address()?.port ?? port, send: (m) => process.send?.(m) }
    : null
const channel = kioskChannel(launcher, process.env.PORTAGE_KIOSK_SECRET)
const server = createPortageServer({
  root,
  embedders,
  limits,
  intercept: (req, res, headers) => channel(req, res, headers),
})

// Live group tours (docs/live.md): the relay on this same origin; REDIS_URL shares sessions.
const live = await attachLive(server, liveOptionsFromEnv(process.env))

// Started by the kiosk launcher: go when it goes (a launcher killed hard leaves no server behind).
if (process.send) process.on('disconnect', () => server.close(() => process.exit(0)))

server.on('error', (e) => {
  if (server.listening) return // one failed accept, logged by the server; it keeps serving
  console.error(`Could not serve on ${host}:${port}: ${e.message}`)
  process.exit(1)
})
server.listen(port, host, () => {
  console.log(`Portage is being served at http://${host}:${server.address().port}/`)
  if (embedders.length) console.log(`Embedding allowed from: ${embedders.join(' ')}`)
})
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => void live.close().finally(() => server.close(() => process.exit(0))))
