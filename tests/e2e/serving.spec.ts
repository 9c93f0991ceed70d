/**
 * How `npm start` delivers the build (tools/server/server.mjs, tools/policy/delivery-policy.mjs) to a real
 * browser and to plainer clients: brotli to Chromium, whose integrity checks pass on the decoded
 * bytes; gzip or the file itself to clients that ask for them; byte ranges of the narration audio;
 * index.html revalidated on every visit while the hashed chunks are not even asked for again.
 * The first test also prints the landing page's JavaScript bytes per encoding (docs/deploy.md).
 */
import type { APIRequestContext, Page } from '@playwright/test'
import { readdirSync } from 'node:fs'
import { expect, test } from './fixtures'

const LANDING = '/?lang=en'

async function landingReady(page: Page) {
  await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Start the tour' }).first()).toBeEnabled()
}

/** Bytes on the wire for one URL under an Accept-Encoding (Content-Length of the response). */
async function wireBytes(request: APIRequestContext, url: string, acceptEncoding: string) {
  const res = await request.get(url, { headers: { 'Accept-Encoding': acceptEncoding } })
  expect(res.status()).toBe(200)
  return Number(res.headers()['content-length'])
}

test('the landing page runs its integrity-checked scripts, delivered as brotli', async ({
  page,
  request,
}, testInfo) => {
  const scripts = new Map<string, Record<string, string>>()
  page.on('response', async (res) => {
    const path = new URL(res.url()).pathname
    if (/^\/app\/.+\.(js|css)$/.test(path)) scripts.set(path, await res.allHeaders())
  })
  const document = await page.goto(LANDING)
  expect((await document!.allHeaders())['content-encoding']).toBe('br')
  await landingReady(page)
  // What the page needed to be interactive; the idle prefetch of the 3D code comes after.
  const interactive = [...scripts.keys()].filter((p) => p.endsWith('.js'))
  await page.waitForLoadState('networkidle')

  // The page's own scripts carry sha384 integrity: that they ran proves the browser checked the
  // hash against the decoded bytes (a tampered chunk does not run: security.spec.ts).
  const html = await (await request.get(LANDING)).text()
  const initial = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/app\/[^"]+\.js)"[^>]*>/g)].map(
    (m) => m[1]!,
  )
  expect(initial.length).toBeGreaterThanOrEqual(1)
  for (const tag of html.match(/<(?:script|link)\b[^>]*\b(?:src|href)="\/app\/[^>]*>/g) ?? [])
    expect(tag).toMatch(/integrity="sha384-/)
  // The chunks the entry imports are held to the import map's integrity table.
  const importMap = JSON.parse(/<script type="importmap">(.*?)<\/script>/s.exec(html)![1]!) as {
    integrity: Record<string, string>
  }

  const js = [...scripts.keys()].filter((p) => p.endsWith('.js'))
  expect(js.length).toBeGreaterThan(initial.length)
  for (const path of initial) expect(js).toContain(path)
  for (const path of js) expect(importMap.integrity[path] ?? '', path).toMatch(/^sha384-/)
  for (const [path, headers] of scripts) {
    expect(headers['content-encoding'], path).toBe('br')
    expect(headers['vary'], path).toBe('Accept-Encoding')
    expect(headers['cache-control'], path).toBe('public, max-age=31536000, immutable')
  }

  // Measured, for docs/deploy.md: what the landing page needs to be interactive, and with the 3D
  // code it prefetches while idle.
  const total = async (paths: string[], ae: string) => {
    let sum = 0
    for (const p of paths) sum += await wireBytes(request, p, ae)
    return sum
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  const rows: string[] = []
  for (const [name, paths] of [
    ['landing page (to interactive)', interactive],
    ['landing page + idle prefetch', js],
  ] as const) {
    const [identity, gzip, br] = [
      await total(paths, 'identity'),
      await total(paths, 'gzip'),
      await total(paths, 'br'),
    ]
    expect(br).toBeLessThan(gzip)
    expect(gzip).toBeLessThan(identity / 2)
    rows.push(`| ${name} | ${paths.length} | ${kb(identity)} | ${kb(gzip)} | ${kb(br)} |`)
  }
  const table = [
    '| JavaScript | files | identity | gzip -9 | brotli 11 |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ]
  console.log(table.join('\n'))
  await testInfo.attach('landing-js-bytes.md', { body: table.join('\n'), contentType: 'text/markdown' })
})

test('each client gets what it accepts: gzip, the file itself, or a byte range', async ({ request }) => {
  const html = await (await request.get('/')).text()
  const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)![1]!
  const headers = async (url: string, h: Record<string, string>) =>
    (await request.get(url, { headers: h })).headers()

  const gzip = await headers(entry, { 'Accept-Encoding': 'gzip' })
  expect(gzip['content-encoding']).toBe('gzip')
  expect(gzip['etag']).toMatch(/-gzip"$/)
  const identity = await headers(entry, { 'Accept-Encoding': 'identity' })
  expect(identity['content-encoding']).toBeUndefined()
  expect(identity['vary']).toBe('Accept-Encoding')
  expect(identity['etag']).not.toBe(gzip['etag'])
  // Same type and policy whichever encoding is sent.
  expect(gzip['content-type']).toBe(identity['content-type'])
  expect(gzip['content-security-policy']).toBe(identity['content-security-policy'])
  expect(identity['x-content-type-options']).toBe('nosniff')

  // Narration audio: never compressed, seekable by range.
  const mp3 = readdirSync('dist/assets/audio/parliament-hill').find((f) => f.endsWith('.mp3'))!
  const range = await request.get(`/assets/audio/parliament-hill/${mp3}`, {
    headers: { 'Accept-Encoding': 'br, gzip', Range: 'bytes=100-199' },
  })
  expect(range.status()).toBe(206)
  expect(range.headers()['content-range']).toMatch(/^bytes 100-199\/\d+$/)
  expect(range.headers()['content-encoding']).toBeUndefined()
  expect((await range.body()).length).toBe(100)

  // The kiosk's precache lists files, not their compressed copies.
  const sw = await (await request.get('/sw.js', { headers: { 'Accept-Encoding': 'br' } })).text()
  expect(sw).toContain('"/index.html"')
  expect(sw).not.toMatch(/\.(br|gz)"/)
})

test('a second visit revalidates index.html (304) and does not ask for the hashed chunks', async ({
  browser,
  baseURL,
  request,
}) => {
  // A context of its own: the guard's request routing (security-guard.ts) turns the HTTP cache off.
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  // What reached the network, from DevTools: the raw status of every response the server sent.
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const urls = new Map<string, string>()
  let wire: { id: string; status: number }[] = []
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname))
  cdp.on('Network.responseReceivedExtraInfo', (e) => wire.push({ id: e.requestId, status: e.statusCode }))
  const seen = () => wire.map(({ id, status }) => ({ path: urls.get(id) ?? id, status }))
  // Only a download that finished is in the cache (the idle prefetch may still be running).
  const finished = new Set<string>()
  cdp.on('Network.loadingFinished', (e) => finished.add(e.requestId))

  await page.goto(LANDING)
  await landingReady(page)
  await page.waitForLoadState('networkidle')
  const first = seen()
  expect(first).toContainEqual({ path: '/', status: 200 })
  const chunks = wire
    .filter(({ id }) => finished.has(id) && urls.get(id)?.startsWith('/app/'))
    .map(({ id }) => urls.get(id)!)
  expect(chunks.length).toBeGreaterThan(3)

  wire = []
  await page.goto(LANDING)
  await landingReady(page)
  await page.waitForLoadState('networkidle')
  const second = seen()
  expect(second).toContainEqual({ path: '/', status: 304 })
  expect(second.filter((r) => chunks.includes(r.path))).toEqual([])

  // The same rules as headers.
  const page_ = await request.get('/', { headers: { 'Accept-Encoding': 'br' } })
  expect(page_.headers()['cache-control']).toBe('no-cache')
  const again = await request.get('/', {
    headers: { 'Accept-Encoding': 'br', 'If-None-Match': page_.headers()['etag']! },
  })
  expect(again.status()).toBe(304)
  const chunk = await request.get(chunks[0]!)
  expect(chunk.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
  await context.close()
})
