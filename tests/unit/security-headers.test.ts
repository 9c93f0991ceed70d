/**
 * The security headers: the policy says what docs/security.md says, a configured embedder can
 * never inject a directive, and the server sends the headers on every response while keeping
 * requests inside dist/.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  embedOrigins,
  headersConfig,
  headersFile,
  inlineScriptHashes,
  parseOrigins,
  permissionsPolicy,
  securityHeaders,
} from '../../tools/policy/security-policy.mjs'
import { byteRange, createPortageServer, cspReportLog, REPORT_LIMITS } from '../../tools/server/server.mjs'

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([n, ...v]) => [n, v]),
  )

describe('Content-Security-Policy', () => {
  const csp = directives(contentSecurityPolicy({ embedders: ['https://school.example'] }))
  it('allows nothing inline and nothing evaluated, only WebAssembly compilation', () => {
    const all = [...csp.values()].flat()
    expect(all).not.toContain("'unsafe-inline'")
    expect(all).not.toContain("'unsafe-eval'")
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
  })
  it('closes plugins, <base> and forms; frames only by self and the embedders', () => {
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://school.example'])
  })
  it('allows what the modes need from this origin only', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:'])
    expect(csp.get('media-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'", 'blob:'])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  })
  it('allows a page’s inline scripts by their sha256 hash only', () => {
    const html =
      '<head><script type="importmap">{"integrity":{}}</script><script src="/a.js"></script></head>'
    const hashes = inlineScriptHashes(html)
    const expected = createHash('sha256').update('{"integrity":{}}').digest('base64')
    expect(hashes).toEqual([`'sha256-${expected}'`])
    expect(directives(contentSecurityPolicy({ scriptHashes: hashes })).get('script-src')).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
      ...hashes,
    ])
  })
})

describe('embedder origins', () => {
  it('accepts exact https origins (and http on localhost), normalised', () => {
    const ok = [
      'https://school.example',
      'https://a.example:8443/',
      'http://localhost:4294',
      'http://a.localhost:1',
    ]
    expect(parseOrigins(ok)).toEqual({
      origins: [
        'https://school.example',
        'https://a.example:8443',
        'http://localhost:4294',
        'http://a.localhost:1',
      ],
      errors: [],
    })
  })
  it.each([
    '*',
    'https://*.example.org',
    "'unsafe-inline'",
    'https://school.example; script-src *',
    'https://school.example/lessons',
    'http://school.example',
    'http://localhost.evil.example',
    'javascript:alert(1)',
    'data:',
    'school.example',
    'https://school.example https://evil.example',
  ])('refuses %s, so no directive or wildcard can be injected', (value) => {
    expect(parseOrigins([value]).errors).toHaveLength(1)
  })
  it('reads PORTAGE_EMBED_ORIGINS and refuses to run with a bad one', () => {
    const root = mkdtempSync(join(tmpdir(), 'portage-origins-'))
    expect(embedOrigins(root, {})).toEqual([])
    expect(embedOrigins(root, { PORTAGE_EMBED_ORIGINS: 'https://a.example, https://b.example' })).toEqual([
      'https://a.example',
      'https://b.example',
    ])
    expect(() =>
      embedOrigins(root, { PORTAGE_EMBED_ORIGINS: 'https://a.example;frame-ancestors *' }),
    ).toThrow()
  })
  it('reads the origins of scenes/embed.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'portage-origins-'))
    mkdirSync(join(root, 'scenes'))
    writeFileSync(
      join(root, 'scenes/embed.json'),
      JSON.stringify({ version: 'portage.embed/1', origins: [], allowedOrigins: ['https://school.example'] }),
    )
    expect(embedOrigins(root, {})).toEqual(['https://school.example'])
    writeFileSync(
      join(root, 'scenes/embed.json'),
      JSON.stringify({ version: 'portage.embed/1', origins: [], allowedOrigins: 'https://school.example' }),
    )
    expect(() => embedOrigins(root, {})).toThrow(/origins/)
  })
})

describe('Permissions-Policy and the other headers', () => {
  it('grants the headset to this origin and turns off camera, microphone and location', () => {
    const policy = permissionsPolicy()
    expect(policy).toContain('xr-spatial-tracking=(self)')
    for (const f of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
      expect(policy).toContain(`${f}=()`)
  })
  it('sends nosniff, no referrer, and X-Frame-Options only when nobody may embed', () => {
    const alone = securityHeaders()
    expect(alone['X-Content-Type-Options']).toBe('nosniff')
    expect(alone['Referrer-Policy']).toBe('no-referrer')
    expect(alone['X-Frame-Options']).toBe('SAMEORIGIN')
    expect(securityHeaders({ embedders: ['https://school.example'] })['X-Frame-Options']).toBeUndefined()
  })
  it('writes the same headers for nginx and Apache, quoted', () => {
    const csp = contentSecurityPolicy({ scriptHashes: ["'sha256-abc='"] })
    expect(headersConfig('nginx', { scriptHashes: ["'sha256-abc='"] })).toContain(
      `add_header Content-Security-Policy "${csp}" always;`,
    )
    expect(headersConfig('apache')).toContain('Header always set X-Content-Type-Options "nosniff"')
  })
  it('writes the same headers for static hosts', () => {
    const file = headersFile({ embedders: ['https://school.example'] })
    expect(file).toContain('/*\n')
    // Hashed files for a year; nothing under /* (these hosts join every matching rule's values).
    expect(file).toContain('/app/*\n  Cache-Control: public, max-age=31536000, immutable\n')
    expect(file.split('/app/*')[0]).not.toMatch(/^\s+Cache-Control:/m)
    expect(file).toContain(
      `  Content-Security-Policy: ${contentSecurityPolicy({ embedders: ['https://school.example'] })}`,
    )
  })
})

describe('byte ranges', () => {
  it.each([
    [undefined, 100, null],
    ['bytes=0-9', 100, [0, 9]],
    ['bytes=90-', 100, [90, 99]],
    ['bytes=-10', 100, [90, 99]],
    ['bytes=50-500', 100, [50, 99]],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=9-3', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
  ] as const)('%s of %i bytes → %j', (header, size, expected) => {
    expect(byteRange(header, size)).toEqual(expected)
  })
})

/** A raw GET: fetch() would normalise the `..` and the encodings this test is about. */
const rawGet = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })

