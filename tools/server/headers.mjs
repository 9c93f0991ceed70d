// `npm run headers -- --format nginx|apache|_headers`: prints the security headers of the current
// build (dist/index.html's import-map hash, the embedders of PORTAGE_EMBED_ORIGINS or
// scenes/embed.json) for a static host's configuration. See docs/deploy.md.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { embedOrigins, headersConfig, inlineScriptHashes } from '../policy/security-policy.mjs'

const args = process.argv.slice(2)
const format = args[args.indexOf('--format') + 1] ?? '_headers'
const project = fileURLToPath(new URL('../..', import.meta.url))
const page = fileURLToPath(new URL('../../dist/index.html', import.meta.url))
if (!existsSync(page)) {
  console.error('dist/index.html not found: run `npm run build` first.')
  process.exit(1)
}
try {
  const html = readFileSync(page, 'utf8')
  process.stdout.write(
    headersConfig(format, { embedders: embedOrigins(project), scriptHashes: inlineScriptHashes(html) }),
  )
} catch (e) {
  console.error(e.message)
  process.exit(1)
}
