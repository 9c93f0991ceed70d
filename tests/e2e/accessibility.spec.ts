/**
 * Everyone gets in: WCAG 2.2 A/AA checks on every screen in both languages, a keyboard-only
 * journey, a phone journey by touch, the 2D tour without WebGL, and reduced motion.
 */
import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import type { Tour } from '../../src/core/content/schema'
import { diagnostics, expect, test, waitForStopFrame } from './fixtures'

const tour = JSON.parse(readFileSync('scenes/canada-rights-values/tour.json', 'utf8')) as Tour
const [stop0, stop1] = tour.stops
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

async function expectNoViolations(page: Page, what: string) {
  // The WebGL canvas is checked through its labelled container; axe cannot read pixels.
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze()
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(found, `axe violations on ${what}`).toEqual([])
}

for (const lang of ['en', 'fr'] as const) {
  const label = (en: string, fr: string) => (lang === 'en' ? en : fr)

  test(`no WCAG violations on any screen (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`)
    await expect(page.locator('.tour-card').first()).toBeVisible()
    await expectNoViolations(page, 'landing')

    await page.goto(`/?lang=${lang}&tour=${tour.id}`)
    await waitForStopFrame(page, stop0!.id)
    await expectNoViolations(page, 'tour')

    await page.locator(`[data-hotspot="${stop0!.hotspots[0]!.id}"]`).click()
    await expect(page.getByTestId('hotspot-panel')).toBeVisible()
    await page.getByText(label('Transcript', 'Transcription')).click()
    await expectNoViolations(page, 'open hotspot')

    await page.getByRole('button', { name: label('Settings', 'Paramètres') }).click()
    await expect(page.getByTestId('settings')).toBeVisible()
    await expectNoViolations(page, 'settings')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: label('Keyboard shortcuts', 'Raccourcis clavier') }).click()
    await expect(page.getByTestId('help')).toBeVisible()
    await expectNoViolations(page, 'help')
    await page.keyboard.press('Escape')

    await page.goto(`/?lang=${lang}&tour=${tour.id}&view=2d&hotspot=${stop0!.hotspots[1]!.id}`)
    await expect(page.getByTestId('poster-stage')).toBeVisible()
    await expectNoViolations(page, '2D tour')
  })
}

test('keyboard only: from the landing page to a narrated story and on to the next stop', async ({ page }) => {
  await page.goto('/?lang=en')
  await expect(page.locator('.tour-card').first()).toBeVisible()
  // Tab to the first tour's button; every stop on the way has a visible focus ring.
  const start = page.locator(`[data-tour="${tour.id}"]`).getByRole('button', { name: 'Start the tour' })
  for (let i = 0; i < 30 && !(await start.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      return el && el !== document.body ? getComputedStyle(el).outlineStyle : 'none-needed'
    })
    expect(outline, 'focused element shows a focus indicator').not.toBe('none')
  }
  await expect(start).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: stop0!.title.en })).toBeVisible()

  // Into the list of stories, by keyboard only.
  const first = page.locator(`[data-hotspot="${stop0!.hotspots[0]!.id}"]`)
  for (let i = 0; i < 40 && !(await first.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
  }
  await expect(first).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await expect(page.getByTestId('captions').locator('p')).toHaveText(/\S/)
  // K pauses, N goes to the next stop (when focus is not in a text field).
  await page.keyboard.press('k')
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'paused')
  await page.keyboard.press('n')
  await expect(page.getByRole('heading', { level: 1, name: stop1!.title.en })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: stop1!.title.en })).toBeFocused()
  await expect(page.getByTestId('announcer')).toContainText(`Stop 2 of ${tour.stops.length}`)

  // The 3D view takes focus and gives it back: Tab moves on (no keyboard trap).
  const stage = page.locator('.stage-focus')
  await stage.focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Tab')
  await expect(stage).not.toBeFocused()
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })

  test('open a tour, orbit by touch, tap a marker: narration and captions', async ({ page }) => {
    await page.goto(`/?lang=en&diagnostics=1&tour=${tour.id}`)
    await waitForStopFrame(page, stop0!.id)
    // Nothing overflows sideways at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    // Drag with one finger on the canvas: the camera orbits (markers move on screen).
    const before = await diagnostics(page)
    const box = (await page.locator('canvas').boundingBox())!
    const cdp = await page.context().newCDPSession(page)
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
      })
    const y = box.y + box.height / 2
    await touch('touchStart', box.x + 80, y)
    for (let x = 80; x <= 260; x += 30) await touch('touchMove', box.x + x, y)
    await touch('touchEnd', box.x + 260, y)
    await page.waitForTimeout(600)
    const after = await diagnostics(page)
    const moved = after.markers.some((m, i) => Math.abs(m.x - (before.markers[i]?.x ?? m.x)) > 10)
    expect(moved, 'markers moved on screen after a drag').toBe(true)

    // Tap a marker that is on screen.
    const marker = after.markers.find((m) => m.onScreen && m.y > box.y + 10 && m.y < box.y + box.height - 10)
    expect(marker, 'a marker is on screen').toBeTruthy()
    await page.touchscreen.tap(marker!.x, marker!.y)
    await expect(page.getByTestId('hotspot-panel')).toBeVisible()
    await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
    await expect(page.getByTestId('captions').locator('p')).toHaveText(/\S/)
    // Touch targets are at least 44 px.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, a[href], input, summary')]
        // Source links are inline text links (WCAG 2.5.8 exception); off-screen skip link excluded.
        .filter(
          (el) => el.offsetParent && el.closest('.sources') === null && el.getBoundingClientRect().bottom > 0,
        )
        // A control inside its label is hit anywhere on the label.
        .map((el) => el.closest('label') ?? el)
        .map((el) => ({ el: el.textContent?.trim() || el.tagName, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.height < 44 || r.width < 44))
        .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
    )
    expect(small).toEqual([])
  })
})

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' })

  test('selecting a hotspot moves the camera in one cut, without a flight', async ({ page }) => {
    await page.goto(`/?lang=en&diagnostics=1&tour=${tour.id}`)
    await waitForStopFrame(page, stop0!.id)
    const cameraNow = () =>
      page.evaluate(
        () => (window as unknown as { portageDiagnostics: { camera: number[] } }).portageDiagnostics.camera,
      )
    const start = await cameraNow()
    await page.locator(`[data-hotspot="${stop0!.hotspots[0]!.id}"]`).click()
    // Sample the next frames: the camera is at its destination at once and stays there.
    const samples: number[][] = []
    for (let i = 0; i < 4; i++) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      samples.push(await cameraNow())
    }
    expect(samples[0]).not.toEqual(start)
    for (const s of samples.slice(1))
      for (const [i, v] of s.entries()) expect(v).toBeCloseTo(samples[0]![i]!, 1)
  })
})