describe('the production server', () => {
  // dist/ inside a folder that holds a secret next to it: nothing may reach the secret.
  const outer = mkdtempSync(join(tmpdir(), 'portage-serve-'))
  writeFileSync(join(outer, 'secret.txt'), 'SECRET')
  const dist = join(outer, 'dist') + '/'
  mkdirSync(dist)
  mkdirSync(join(dist, 'app'))
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><head><script type="importmap">{"integrity":{}}</script></head>',
  )
  writeFileSync(join(dist, 'app/a.js'), 'console.log(1)')
  let base = ''
  const server = createPortageServer({ root: dist, embedders: ['https://school.example'] })
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('sends the policy with the page’s own import-map hash', async () => {
    const res = await fetch(`${base}/`)
    expect(res.status).toBe(200)
    const csp = directives(res.headers.get('content-security-policy')!)
    expect(csp.get('script-src')).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
      ...inlineScriptHashes(await res.text()),
    ])
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://school.example'])
    expect(res.headers.get('permissions-policy')).toContain('xr-spatial-tracking=(self)')
  })
  it('sends the headers on files and on errors too', async () => {
    for (const [path, status] of [
      ['/app/a.js', 200],
      ['/nothing-here', 404],
    ] as const) {
      const res = await fetch(base + path)
      expect(res.status).toBe(status)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toContain("object-src 'none'")
    }
    expect((await fetch(`${base}/app/a.js`)).headers.get('cache-control')).toContain('immutable')
  })
  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(405)
  })
  it('serves byte ranges', async () => {
    const res = await fetch(`${base}/app/a.js`, { headers: { Range: 'bytes=0-6' } })
    expect(res.status).toBe(206)
    expect(await res.text()).toBe('console')
    expect(res.headers.get('content-range')).toBe('bytes 0-6/14')
  })

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/app/..%2f..%2fsecret.txt',
    '/app/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/app/..\\..\\secret.txt',
    '/%00/../secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%E0%A4%A',
    '//secret.txt',
  ])('never serves a file outside dist/ for %s', async (path) => {
    const port = (server.address() as AddressInfo).port
    const res = await rawGet(port, path)
    expect(res.body).not.toContain('SECRET')
    expect([400, 404]).toContain(res.status)
  })
})

describe('CSP reports', () => {
  const post = (handler: ReturnType<typeof cspReportLog>, body: string) =>
    new Promise<number>((resolve) => {
      const server = createServer(handler).listen(0, '127.0.0.1', async () => {
        const { port } = server.address() as AddressInfo
        const res = await fetch(`http://127.0.0.1:${port}/csp-report`, { method: 'POST', body })
        server.close()
        resolve(res.status)
      })
    })
  const report = (fields: Record<string, string>) => JSON.stringify({ 'csp-report': fields })

  it('logs one clean line per report: directive, what was blocked, where', async () => {
    const lines: string[] = []
    const status = await post(
      cspReportLog((l) => lines.push(l)),
      report({
        'effective-directive': 'connect-src',
        'blocked-uri': 'https://evil.example/x\n[fake] log line',
        'document-uri': 'http://127.0.0.1/sw.js',
      }),
    )
    expect(status).toBe(204)
    expect(lines).toEqual([
      'csp-report: connect-src blocked https://evil.example/x [fake] log line in http://127.0.0.1/sw.js',
    ])
  })

  it('ignores oversized or malformed reports, and limits how many are logged a minute', async () => {
    const lines: string[] = []
    const handler = cspReportLog(
      (l) => lines.push(l),
      () => 1000,
    )
    expect(await post(handler, 'not json')).toBe(204)
    expect(await post(handler, report({ 'blocked-uri': 'x'.repeat(REPORT_LIMITS.maxBytes) }))).toBe(204)
    expect(lines).toEqual([])
    for (let i = 0; i < REPORT_LIMITS.perMinute + 5; i++)
      await post(handler, report({ 'effective-directive': 'img-src' }))
    expect(lines).toHaveLength(REPORT_LIMITS.perMinute - 2)
  })
})
