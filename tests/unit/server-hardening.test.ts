/**
 * The server behind `npm start` answers every request with the policy headers, including the
 * answers Node used to write itself (a garbage request line, oversized headers, a request too slow
 * to arrive), the CSP reports and the kiosk channel; serves fonts and text with their types; keeps
 * source maps and the static host's `_headers` to itself; and follows a symbolic link only to a
 * file inside the served folder. Requests are written on raw sockets, byte for byte.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { securityHeaders } from '../../tools/policy/security-policy.mjs'
import { createPortageServer } from '../../tools/server/server.mjs'

type Raw = { status: number; headers: Map<string, string>; body: string; text: string }

/** Writes `payload` on a fresh connection and reads until the server closes it (or `until`). */
function raw(port: number, payload: string | ((write: (s: string) => void) => void), wait = 5000) {
  return new Promise<Raw>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    const timer = setTimeout(() => socket.destroy(), wait)
    socket.on('connect', () =>
      typeof payload === 'string' ? socket.write(payload) : payload((s) => socket.write(s)),
    )
    socket.on('data', (d) => {
      text += d.toString('latin1')
      // One complete answer with a length is enough (a kept-alive connection stays open).
      const end = text.indexOf('\r\n\r\n')
      const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, end))
      if (end >= 0 && length && text.length >= end + 4 + Number(length[1])) socket.end()
    })
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      const [head = '', body = ''] = [
        text.slice(0, text.indexOf('\r\n\r\n')),
        text.slice(text.indexOf('\r\n\r\n') + 4),
      ]
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = new Map(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      )
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, text })
    })
  })
}

const POLICY = securityHeaders({ embedders: [] })
function expectPolicy(res: Raw) {
  for (const [name, value] of Object.entries(POLICY))
    expect(res.headers.get(name.toLowerCase()), name).toBe(value)
}

describe('the server answers everything with the policy', () => {
  const base = mkdtempSync(join(tmpdir(), 'portage-hardening-'))
  const dist = join(base, 'dist') + '/'
  mkdirSync(join(dist, 'app'), { recursive: true })
  mkdirSync(join(dist, 'fonts'))
  mkdirSync(join(base, 'elsewhere'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Portage</title>')
  writeFileSync(join(dist, 'fonts/atkinson.woff2'), Buffer.from('wOF2 font bytes'))
  writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\n')
  writeFileSync(join(dist, 'app/index-AbCd1234.js'), 'export {}\n//# sourceMappingURL=index-AbCd1234.js.map')
  writeFileSync(join(dist, 'app/index-AbCd1234.js.map'), '{"version":3}')
  writeFileSync(join(dist, '_headers'), '/*\n  X-Frame-Options: SAMEORIGIN\n')
  writeFileSync(join(base, 'elsewhere/secret.txt'), 'the operator’s notes')
  writeFileSync(join(base, 'elsewhere/index.html'), 'another site')
  // Links a deploy might hold: one to a file inside the folder, others out of it.
  symlinkSync(join(dist, 'robots.txt'), join(dist, 'robots-link.txt'))
  symlinkSync(join(base, 'elsewhere/secret.txt'), join(dist, 'secret.txt'))
  symlinkSync(join(base, 'elsewhere'), join(dist, 'linked-folder'))
  symlinkSync(join(base, 'nowhere.txt'), join(dist, 'dangling.txt'))
  const logged: string[] = []
  const server = createPortageServer({
    root: dist,
    log: (line) => logged.push(line),
    limits: { headersTimeoutMs: 600, requestTimeoutMs: 800, checkIntervalMs: 200 },
  })
  let port = 0
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()))
    rmSync(base, { recursive: true, force: true })
  })
  const get = (path: string) =>
    raw(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)

  it('answers a garbage request line with 400 and the policy (Node alone sent no headers)', async () => {
    for (const line of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', '\x00\x01\x02 / HTTP/1.1\r\n\r\n']) {
      const res = await raw(port, line)
      expect(res.status, JSON.stringify(line)).toBe(400)
      expectPolicy(res)
      expect(res.headers.get('connection')).toBe('close')
    }
  })
  it('answers oversized headers with 431 and the policy', async () => {
    const res = await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`)
    expect(res.status).toBe(431)
    expectPolicy(res)
  })
  it('answers a request whose headers never finish with 408 and the policy, and closes it', async () => {
    const started = Date.now()
    const res = await raw(port, (write) => write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '))
    expect(res.status).toBe(408)
    expectPolicy(res)
    expect(Date.now() - started).toBeLessThan(4000)
  })
  it('sends the policy with a CSP report’s 204 and a 405', async () => {
    const body = JSON.stringify({ 'csp-report': { 'blocked-uri': 'inline' } })
    const report = await raw(
      port,
      `POST /csp-report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/csp-report\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    )
    expect(report.status).toBe(204)
    expectPolicy(report)
    const put = await raw(
      port,
      'PUT / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    )
    expect(put.status).toBe(405)
    expectPolicy(put)
  })
  it('serves .woff2 as font/woff2 and .txt as text/plain', async () => {
    const font = await get('/fonts/atkinson.woff2')
    expect(font.status).toBe(200)
    expect(font.headers.get('content-type')).toBe('font/woff2')
    const text = await get('/robots.txt')
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expectPolicy(text)
  })
  it('keeps source maps and the static host’s _headers file to itself', async () => {
    expect((await get('/app/index-AbCd1234.js')).status).toBe(200)
    for (const path of ['/app/index-AbCd1234.js.map', '/_headers', '/%5Fheaders', '/app/../_headers']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.body).not.toContain('version')
      expect(res.body).not.toContain('X-Frame')
      expectPolicy(res)
    }
  })
  it('follows a symbolic link only to a file inside the served folder', async () => {
    const inside = await get('/robots-link.txt')
    expect(inside.status).toBe(200)
    expect(inside.body).toBe('User-agent: *\n')
    for (const path of [
      '/secret.txt',
      '/linked-folder/',
      '/linked-folder/secret.txt',
      '/linked-folder/index.html',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.body).not.toContain('operator')
      expect(res.body).not.toContain('another site')
    }
    expect((await get('/dangling.txt')).status).toBe(404)
  })
  it('answers a file that disappears (a deploy under way) with 404, and keeps serving', async () => {
    writeFileSync(join(dist, 'gone.js'), 'x')
    rmSync(join(dist, 'gone.js'))
    expect((await get('/gone.js')).status).toBe(404)
    expect((await get('/')).status).toBe(200)
    expect(logged.filter((line) => line.startsWith('server:'))).toEqual([])
  })
})
