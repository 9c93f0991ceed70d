/**
 * No layout shift while a page loads (issue 18): the 3D view, its poster and loading bar, the
 * sidebar, the captions and the header keep the places they have at the first paint, on a phone
 * and on a desktop. Measured as the browser measures it for Core Web Vitals (the `layout-shift`
 * entries, without recent input), from the first paint until the full model is drawn.
 *
 * The linked tour's document is held back a moment, so the page is certainly painted before the
 * tour is known: the phase that used to shift (the landing page, then the tour replacing it, the
 * header growing a row for the Share button) is always exercised, on a fast machine too.
 */
import type { Page } from '@playwright/test'
import { expect, test, waitForStopFrame } from './fixtures'

type Shift = { value: number; at: number; sources: string[] }

const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const

/** Google's "good" is 0.1; the issue asks for at most 0.05. */
const CLS_MAX = 0.05

async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: Shift[] }
    w.__shifts = []
    const describe = (n: Node | null) =>
      n instanceof Element ? `${n.tagName.toLowerCase()}${n.className ? `.${String(n.className)}` : ''}` : '?'
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number
        hadRecentInput: boolean
        sources: { node: Node | null }[]
      })[])
        if (!e.hadRecentInput)
          w.__shifts.push({
            value: e.value,
            at: Math.round(e.startTime),
            sources: e.sources.map((s) => describe(s.node)),
          })
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts)

async function holdTourDocument(page: Page, ms: number) {
  await page.route('**/scenes/parliament-hill/tour.json', async (route) => {
    await new Promise((r) => setTimeout(r, ms))
    await route.continue()
  })
}

for (const [size, device] of Object.entries(SIZES)) {
  test.describe(`on a ${size}`, () => {
    test.use(device)

    test('a deep link to a tour draws its frame at once, and nothing moves while the site loads', async ({
      page,
    }) => {
      await watchShifts(page)
      await holdTourDocument(page, 1200)
      await page.goto('/?tour=parliament-hill&lang=en')
      // Before the tour is known, its frame is there, in the place the tour will take.
      const skeleton = page.getByTestId('tour-skeleton')
      await expect(skeleton).toBeVisible()
      await expect(skeleton.getByRole('status')).toContainText('Loading the tour')
      const stageBefore = await skeleton.locator('.stage').boundingBox()
      const headerBefore = await page.locator('.app-header').boundingBox()
      await waitForStopFrame(page, 'parliament-hill')
      await page.waitForFunction(() => performance.getEntriesByName('portage:stop-full').length > 0, null, {
        timeout: 60_000,
      })
      await expect(page.getByTestId('share-button')).toBeVisible()
      expect(await page.getByTestId('stage').boundingBox()).toEqual(stageBefore)
      expect(await page.locator('.app-header').boundingBox()).toEqual(headerBefore)
      const all = await shifts(page)
      const cls = all.reduce((sum, s) => sum + s.value, 0)
      expect(cls, `layout shifts: ${JSON.stringify(all)}`).toBeLessThanOrEqual(CLS_MAX)
    })

    test('in French, a story deep link and the 2D tour load without shifting either', async ({ page }) => {
      await watchShifts(page)
      await holdTourDocument(page, 800)
      await page.goto('/?tour=parliament-hill&hotspot=charter-proclamation&lang=fr')
      await expect(page.getByTestId('tour-skeleton')).toContainText('Chargement de la visite')
      await waitForStopFrame(page, 'parliament-hill')
      await expect(page.getByTestId('hotspot-panel')).toBeVisible()
      let all = await shifts(page)
      expect(
        all.reduce((sum, s) => sum + s.value, 0),
        `story: ${JSON.stringify(all)}`,
      ).toBeLessThanOrEqual(CLS_MAX)

      await page.goto('/?tour=parliament-hill&view=2d&lang=fr')
      await expect(page.getByTestId('poster-stage').locator('img')).toBeVisible()
      await page.waitForFunction(() => performance.getEntriesByName('portage:ready').length > 0)
      await page.waitForTimeout(500)
      all = await shifts(page)
      expect(
        all.reduce((sum, s) => sum + s.value, 0),
        `2D tour: ${JSON.stringify(all)}`,
      ).toBeLessThanOrEqual(CLS_MAX)
    })
  })
}

test('a link to a tour that does not exist shows the landing page and says so', async ({ page }) => {
  await page.goto('/?tour=no-such-tour&lang=en')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByTestId('tour-skeleton')).toHaveCount(0)
  // The landing's headings go down one level at a time (h1, then the cards' h2).
  const levels = await page
    .locator('main h1, main h2, main h3')
    .evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])))
  expect(levels[0]).toBe(1)
  for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1)
})
