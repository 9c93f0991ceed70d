/**
 * The security headers as the `npm start` server sends them, and what they do in the browser:
 * scripts that fail their integrity hash do not run, the Draco decoder runs in its Blob worker
 * under the policy, only allowed origins can frame the app (and delegate the headset to it), and the
 * watch that every test runs under does catch a violation.
 */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import { createServer, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import type { Tour } from '../../src/core/content/schema'
import { portageHandler } from '../../tools/server/server.mjs'
import { expect, test, waitForStopFrame } from './fixtures'
import { dracoModel, ktx2Model, twoStopTour, withModel, withTours } from './hostile-fixtures'
import { PORTS } from './ports'

const parliament = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([n, ...v]) => [n, v]),
  )

test('the server sends a strict policy on pages, scripts, content and errors', async ({ request }) => {
  const page = await request.get('/')
  const html = await page.text()
  const script = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1]
  expect(script).toBeTruthy()
  for (const res of [
    page,
    await request.get(script!),
    await request.get('/scenes/catalog.json'),
    await request.get('/nope'),
  ]) {
    const h = res.headers()
    const csp = directives(h['content-security-policy'] ?? '')
    const all = [...csp.values()].flat()
    expect(all).not.toContain("'unsafe-inline'")
    expect(all).not.toContain("'unsafe-eval'")
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')?.[0]).toBe("'self'")
    expect(h['permissions-policy']).toContain('xr-spatial-tracking=(self)')
    expect(h['x-content-type-options']).toBe('nosniff')
    expect(h['referrer-policy']).toBe('no-referrer')
  }
  // Every script and style sheet of the page carries its hash.
  for (const tag of html.match(/<(script|link)\b[^>]*\b(src|href)="\/app\/[^>]*>/g) ?? [])
    expect(tag).toMatch(/integrity="sha384-[A-Za-z0-9+/=]+"/)
})

test('a full visit in English and French: nothing leaves the origin, nothing breaks the policy', async ({
  page,
  guard,
}) => {
  await page.goto('/?lang=en')
  await page.locator(`[data-tour="${parliament.id}"]`).getByRole('button', { name: 'Start the tour' }).click()
  await waitForStopFrame(page, parliament.stops[0]!.id)
  await page.locator(`[data-hotspot="${parliament.stops[0]!.hotspots[0]!.id}"]`).click()
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await expect(page.getByTestId('captions').locator('p')).toHaveText(/\S/)
  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.getByRole('button', { name: 'Récit suivant' })).toBeVisible()
  await page.getByRole('button', { name: 'Toutes les visites' }).click()
  await expect(page.getByRole('heading', { name: 'Choisissez une visite' })).toBeVisible()
  // (The fixture checks these after every test; here they are the point of the test.)
  expect(guard.security.external).toEqual([])
  expect(guard.security.violations).toEqual([])
  // A Permissions-Policy feature the browser does not know is only a console warning: none either.
  expect(guard.console.filter((m) => /Permissions-Policy/i.test(m))).toEqual([])
})

test('a Draco-compressed model decodes in its Blob worker under the policy', async ({ page }) => {
  await withModel(page, 'draco.glb', await dracoModel())
  await withTours(page, { 'fixture-draco': twoStopTour('fixture-draco', 'draco.glb') })
  await page.goto('/?lang=en&tour=fixture-draco')
  await waitForStopFrame(page, 'broken-stop')
  await expect(page.getByTestId('model-error')).toBeHidden()
})

test('a KTX2-textured model (as model:import makes them) transcodes under the policy', async ({ page }) => {
  await withModel(page, 'ktx2.glb', await ktx2Model())
  await withTours(page, { 'fixture-ktx2': twoStopTour('fixture-ktx2', 'ktx2.glb') })
  await page.goto('/?lang=en&tour=fixture-ktx2')
  await waitForStopFrame(page, 'broken-stop')
  await expect(page.getByTestId('model-error')).toBeHidden()
  // The transcoder ran in its worker without eval: the policy reported nothing (checked by the
  // fixture), and the texture's red is on screen.
  await expect
    .poll(async () => {
      const { data } = PNG.sync.read(await page.locator('canvas').screenshot())
      let red = 0
      for (let i = 0; i < data.length; i += 4)
        if (data[i]! > 120 && data[i + 1]! < 80 && data[i + 2]! < 80) red++
      return red
    })
    .toBeGreaterThan(1000)
})

test.describe('subresource integrity', () => {
  test('a tampered tour chunk is refused: a message, and the tours list still works', async ({ page }) => {
    // The tour's code: the page's lazily loaded tour view (src/shells/page/PageTour.tsx).
    await page.route('**/app/PageTour-*.js', async (route) => {
      const body = (await (await route.fetch()).text()) + '\n;window.__tampered=1'
      await route.fulfill({ contentType: 'text/javascript', body })
    })
    await page.goto('/?lang=en')
    await page
      .locator(`[data-tour="${parliament.id}"]`)
      .getByRole('button', { name: 'Start the tour' })
      .click()
    await expect(page.getByTestId('tour-load-error')).toBeVisible()
    expect(
      await page.evaluate(() => (window as unknown as { __tampered?: number }).__tampered),
    ).toBeUndefined()
    await page.getByRole('button', { name: 'All tours' }).click()
    await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
  })

  test('a tampered entry script does not run at all', async ({ page, guard }) => {
    await page.route('**/app/index-*.js', async (route) => {
      const body = 'window.__tampered=1;' + (await (await route.fetch()).text())
      await route.fulfill({ contentType: 'text/javascript', body })
    })
    await page.goto('/?lang=en')
    await expect(page.locator('#root')).toBeEmpty()
    expect(
      await page.evaluate(() => (window as unknown as { __tampered?: number }).__tampered),
    ).toBeUndefined()
    expect(guard.console.join('\n')).toMatch(/integrity/i)
  })
})

