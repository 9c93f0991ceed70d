/**
 * Faults a kiosk meets sooner or later: a damaged model, the network dropping mid-download, audio
 * that is missing or cannot be decoded, captions that do not parse, the 3D code failing to arrive,
 * the GPU context lost. Each gives a clear message in the visitor's language and the rest of the
 * tour keeps working. (A missing model: resilience.spec.ts. Headset faults: see docs/security.md.)
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { portageHandler } from '../../tools/server/server.mjs'
import type { Page } from '@playwright/test'
import type { Tour } from '../../src/core/content/schema'
import { expect, pixelStats, test, waitForStopFrame } from './fixtures'
import { screenshot, twoStopTour, withModel, withTours } from './hostile-fixtures'
import { PORTS } from './ports'

const parliament = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = parliament.stops[0]!
const [first, second] = stop.hotspots
const realModel = readFileSync('assets/models/parliament-hill.glb')

async function openFixture(page: Page, lang: 'en' | 'fr', model: string) {
  await withTours(page, { 'fixture-fault': twoStopTour('fixture-fault', model) })
  await page.goto(`/?lang=${lang}&tour=fixture-fault`)
}

/** The stop's stories are still there and the next stop's model draws. */
async function restOfTourWorks(page: Page, lang: 'en' | 'fr') {
  const names = {
    en: { stories: 'Stories at this stop', next: 'Next stop' },
    fr: { stories: 'Récits de cette étape', next: 'Étape suivante' },
  }[lang]
  await expect(page.getByRole('heading', { name: names.stories })).toBeVisible()
  await page.locator('[data-hotspot="fixture-story-1"]').click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await page.getByRole('button', { name: names.next, exact: true }).click()
  await expect(page.getByTestId('model-error')).toBeHidden()
  await waitForStopFrame(page, 'working-stop')
}

test('a corrupt model file: "damaged" message (fr), the tour goes on', async ({ page }) => {
  const garbage = Buffer.alloc(4096, 0x41)
  garbage.write('glTF', 0)
  await withModel(page, 'corrupt.glb', garbage)
  await openFixture(page, 'fr', 'corrupt.glb')
  const error = page.getByTestId('model-error')
  await expect(error).toHaveAttribute('data-reason', 'corrupt')
  await expect(error).toContainText('endommagé')
  await screenshot(page, 'model-corrupt')
  await restOfTourWorks(page, 'fr')
})

test('a truncated model file (half of the real one): "damaged" message, the tour goes on', async ({
  page,
}) => {
  await withModel(page, 'half.glb', realModel.subarray(0, realModel.length >> 1))
  await openFixture(page, 'en', 'half.glb')
  const error = page.getByTestId('model-error')
  await expect(error).toHaveAttribute('data-reason', 'corrupt')
  await expect(error).toContainText('damaged')
  await screenshot(page, 'model-truncated')
  await restOfTourWorks(page, 'en')
})

/**
 * A real connection that dies: the app is served from a second server (ports.ts)
 * whose first answer for the model sends half the bytes, waits for the test, then destroys the
 * socket. Chromium sees a broken body, as on a kiosk whose network goes mid-download.
 */
