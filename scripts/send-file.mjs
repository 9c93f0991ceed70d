// Sends a static file with byte-range support (206 Partial Content). Media elements need ranges
// to seek: without them Chromium treats an MP3 as unseekable, so replaying from a point or
// resuming in the other language at the same sentence would silently start over.
import { createReadStream, statSync } from 'node:fs'

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file
 * @param {Record<string, string>} headers
 */
export function sendFile(req, res, file, headers) {
  const { size, mtime } = statSync(file)
  const base = { ...headers, 'Accept-Ranges': 'bytes', 'Last-Modified': mtime.toUTCString() }
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '')
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : size - Number(range[2])
    let end = range[1] && range[2] ? Number(range[2]) : size - 1
    start = Math.max(0, start)
    end = Math.min(end, size - 1)
    if (start > end || start >= size) {
      res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end()
      return
    }
    res.writeHead(206, {
      ...base,
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': end - start + 1,
    })
    if (req.method === 'HEAD') res.end()
    else createReadStream(file, { start, end }).pipe(res)
    return
  }
  res.writeHead(200, { ...base, 'Content-Length': size })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}
