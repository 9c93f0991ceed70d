/**
 * Self-healing: a lost WebGL context is restored (or the page reloaded) within 5 s, a stalled
 * frame loop gets the page reloaded within 5 s, and an uncaught error sends the kiosk back to its
 * attract loop. The kiosk is left running, with no one to press a button.
 */
import type { Page } from '@playwright/test'
import { expect, pixelStats, test, waitForStopFrame } from './fixtures'
import { expectAttract, FAST_KIOSK, kiosk, marks, waitForMark, withKioskConfig } from './kiosk-helpers'
import { breakScene, contextState, markContext } from './webgl-context'

test.use({ serviceWorkers: 'block' })

/** Break the 3D view's WebGL context the way a GPU reset does. */
function loseContext(page: Page, restorable: boolean) {
  return page.evaluate((restorable) => {
    const canvas = document.querySelector('canvas')!
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!
    const ext = gl.getExtension('WEBGL_lose_context')!
    // A context the page cannot give back (as after some driver faults): restoreContext does nothing.
    if (!restorable) ext.restoreContext = () => undefined
    const at = performance.now()
    ext.loseContext()
    return { at, epoch: Date.now() }
  }, restorable)
}

async function startKiosk(page: Page) {
  await withKioskConfig(page, { ...FAST_KIOSK, attract: { ...FAST_KIOSK.attract, stopSeconds: 30 } })
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await waitForStopFrame(page, 'parliament-hill')
}

test('a lost WebGL context is restored within 5 s and the site is drawn again', async ({ page }) => {
  await startKiosk(page)
  const lost = await loseContext(page, true)
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as unknown as { portageDiagnostics: { contextLost: boolean } }).portageDiagnostics
            .contextLost,
      ),
    )
    .toBe(false)
  const recovered = await waitForMark(page, 'portage:kiosk-recovered')
  expect(recovered.detail).toEqual({ fault: 'context-lost' })
  const took = recovered.startTime - lost.at
  test.info().annotations.push({ type: 'recovered after (ms)', description: took.toFixed(0) })
  expect(took).toBeLessThan(5000)
  // Drawing again: frames advance and the canvas shows the site, not a blank.
  const frames = () =>
    page.evaluate(
      () => (window as unknown as { portageDiagnostics: { frames: number } }).portageDiagnostics.frames,
    )
  const before = await frames()
  await expect.poll(frames).toBeGreaterThan(before + 2)
  const stats = pixelStats(await page.locator('canvas').screenshot())
  expect(stats.variance).toBeGreaterThan(100)
  expect(stats.distinctColors).toBeGreaterThan(200)
  // No reload was needed.
  expect(await page.evaluate(() => performance.getEntriesByName('portage:ready').length)).toBe(1)
})

test('a context that cannot be restored: the kiosk reloads itself within 5 s', async ({ page }) => {
  await startKiosk(page)
  const reloaded = page.waitForEvent('load')
  await loseContext(page, false)
  await reloaded
  const mark = await waitForMark(page, 'portage:kiosk-reloaded')
  const note = mark.detail as { reason: string; faultAt: number; reloadAt: number }
  expect(note.reason).toBe('the WebGL context was lost')
  test
    .info()
    .annotations.push({ type: 'reloaded after (ms)', description: String(note.reloadAt - note.faultAt) })
  expect(note.reloadAt - note.faultAt).toBeLessThanOrEqual(5000)
  await expectAttract(page)
  await waitForStopFrame(page, 'parliament-hill')
})

test('a stalled frame loop: the kiosk reloads itself within 5 s', async ({ page }) => {
  await startKiosk(page)
  const reloaded = page.waitForEvent('load')
  // The 3D view's loop stops (its next frame is never scheduled); the page itself still runs.
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0
  })
  await reloaded
  const mark = await waitForMark(page, 'portage:kiosk-reloaded')
  const note = mark.detail as { reason: string; faultAt: number; reloadAt: number }
  expect(note.reason).toBe('the 3D view stopped drawing')
  test
    .info()
    .annotations.push({ type: 'reloaded after (ms)', description: String(note.reloadAt - note.faultAt) })
  expect(note.reloadAt - note.faultAt).toBeLessThanOrEqual(5000)
  await expectAttract(page)
  await waitForStopFrame(page, 'parliament-hill')
})

test('an uncaught error returns the kiosk to its attract loop, with nothing of the visit left', async ({
  page,
  guard,
}) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  await page.locator('[data-hotspot]').first().click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('kiosk test: something broke')
    })
  })
  const reset = await waitForMark(page, 'portage:kiosk-reset')
  expect(reset.detail).toEqual({ reason: 'error' })
  await expectAttract(page)
  expect((await kiosk(page)).lastReset).toEqual((await kiosk(page)).initial)
  // The error was the test's own; it is expected here, and nothing else went wrong.
  expect(guard.errors).toEqual(['kiosk test: something broke'])
  guard.errors.length = 0
})

test('an error or rejected promise that is not the kiosk’s own (an extension’s) is logged, not a reset', async ({
  page,
  guard,
}) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await page.locator('[data-hotspot]').first().click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  // What a browser extension's content script does to a page it is injected in.
  await page.evaluate(() => {
    const extension = 'chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/content.js'
    const error = Object.assign(new Error('extension: cannot read x'), {
      stack: `Error: extension: cannot read x\n    at inject (${extension}:1:20)`,
    })
    window.dispatchEvent(new ErrorEvent('error', { message: error.message, filename: extension, error }))
    void Promise.reject(
      Object.assign(new Error('extension: port closed'), {
        stack: `Error: extension: port closed\n    at port (${extension}:9:9)`,
      }),
    )
  })
  // Time for a reset to happen, were it to.
  await page.waitForTimeout(3000)
  expect(await marks(page, 'portage:kiosk-reset')).toEqual([])
  expect((await kiosk(page)).phase).toBe('visit')
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  guard.errors.length = 0
})

test('a render error in the 3D scene ends the visit and keeps the one canvas and its WebGL context', async ({
  page,
  guard,
}) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await waitForStopFrame(page, 'parliament-hill')
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await page.locator('[data-hotspot]').first().click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await markContext(page)
  await breakScene(page)
  const reset = await waitForMark(page, 'portage:kiosk-reset')
  expect(reset.detail).toEqual({ reason: 'error' })
  await expectAttract(page)
  expect((await kiosk(page)).lastReset).toEqual((await kiosk(page)).initial)
  // The attract loop draws the site again, in the same canvas, with the same context.
  const frames = () =>
    page.evaluate(
      () => (window as unknown as { portageDiagnostics: { frames: number } }).portageDiagnostics.frames,
    )
  const before = await frames()
  await expect.poll(frames).toBeGreaterThan(before + 2)
  expect(await contextState(page)).toEqual({ canvases: 1, marker: 'the first context', lost: false })
  expect(guard.errors).toEqual(['diagnostics: a render error in the 3D scene, on request'])
  guard.errors.length = 0
})
