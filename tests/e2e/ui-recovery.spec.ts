/**
 * A render error in the page's interface (outside the 3D view) is recovered in its own region: the
 * region is drawn again, and the one canvas, its WebGL context and renderer stay, however many
 * times it happens (Chromium drops the oldest context past 16 live ones). In the kiosk the visit
 * starts over, still on the same canvas. `?diagnostics=1` breaks the tour's sidebar on the window
 * event `portage:diagnostics-ui-fault` (src/features/chrome/UiBoundary.tsx).
 */
import type { Page } from '@playwright/test'
import { diagnostics, expect, pixelStats, test, waitForStopFrame, type Guard } from './fixtures'
import { expectAttract, FAST_KIOSK, kiosk, withKioskConfig } from './kiosk-helpers'
import { contextState, markContext } from './webgl-context'

test.use({ serviceWorkers: 'block' })

const RECOVERIES = 20

const breakUi = (page: Page) =>
  page.evaluate(() => window.dispatchEvent(new Event('portage:diagnostics-ui-fault')))

/** The sidebar's boundary says, each time, that it drew the region again. */
const recoveries = (guard: Guard) =>
  guard.console.filter((m) => m.includes("The page's sidebar failed")).length

test(`${RECOVERIES} render errors in the page's interface: one canvas, the same WebGL context, a working page`, async ({
  page,
  guard,
}) => {
  test.setTimeout(300_000)
  await page.goto('/?lang=en&tour=parliament-hill&diagnostics=1')
  await waitForStopFrame(page, 'parliament-hill')
  await markContext(page)
  const before = await diagnostics(page)
  const sidebar = page.locator('aside.sidebar')
  const title = await page.locator('#stop-title').innerText()

  for (let i = 1; i <= RECOVERIES; i++) {
    await breakUi(page)
    await expect.poll(() => recoveries(guard)).toBe(i)
    // The sidebar is back, whole, and the 3D view went on drawing.
    await expect(page.locator('#stop-title')).toHaveText(title)
    const frames = (await diagnostics(page)).frames
    await expect.poll(async () => (await diagnostics(page)).frames).toBeGreaterThan(frames + 2)
    // Past the boundary's "fails again at once".
    await page.waitForTimeout(1100)
  }

  expect(await contextState(page)).toEqual({ canvases: 1, marker: 'the first context', lost: false })
  expect(guard.console.filter((m) => m.includes('Too many active WebGL contexts'))).toEqual([])
  await expect(page.locator('.ui-region-failed')).toHaveCount(0)
  // Still the 3D tour, drawn (not a blank view, not the 2D fallback), and the frame count went on.
  await expect(page.getByTestId('poster-stage')).toHaveCount(0)
  await expect
    .poll(async () => pixelStats(await page.locator('canvas').screenshot()).distinctColors)
    .toBeGreaterThan(200)
  expect((await diagnostics(page)).frames).toBeGreaterThan(before.frames)
  // The recovered sidebar answers: a story opens from its list, the camera flies to it.
  const first = sidebar.locator('.hotspot-item').first()
  const id = (await first.getAttribute('data-hotspot'))!
  await first.click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await expect.poll(async () => (await diagnostics(page)).hotspot).toBe(id)
  await expect(page).toHaveURL(new RegExp(`hotspot=${id}`))
  // The header, outside the broken region, was never touched: its controls work.
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
})

test('a region that fails again at once says so in its place, in the visitor’s language, and comes back on request', async ({
  page,
  guard,
}) => {
  await page.goto('/?lang=fr&tour=parliament-hill&diagnostics=1')
  await waitForStopFrame(page, 'parliament-hill')
  await markContext(page)
  await breakUi(page)
  await expect.poll(() => recoveries(guard)).toBe(1)
  await breakUi(page)
  await expect.poll(() => recoveries(guard)).toBe(2)
  const failed = page.locator('.ui-region-failed')
  await expect(failed).toHaveText(/Cette partie de la page n’a pas pu s’afficher\./)
  await failed.getByRole('button', { name: 'Réessayer' }).click()
  await expect(page.locator('#stop-title')).toBeVisible()
  await expect(failed).toHaveCount(0)
  expect(await contextState(page)).toEqual({ canvases: 1, marker: 'the first context', lost: false })
})

test('in the kiosk, an interface error starts the visit over on the same canvas', async ({ page, guard }) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  // The attract loop's tour, drawn in the one canvas.
  await expect(page.locator('canvas')).toHaveCount(1)
  await expect.poll(async () => (await diagnostics(page)).frames).toBeGreaterThan(2)
  await markContext(page)
  // Fewer than the five errors a minute that make the kiosk reload itself.
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Touch to begin' }).click()
    await expect.poll(async () => (await kiosk(page)).phase).toBe('visit')
    await expect(page.locator('#stop-title')).toBeVisible()
    await breakUi(page)
    await expect.poll(() => recoveries(guard)).toBe(i)
    // The kiosk's own fault: the visit ends, the attract loop is back.
    await expect.poll(async () => (await kiosk(page)).phase).toBe('attract')
    await expectAttract(page)
    expect(await contextState(page)).toEqual({ canvases: 1, marker: 'the first context', lost: false })
    await page.waitForTimeout(1100)
  }
  expect(await page.evaluate(() => performance.getEntriesByName('portage:kiosk-reloaded').length)).toBe(0)
})