test('the watch every test runs under catches a policy violation (it can fail)', async ({ page, guard }) => {
  await page.goto('/?lang=en')
  await page.evaluate(() => {
    const style = document.createElement('style')
    style.textContent = 'body { outline: 1px solid red }'
    document.head.append(style)
  })
  // Both the page's event and the browser's report to /csp-report are recorded.
  await expect
    .poll(() => guard.security.violations.map((v) => `${v.via} ${v.directive}`).sort())
    .toEqual(['event style-src-elem', 'report style-src-elem'])
  guard.security.violations.length = 0 // expected here; the fixture checks the rest of the test
})

test.describe('embedding', () => {
  // A second server on its own port, configured with an embedder allow-list. It also serves the
  // embedding lesson page, so three loopback origins share it: the app on 127.0.0.1, an allowed
  // school and a stranger on *.localhost names (Chromium resolves those to loopback).
  const port = PORTS.embedTest
  const app = `http://127.0.0.1:${port}`
  const school = `http://school.localhost:${port}`
  const stranger = `http://stranger.localhost:${port}`
  let server: Server
  test.beforeAll(async () => {
    const serve = portageHandler({
      root: fileURLToPath(new URL('../../dist/', import.meta.url)),
      embedders: [school],
    })
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname !== '/lesson.html') return serve(req, res)
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><title>Lesson</title><h1>A lesson</h1>
        <iframe src="${app}/?lang=fr" allow="${url.searchParams.get('allow') ?? ''}" width="1000" height="700"
          title="Portage"></iframe>`)
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  })
  test.afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  async function embedFrom(
    page: Page,
    guard: { security: { allow(o: string): void } },
    origin: string,
    allow: string,
  ) {
    guard.security.allow(app)
    guard.security.allow(origin)
    await page.goto(`${origin}/lesson.html?allow=${encodeURIComponent(allow)}`)
    await expect(page.getByRole('heading', { name: 'A lesson' })).toBeVisible()
  }

  test('an allowed site embeds the tour, and can delegate the headset to it', async ({ page, guard }) => {
    await embedFrom(page, guard, school, 'xr-spatial-tracking; fullscreen; camera')
    const frame = page.frameLocator('iframe')
    await expect(frame.getByRole('heading', { name: 'Choisissez une visite' })).toBeVisible()
    const inner = page.frames().find((f) => f.url().startsWith(app))!
    const policy = await inner.evaluate(() => {
      const fp = (document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } })
        .featurePolicy
      return { xr: fp.allowsFeature('xr-spatial-tracking'), camera: fp.allowsFeature('camera') }
    })
    // The school delegated both; our header grants the headset and never the camera.
    expect(policy).toEqual({ xr: true, camera: false })
  })

  test('a site not on the list cannot frame the app', async ({ page, guard }) => {
    await embedFrom(page, guard, stranger, 'xr-spatial-tracking')
    await expect.poll(() => guard.security.violations.map((v) => v.directive)).toContain('frame-ancestors')
    await expect(
      page.frameLocator('iframe').getByRole('heading', { name: 'Choisissez une visite' }),
    ).toHaveCount(0)
    guard.security.violations.length = 0 // the refusal is the expected outcome here
  })
})

test.describe('service workers (the kiosk mode will have one at /sw.js)', () => {
  /** A worker that tries a request to another origin and one to ours, and tells the page how each went. */
  const PROBE = `
    const tried = Promise.all(['https://evil.example/beacon', '/scenes/catalog.json'].map((u) =>
      fetch(u).then((r) => u + ': ' + r.status, (e) => u + ': refused (' + e.name + ')')))
    self.addEventListener('message', (e) => tried.then((r) => e.ports[0].postMessage(r)))`

  async function register(page: Page) {
    await page.goto('/?lang=en')
    return page.evaluate(async () => {
      const reg = await navigator.serviceWorker.register('/sw.js')
      const worker = reg.installing ?? reg.waiting ?? reg.active!
      const channel = new MessageChannel()
      const answer = new Promise<string[]>((resolve) => (channel.port1.onmessage = (e) => resolve(e.data)))
      worker.postMessage('report', [channel.port2])
      return answer
    })
  }

  test('served with our headers, it registers (worker-src self) and cannot reach another origin', async ({
    page,
    request,
    guard,
  }) => {
    const headers = (await request.get('/scenes/catalog.json')).headers()
    await page
      .context()
      .route('**/sw.js', (route) =>
        route.fulfill({ headers: { ...headers, 'content-type': 'text/javascript' }, body: PROBE }),
      )
    expect(await register(page)).toEqual([
      'https://evil.example/beacon: refused (TypeError)',
      '/scenes/catalog.json: 200',
    ])
    // The refusal is a violation in the worker: no page event, but the browser reports it.
    await expect
      .poll(() => guard.security.violations)
      .toEqual([
        expect.objectContaining({
          via: 'report',
          directive: 'connect-src',
          page: expect.stringMatching(/\/sw\.js$/),
        }),
      ])
    guard.security.violations.length = 0 // expected here
  })

  test('the watch sees a service worker’s own requests (it can fail)', async ({ page, guard }) => {
    // No policy on this worker: its request to another origin reaches the network layer.
    await page
      .context()
      .route('**/sw.js', (route) => route.fulfill({ contentType: 'text/javascript', body: PROBE }))
    await register(page)
    expect(guard.security.external).toEqual(['https://evil.example/beacon'])
    guard.security.external.length = 0 // expected here
  })
})
