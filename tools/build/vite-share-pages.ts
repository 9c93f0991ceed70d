/**
 * Writes the link-preview pages and oEmbed files (tools/pipeline/share-pages.ts) into the build, and
 * serves the same files in development. The public origin for absolute URLs comes from
 * PORTAGE_PUBLIC_ORIGIN at build time (default http://127.0.0.1:4173).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'
import { CatalogDocument } from '../../src/core/content/schema'
import type { Tour } from '../../src/core/content/schema'
import { parseTourText } from '../../src/core/content/validate'
import { imageSize } from '../pipeline/image-size'
import { publicOrigin, sharePages } from '../pipeline/share-pages'

function generate(root: string, base: string): Map<string, string> {
  const catalog = CatalogDocument.parse(JSON.parse(readFileSync(join(root, 'scenes/catalog.json'), 'utf8')))
  const tours: Tour[] = []
  for (const id of catalog.tours) {
    const file = join(root, 'scenes', id, 'tour.json')
    if (!existsSync(file)) continue
    // A broken tour gets no preview pages; content:check and the landing page report it.
    const parsed = parseTourText(readFileSync(file, 'utf8'))
    if (parsed.ok && parsed.tour.id === id) tours.push(parsed.tour)
  }
  const localeDir = join(root, 'src/core/i18n/locales')
  const messages = Object.fromEntries(
    readdirSync(localeDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(localeDir, f), 'utf8'))]),
  )
  return sharePages({
    tours,
    site: { origin: publicOrigin(process.env), base },
    messages,
    posterSize: (path) => {
      const file = join(root, 'assets', path)
      return existsSync(file) ? imageSize(readFileSync(file)) : null
    },
  })
}

export function portageSharePages(root: string): Plugin {
  let base = '/'
  let outDir = join(root, 'dist')
  return {
    name: 'portage-share-pages',
    configResolved(config) {
      base = config.base
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(root, config.build.outDir)
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        let path: string
        try {
          path = decodeURI((req.url ?? '').split('?')[0] ?? '').slice(base.length)
        } catch {
          return next() // a malformed address is not ours to answer
        }
        if (!path.startsWith('tours/') && !path.startsWith('oembed/')) return next()
        const file = generate(root, base).get(path.endsWith('/') ? `${path}index.html` : path)
        if (file === undefined) return next()
        res.setHeader(
          'Content-Type',
          path.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
        )
        res.end(file)
      })
    },
    closeBundle() {
      for (const [path, content] of generate(root, base)) {
        const file = join(outDir, path)
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, content)
      }
    },
  }
}
