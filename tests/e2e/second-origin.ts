/**
 * A second origin for the embed tests: a tiny static server for `docs/` (the documented example
 * page) on another port, so the tour runs in a cross-origin iframe as it does in a real lesson page.
 */
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { PORTS } from './ports'

export const HOST_PORT = PORTS.embedHost
export const HOST_ORIGIN = `http://127.0.0.1:${HOST_PORT}`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
}

export async function startHost(dir = 'docs'): Promise<{ close: () => Promise<void> }> {
  const root = normalize(join(process.cwd(), dir))
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', HOST_ORIGIN).pathname)
    const file = normalize(join(root, path))
    if (!file.startsWith(root + sep)) return void res.writeHead(400).end()
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end('Not found')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(HOST_PORT, '127.0.0.1', resolve)
  })
  return { close: () => new Promise((resolve) => server.close(() => resolve())) }
}
