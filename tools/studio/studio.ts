/**
 * Portage Studio's server: one Node HTTP server on the loopback address that
 * - answers the studio's JSON API under `/api/` (tours, the live check, imports, narration, posters);
 * - serves `/scenes/**` and `/assets/**` from the working tree being edited (`root`), so the studio
 *   and its Preview show what is on disk now;
 * - runs Vite in middleware mode for everything else: the studio app at `/studio/` and the visitor's
 *   app at `/` (for Preview), in development mode. None of it is in the production build, and
 *   `npm start` never serves it.
 * See guard.ts for who may talk to it and where it may write.
 */
import { existsSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ViteDevServer } from 'vite'
import { MIME } from '../build/vite-content'
// @ts-expect-error -- plain JS module shared with the production server (typed by JSDoc)
import { sendFile } from '../server/send-file.mjs'
import { handleApi } from './api'
import { allowedHosts, CONTENT_DIRS, guardRequest, readablePath } from './guard'
import { HttpError, sendError } from './http'
import { Jobs } from './jobs'

/** The repository this file is in: the studio app and the visitor's app are served from it. */
export const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)))

export const STUDIO_DEFAULTS = { host: '127.0.0.1', port: 4174 } as const

export interface StudioOptions {
  /** The working tree edited: its scenes/ and assets/. @default the repository */
  root?: string
  /** @default 127.0.0.1 */
  host?: string
  /** @default 4174; 0 picks a free port */
  port?: number
  /** Serve the apps through Vite (false: the API and content only, as the unit tests use). @default true */
  vite?: boolean
}

export interface Studio {
  server: Server
  /** e.g. http://127.0.0.1:4174 */
  url: string
  root: string
  close(): Promise<void>
}

export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const root = resolve(options.root ?? REPO)
  for (const dir of CONTENT_DIRS)
    if (!existsSync(join(root, dir)))
      throw new Error(`${root} has no ${dir}/ folder: give --root the folder that holds scenes/ and assets/`)
  const host = options.host ?? STUDIO_DEFAULTS.host
  const jobs = new Jobs()
  let vite: ViteDevServer | undefined
  // No Host is accepted until the port is known (then the studio's own names are).
  let hosts: Set<string> | null = new Set()

  const server = createHttpServer((req, res) => {
    void (async () => {
      guardRequest(req, { hosts })
      // The path as sent: URL parsing would resolve "..", encoded or not, before any check saw it.
      const raw = req.url ?? '/'
      let searchParams: URLSearchParams
      try {
        searchParams = new URL(raw, 'http://studio.invalid').searchParams
      } catch {
        throw new HttpError(400, 'bad-path', 'The address is not valid.')
      }
      const url = { pathname: raw.split('?')[0] ?? '/', searchParams }
      if (url.pathname.startsWith('/api/')) {
        await handleApi({ req, res, root, jobs, query: url.searchParams, path: url.pathname.slice(5) })
        return
      }
      const dir = CONTENT_DIRS.find((d) => url.pathname.startsWith(`/${d}/`))
      if (dir) {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          throw new HttpError(405, 'method-not-allowed', 'Content is read here; the API writes it.')
        const file = readablePath(root, url.pathname.slice(1))
        if (!file) throw new HttpError(404, 'not-found', `${url.pathname} does not exist.`)
        sendFile(req, res, file, {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          // Edited while the studio runs: always asked again.
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        })
        return
      }
      if (!vite) throw new HttpError(404, 'not-found', `${url.pathname} is not served here.`)
      vite.middlewares(req, res, () =>
        sendError(res, new HttpError(404, 'not-found', `${url.pathname} is not here.`)),
      )
    })().catch((e: unknown) => sendError(res, e))
  })

  // Vite is ready before the first request: nothing is answered 404 while it starts.
  if (options.vite ?? true) {
    const { createServer } = await import('vite')
    vite = await createServer({
      root: REPO,
      configFile: join(REPO, 'vite.config.ts'),
      appType: 'mpa',
      // The HMR socket shares this server (and its port); the Host check above runs for it too.
      server: { middlewareMode: true, ws: { server }, host },
      logLevel: 'warn',
    })
  }
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail)
      server.listen(options.port ?? STUDIO_DEFAULTS.port, host, () => {
        server.off('error', fail)
        ok()
      })
    })
  } catch (e) {
    await vite?.close()
    throw e
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? STUDIO_DEFAULTS.port)
  hosts = allowedHosts(host, port)
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host

  // Host checks for upgrades (Vite's HMR socket) as for requests.
  server.prependListener('upgrade', (req, socket) => {
    try {
      guardRequest(Object.assign(req, { method: 'GET' }), { hosts })
    } catch {
      socket.destroy()
    }
  })

  return {
    server,
    root,
    url: `http://${shownHost}:${port}`,
    async close() {
      await vite?.close()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
    },
  }
}
