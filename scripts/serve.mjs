// Serves the production build (dist/) for `npm start` and the browser tests.
// HOST and PORT (or --host/--port) override the default http://127.0.0.1:4173.
// PORTAGE_EMBED_ORIGINS (or scenes/embed.json) lists the origins allowed to frame the app.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { embedOrigins } from './security-policy.mjs'
import { createPortageServer } from './server.mjs'

const args = process.argv.slice(2)
const arg = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1'
const port = Number(arg('port') ?? process.env.PORT ?? 4173)
const project = fileURLToPath(new URL('..', import.meta.url))
const root = fileURLToPath(new URL('../dist/', import.meta.url))

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

const server = createPortageServer({ root, embedders })
server.listen(port, host, () => {
  console.log(`Portage is being served at http://${host}:${port}/`)
  if (embedders.length) console.log(`Embedding allowed from: ${embedders.join(' ')}`)
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)))
