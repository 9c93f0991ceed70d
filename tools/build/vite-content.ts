/**
 * Serves the content folders `scenes/` (tour documents) and `assets/` (models, audio, captions,
 * posters) at `/scenes/` and `/assets/` in development, and copies them into `dist/` on build, so
 * content stays data next to the code and is never bundled into JavaScript.
 */
import { cpSync, existsSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { Plugin } from 'vite'
// @ts-expect-error -- plain JS module shared with the production server (typed by JSDoc)
import { sendFile } from '../server/send-file.mjs'

export const CONTENT_DIRS = ['scenes', 'assets'] as const

export const MIME: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.glb': 'model/gltf-binary',
  '.usdz': 'model/vnd.usdz+zip',
  '.mp3': 'audio/mpeg',
  '.vtt': 'text/vtt; charset=utf-8',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ktx2': 'image/ktx2',
}

/** Resolve a URL path inside `dir`, or null if it would escape it. */
export function safeJoin(dir: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const full = normalize(join(dir, decoded))
  return full === dir || full.startsWith(dir + sep) ? full : null
}

export function portageContent(root: string): Plugin {
  let outDir = join(root, 'dist')
  return {
    name: 'portage-content',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(root, config.build.outDir)
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? ''
        const dirName = CONTENT_DIRS.find((d) => url.startsWith(`/${d}/`))
        if (!dirName) return next()
        const file = safeJoin(join(root, dirName), url.slice(dirName.length + 2))
        if (!file || !existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404
          res.end('Not found')
          return
        }
        sendFile(req, res, file, {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-cache',
        })
      })
    },
    closeBundle() {
      for (const d of CONTENT_DIRS) {
        cpSync(join(root, d), join(outDir, d), {
          recursive: true,
          // Source files of the pipeline (model layouts, manifests) stay out of the build.
          filter: (src) => !src.endsWith('.layout.json') && !src.endsWith('manifest.json'),
        })
      }
    },
  }
}
