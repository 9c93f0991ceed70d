/**
 * The server behind `npm start` (tools/server/server.mjs) as a cache and a client see it: precompressed
 * siblings by Accept-Encoding, one ETag per encoding, 304 on revalidation, ranges from the file
 * itself, and never a sibling that does not match its file.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decode } from '../../tools/policy/delivery-policy.mjs'
import { precompress } from '../../tools/build/precompress'
import { createPortageServer, etagMatches, notModified } from '../../tools/server/server.mjs'

const SCRIPT = 'export const stops = ["centre-block", "library", "peace-tower"]\n'.repeat(300)
const PAGE = `<!doctype html><head><script type="importmap">{"integrity":{}}</script></head><body>${'<p>Portage</p>'.repeat(200)}</body>`

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer }
/** A request with exactly the headers given (fetch() would add Accept-Encoding and decode). */
const send = (port: number, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end()
  })

describe('serving precompressed files', () => {
  const dist = mkdtempSync(join(tmpdir(), 'portage-serving-')) + '/'
  mkdirSync(join(dist, 'app'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), PAGE)
  writeFileSync(join(dist, 'app/index-AbCd1234.js'), SCRIPT)
  writeFileSync(join(dist, 'app/plain-AbCd1234.js'), SCRIPT)
  writeFileSync(join(dist, 'assets/narration.mp3'), Buffer.alloc(1000, 7))
  // A USDZ's entries are stored text (very compressible), yet it must reach Quick Look as it is.
  const USDZ = Buffer.from(`PK\x03\x04${'#usda 1.0\n'.repeat(500)}`)
  mkdirSync(join(dist, 'assets/ar'))
  writeFileSync(join(dist, 'assets/ar/stop.usdz'), USDZ)
  writeFileSync(join(dist, 'assets/edited.json'), JSON.stringify({ text: SCRIPT }))
  const warnings: string[] = []
  const server = createPortageServer({ root: dist, log: (line) => warnings.push(line) })
  let port = 0
  const get = (path: string, headers: Record<string, string> = {}) => send(port, path, headers)
  const JS = '/app/index-AbCd1234.js'

  beforeAll(async () => {
    await precompress(dist)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('sends brotli to a browser, with the file’s type, policy and caching', async () => {
    const res = await get(JS, { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['vary']).toBe('Accept-Encoding')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-security-policy']).toContain("object-src 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10)
    expect(res.headers['portage-decoded-length']).toBe(String(SCRIPT.length))
    expect(decode(res.body, 'br').toString()).toBe(SCRIPT)
  })
  it('sends gzip to a client that only takes gzip, and the file itself otherwise', async () => {
    const gz = await get(JS, { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(decode(gz.body, 'gzip').toString()).toBe(SCRIPT)
    for (const headers of [
      {} as Record<string, string>,
      { 'Accept-Encoding': 'identity' },
      { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
    ]) {
      const res = await get(JS, headers)
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.headers['vary']).toBe('Accept-Encoding')
      expect(res.headers['accept-ranges']).toBe('bytes')
      expect(res.body.toString()).toBe(SCRIPT)
    }
  })
  it('gives each encoding its own ETag, and revalidates each with a 304', async () => {
    const tags = new Set<string>()
    for (const ae of ['br', 'gzip', 'identity']) {
      const res = await get(JS, { 'Accept-Encoding': ae })
      const etag = res.headers.etag!
      tags.add(etag)
      const again = await get(JS, { 'Accept-Encoding': ae, 'If-None-Match': etag })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      expect(again.headers.etag).toBe(etag)
      expect(again.headers['vary']).toBe('Accept-Encoding')
    }
    expect(tags.size).toBe(3)
    // A gzip copy's tag does not validate the brotli copy.
    const gzTag = (await get(JS, { 'Accept-Encoding': 'gzip' })).headers.etag!
    expect((await get(JS, { 'Accept-Encoding': 'br', 'If-None-Match': gzTag })).status).toBe(200)
  })
  it('revalidates index.html (no-cache, ETag, Last-Modified → 304 with its policy)', async () => {
    const page = await get('/', { 'Accept-Encoding': 'br' })
    expect(page.status).toBe(200)
    expect(page.headers['content-encoding']).toBe('br')
    expect(page.headers['cache-control']).toBe('no-cache')
    expect(decode(page.body, 'br').toString()).toBe(PAGE)
    const csp = page.headers['content-security-policy']
    expect(csp).toContain("'sha256-")
    const revalidated = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': page.headers.etag! })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers['content-security-policy']).toBe(csp)
    const byDate = await get('/index.html', { 'If-Modified-Since': page.headers['last-modified']! })
    expect(byDate.status).toBe(304)
    expect((await get('/index.html', { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(
      200,
    )
  })
  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await send(port, JS, { 'Accept-Encoding': 'br' }, 'HEAD')
    const get_ = await get(JS, { 'Accept-Encoding': 'br' })
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    for (const h of ['content-encoding', 'content-length', 'etag', 'vary', 'content-type'])
      expect(head.headers[h]).toBe(get_.headers[h])
  })
  it('sends an AR Quick Look file with its registered type, never compressed again', async () => {
    const res = await get('/assets/ar/stop.usdz', { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('model/vnd.usdz+zip')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body.equals(USDZ)).toBe(true)
  })

  it('serves byte ranges from the file itself, never from a compressed copy', async () => {
    const js = await get(JS, { 'Accept-Encoding': 'br', Range: 'bytes=7-11' })
    expect(js.status).toBe(206)
    expect(js.headers['content-encoding']).toBeUndefined()
    expect(js.body.toString()).toBe('const')
    expect(js.headers['content-range']).toBe(`bytes 7-11/${SCRIPT.length}`)
    const mp3 = await get('/assets/narration.mp3', { 'Accept-Encoding': 'br', Range: 'bytes=0-99' })
    expect(mp3.status).toBe(206)
    expect(mp3.body.length).toBe(100)
    expect(mp3.headers['vary']).toBeUndefined()
    expect(mp3.headers['cache-control']).toBe('no-cache')
    expect((await get('/assets/narration.mp3', { Range: 'bytes=5000-' })).status).toBe(416)
  })
  it('ignores a range whose If-Range names another version, and sends the whole file', async () => {
    const identityTag = (await get(JS)).headers.etag!
    const kept = await get(JS, { Range: 'bytes=0-5', 'If-Range': identityTag })
    expect(kept.status).toBe(206)
    const changed = await get(JS, { 'Accept-Encoding': 'br', Range: 'bytes=0-5', 'If-Range': '"older"' })
    expect(changed.status).toBe(200)
    expect(changed.headers['content-encoding']).toBe('br')
  })
  it('falls back to the file when a sibling is missing, and never sends a stale one', async () => {
    // Missing: the file itself, still varying by encoding.
    writeFileSync(join(dist, 'app/new-AbCd1234.js'), SCRIPT)
    const missing = await get('/app/new-AbCd1234.js', { 'Accept-Encoding': 'br, gzip' })
    expect(missing.headers['content-encoding']).toBeUndefined()
    expect(missing.headers['vary']).toBe('Accept-Encoding')
    expect(missing.body.toString()).toBe(SCRIPT)
    // Stale: the file edited after the build, its siblings left behind — even with a newer mtime.
    const before = await get('/assets/edited.json', { 'Accept-Encoding': 'br' })
    expect(before.headers['content-encoding']).toBe('br')
    const edited = JSON.stringify({ text: 'edited after the build', more: SCRIPT })
    writeFileSync(join(dist, 'assets/edited.json'), edited)
    const future = new Date(Date.now() + 60_000)
    utimesSync(join(dist, 'assets/edited.json.br'), future, future)
    const after = await get('/assets/edited.json', { 'Accept-Encoding': 'br, gzip' })
    expect(after.headers['content-encoding']).toBeUndefined()
    expect(after.body.toString()).toBe(edited)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(warnings.some((w) => w.includes('edited.json.br'))).toBe(true)
    // A corrupt sibling: the same.
    writeFileSync(join(dist, 'app/plain-AbCd1234.js.gz'), 'not gzip')
    const corrupt = await get('/app/plain-AbCd1234.js', { 'Accept-Encoding': 'gzip' })
    expect(corrupt.headers['content-encoding']).toBeUndefined()
    expect(corrupt.body.toString()).toBe(SCRIPT)
  })
})

describe('conditional requests', () => {
  it('compares ETags weakly for If-None-Match, with lists and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches('"b", "a-br"', '"a-br"')).toBe(true)
    expect(etagMatches('*', '"a"')).toBe(true)
    expect(etagMatches('"a"', '"a-br"')).toBe(false)
    expect(etagMatches(undefined, '"a"')).toBe(false)
  })
  it('lets If-None-Match decide over If-Modified-Since', () => {
    const mtime = new Date('2026-01-01T00:00:00.500Z')
    const date = 'Thu, 01 Jan 2026 00:00:00 GMT'
    expect(notModified({ 'if-modified-since': date }, '"a"', mtime)).toBe(true)
    expect(notModified({ 'if-none-match': '"b"', 'if-modified-since': date }, '"a"', mtime)).toBe(false)
    expect(notModified({ 'if-modified-since': 'Wed, 31 Dec 2025 23:59:59 GMT' }, '"a"', mtime)).toBe(false)
    expect(notModified({ 'if-modified-since': 'garbage' }, '"a"', mtime)).toBe(false)
  })
})
