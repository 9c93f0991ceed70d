// Sends a static file with byte-range support, for the development server (the production
// server, tools/server/server.mjs, adds its security headers around the same range handling).
// Media elements need ranges to seek: without them Chromium treats an MP3 as unseekable.
import { createReadStream, statSync } from 'node:fs'
import { byteRange } from './server.mjs'

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file
 * @param {Record<string, string>} headers
 */
export function sendFile(req, res, file, headers) {
  const { size, mtime } = statSync(file)
  const base = { ...headers, 'Accept-Ranges': 'bytes', 'Last-Modified': mtime.toUTCString() }
  const range = byteRange(req.headers.range, size)
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end()
    return
  }
  const [start, end] = range ?? [0, size - 1]
  res.writeHead(range ? 206 : 200, {
    ...base,
    'Content-Length': Math.max(0, end - start + 1),
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  })
  if (req.method === 'HEAD' || size === 0) res.end()
  else createReadStream(file, { start, end }).pipe(res)
}
