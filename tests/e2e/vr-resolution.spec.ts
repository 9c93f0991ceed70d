/**
 * Dynamic resolution in the emulated headset: frames made slow on purpose (the emulator's test
 * hook burns CPU in each headset frame) drop the viewport scale, asked of every view through
 * `XRView.requestViewportScale`; frames back within budget bring it back up, slowly. Emulated frames
 * take ~100 ms on CPU rendering, far over a real 90 Hz budget, so the test gives the session a
 * budget of its own (400 ms) through the same test-only hook.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { enterVR, openWithHeadset, xr } from './vr-helpers'

test.use({ viewport: { width: 640, height: 480 } })
test.describe.configure({ timeout: 400_000 })

type Hooks = { burnMs: number; budgetMs: number | null }
const setHooks = (page: Page, hooks: Partial<Hooks>) =>
  page.evaluate((h) => Object.assign((window as unknown as { portageXrTest: Hooks }).portageXrTest, h), hooks)

test('slow frames lower the headset resolution, and it recovers when frames are on time again', async ({
  page,
}) => {
  await openWithHeadset(page)
  // Record what the app asks of the views (the emulator's XRView, installed by ?emulate=).
  await page.evaluate(() => {
    const w = window as unknown as { XRView: typeof XRView; viewportScales: number[] }
    w.viewportScales = []
    const proto = w.XRView.prototype
    const request = proto.requestViewportScale
    proto.requestViewportScale = function (scale) {
      w.viewportScales.push(scale!)
      return request.call(this, scale)
    }
  })
  const requested = () =>
    page.evaluate(() => (window as unknown as { viewportScales: number[] }).viewportScales)
  await setHooks(page, { budgetMs: 400 })
  await enterVR(page)

  // On time: full resolution, the budget shown with the frame time.
  let r = (await xr(page)).resolution
  expect(r).toMatchObject({ scale: 1, budgetMs: 400, drops: 0 })
  expect(r.frameMs).toBeGreaterThan(0)
  expect(r.frameMs).toBeLessThan(400)
  const overlay = page.getByTestId('diagnostics')
  await expect(overlay).toContainText('VR resolution scale')
  await expect(page.getByTestId('diagnostics-vr-scale')).toHaveText(/^1\.00/)
  await expect(overlay).toContainText('/ 400.0')
  // The same inside the headset, where the page cannot be seen: the in-world diagnostics panel.
  await expect
    .poll(async () => (await xr(page)).diagnostics)
    .toMatch(/budget 400\.0 ms.*per eye \(2 views\).*resolution 1\.00 \(viewport-scale\) · 0 down, 0 up/)

  // Frames over budget, several in a row: the scale drops a step at a time, never below 0.5.
  await setHooks(page, { burnMs: 700 })
  await expect.poll(async () => (await xr(page)).resolution.scale, { timeout: 120_000 }).toBeLessThan(0.85)
  r = (await xr(page)).resolution
  expect(r.frameMs, 'the overlay shows the slow frames').toBeGreaterThan(400)
  expect(r.mechanism).toBe('viewport-scale')
  expect(r.scale).toBeGreaterThanOrEqual(0.5)
  const asked = await requested()
  expect(asked.length, 'both eyes asked, at each step').toBeGreaterThanOrEqual(4)
  expect(asked.at(-1)).toBe(r.scale)
  await expect(page.getByTestId('diagnostics-vr-scale')).toHaveText(/^0\.[5-8]\d \(viewport-scale\)/)
  await expect
    .poll(async () => (await xr(page)).diagnostics)
    .toMatch(/resolution 0\.[5-8]\d \(viewport-scale\) · [1-9]\d* down/)

  // On time again: after a sustained spell within budget it climbs back, to full resolution.
  await setHooks(page, { burnMs: 0 })
  await expect.poll(async () => (await xr(page)).resolution.scale, { timeout: 180_000 }).toBe(1)
  r = (await xr(page)).resolution
  expect(r.climbs).toBe(r.drops)
  expect((await requested()).at(-1)).toBe(1)
})