test('the network drops mid-download: "connection lost", and Try again loads it once back', async ({
  page,
  guard,
}) => {
  const port = PORTS.fault
  const origin = `http://127.0.0.1:${port}`
  guard.security.allow(origin)
  const serve = portageHandler({ root: fileURLToPath(new URL('../../dist/', import.meta.url)) })
  let dropped = false
  let cut = () => {}
  const cutNow = new Promise<void>((resolve) => (cut = resolve))
  const server = createServer((req, res) => {
    if (dropped || !req.url?.startsWith('/assets/models/parliament-hill.glb')) return serve(req, res)
    dropped = true
    res.writeHead(200, { 'Content-Type': 'model/gltf-binary', 'Content-Length': realModel.length })
    res.write(realModel.subarray(0, realModel.length >> 1))
    void cutNow.then(() => res.socket?.destroy())
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  try {
    await page.goto(`${origin}/?lang=en&tour=${parliament.id}`)
    const progress = page.getByTestId('model-progress')
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0)
    cut()

    const error = page.getByTestId('model-error')
    await expect(error).toHaveAttribute('data-reason', 'network')
    await expect(error).toContainText('The connection was lost')
    await screenshot(page, 'model-network')
    // The stories are text in the page: they still open.
    await page.locator(`[data-hotspot="${second!.id}"]`).click()
    await expect(
      page.getByTestId('hotspot-panel').getByRole('heading', { name: second!.title.en }),
    ).toBeVisible()

    // The connection is back: Try again draws the site.
    await error.getByRole('button', { name: 'Try again' }).click()
    await waitForStopFrame(page, stop.id)
    await expect(error).toBeHidden()
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

test.describe('narration faults', () => {
  test('narration audio missing (404): message (fr), transcript there, the next story plays', async ({
    page,
  }) => {
    await page.route(`**/assets/${first!.narration['fr']!.audio}`, (r) =>
      r.fulfill({ status: 404, body: 'Not found' }),
    )
    await page.goto(`/?lang=fr&tour=${parliament.id}`)
    await page.locator(`[data-hotspot="${first!.id}"]`).click()
    const narration = page.getByTestId('narration')
    await expect(narration).toHaveAttribute('data-status', 'error')
    await expect(narration.getByRole('alert')).toHaveText(/La narration n’a pas pu être lue/)
    await screenshot(page, 'audio-missing')
    await page.getByTestId('hotspot-panel').getByText('Transcription', { exact: true }).click()
    await expect(page.getByText(first!.narration['fr']!.script)).toBeVisible()

    await page.getByRole('button', { name: 'Récit suivant' }).click()
    await expect(narration).toHaveAttribute('data-status', 'playing')
  })

  test('narration audio that cannot be decoded: message, the next story plays', async ({ page }) => {
    await page.route(`**/assets/${first!.narration['en']!.audio}`, (r) =>
      r.fulfill({ contentType: 'audio/mpeg', body: Buffer.alloc(20_000, 0x5a) }),
    )
    await page.goto(`/?lang=en&tour=${parliament.id}`)
    await page.locator(`[data-hotspot="${first!.id}"]`).click()
    const narration = page.getByTestId('narration')
    await expect(narration).toHaveAttribute('data-status', 'error')
    await expect(narration.getByRole('alert')).toHaveText(/could not be played/)
    await screenshot(page, 'audio-undecodable')
    await page.getByRole('button', { name: 'Next story' }).click()
    await expect(narration).toHaveAttribute('data-status', 'playing')
  })
})

test('captions that do not parse: a note instead of captions (fr), the narration plays on', async ({
  page,
}) => {
  await page.route(`**/assets/${first!.narration['fr']!.captions}`, (r) =>
    r.fulfill({
      contentType: 'text/vtt',
      body: 'WEBVTT\n\n00:00:xx --> nonsense\n<b>broken\n\n{"not": "vtt"}\n',
    }),
  )
  await page.goto(`/?lang=fr&tour=${parliament.id}`)
  await page.locator(`[data-hotspot="${first!.id}"]`).click()
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await expect(page.getByTestId('captions-unavailable')).toHaveText(
    /Les sous-titres de ce récit ne sont pas disponibles/,
  )
  await screenshot(page, 'captions-malformed')
  // The next story's captions are fine.
  await page.getByRole('button', { name: 'Récit suivant' }).click()
  await expect(page.getByTestId('captions-unavailable')).toBeHidden()
  await expect(page.getByTestId('captions').locator('p')).toHaveText(/\S/)
})

test('the WebGL context is lost, then restored: a message meanwhile, the site draws again', async ({
  page,
}) => {
  await page.goto(`/?lang=en&tour=${parliament.id}`)
  await waitForStopFrame(page, stop.id)
  const lose = (how: 'loseContext' | 'restoreContext') =>
    page.evaluate((how) => {
      const canvas = document.querySelector('canvas')!
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!
      // Kept on the window: after loseContext() getExtension() returns null.
      const w = window as unknown as { __lose?: WEBGL_lose_context }
      w.__lose ??= gl.getExtension('WEBGL_lose_context')!
      w.__lose[how]()
    }, how)
  await lose('loseContext')
  const status = page.getByTestId('webgl-status')
  await expect(status).toHaveText('The 3D view stopped working. It is being restored…')
  await screenshot(page, 'webgl-lost')
  // The stories work without the 3D view.
  await page.locator(`[data-hotspot="${second!.id}"]`).click()
  await expect(
    page.getByTestId('hotspot-panel').getByRole('heading', { name: second!.title.en }),
  ).toBeVisible()

  await lose('restoreContext')
  await expect(status).toBeHidden()
  // Drawn again: the canvas shows the site, not a blank or single-colour frame.
  await expect
    .poll(async () => pixelStats(await page.locator('canvas').screenshot()).distinctColors, {
      timeout: 30_000,
    })
    .toBeGreaterThan(200)
})

test('no WebGL at all: a message (fr), every story still opens and plays', async ({ page }) => {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      if (/webgl/i.test(type)) return null
      return (original as (...a: unknown[]) => unknown).call(this, type, ...rest)
    } as typeof original
  })
  await page.goto(`/?lang=fr&tour=${parliament.id}`)
  // The same tour, as the 2D tour, saying why.
  await expect(page.getByTestId('poster-stage')).toBeVisible()
  await expect(page.getByTestId('no-webgl')).toHaveText(/ne peut pas afficher la 3D/)
  await screenshot(page, 'webgl-unavailable')
  await page.locator(`[data-hotspot="${first!.id}"]`).click()
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
})

test('the tour’s code fails to arrive: a message with Try again, and the tours list still works', async ({
  page,
}) => {
  // The tour's code: the page's lazily loaded tour view (src/shells/page/PageTour.tsx).
  await page.route('**/app/PageTour-*.js', (r) => r.abort('internetdisconnected'))
  await page.goto('/?lang=en')
  await page.locator(`[data-tour="${parliament.id}"]`).getByRole('button', { name: 'Start the tour' }).click()
  const error = page.getByTestId('tour-load-error')
  await expect(error).toContainText('The tour could not be loaded')
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible()
  await screenshot(page, 'tour-code-failed')
  await error.getByRole('button', { name: 'All tours' }).click()
  await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
  await expect(error).toBeHidden()
})
