/**
 * The desktop journey of the foundation: landing → tour → a rendered stop; hotspots by mouse on
 * the 3D marker and by keyboard from the list; narration with captions; language switch.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { diagnostics, expect, pixelStats, test, waitForStopFrame } from './fixtures'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const [first, second] = stop.hotspots

test('landing → tour: the stop renders its site model', async ({ page }) => {
  await page.goto('/?lang=en')
  await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
  const card = page.locator(`[data-tour="${tour.id}"]`)
  await expect(card.getByRole('heading', { name: tour.title.en })).toBeVisible()
  await card.getByRole('button', { name: 'Start the tour' }).click()

  await expect(page.getByRole('heading', { level: 1, name: stop.title.en })).toBeVisible()
  await waitForStopFrame(page, stop.id)
  await expect(page).toHaveURL(new RegExp(`tour=${tour.id}&stop=${stop.id}`))
  // Let a few frames render after the first one, then look at the pixels.
  await page.waitForTimeout(500)
  const stats = pixelStats(await page.locator('canvas').screenshot())
  expect(stats.variance, 'canvas is not blank').toBeGreaterThan(100)
  expect(stats.distinctColors).toBeGreaterThan(200)
  const marks = await page.evaluate(() => performance.getEntriesByName('portage:ready').length)
  expect(marks).toBe(1)
})

test('a hotspot opens by clicking its 3D marker, another from the list by keyboard', async ({ page }) => {
  await page.goto(`/?lang=en&diagnostics=1&tour=${tour.id}`)
  await waitForStopFrame(page, stop.id)
  await page.waitForTimeout(500)

  const d = await diagnostics(page)
  const marker = d.markers.find((m) => m.id === first!.id)
  expect(marker?.onScreen, `marker ${first!.id} is on screen at the start view`).toBe(true)
  await page.mouse.click(marker!.x, marker!.y)
  const panel = page.getByTestId('hotspot-panel')
  await expect(panel.getByRole('heading', { name: first!.title.en })).toBeVisible()
  await expect(panel.getByRole('link', { name: first!.sources[0]!.title })).toHaveAttribute(
    'href',
    first!.sources[0]!.url,
  )
  await expect(page).toHaveURL(new RegExp(`hotspot=${first!.id}`))
  await expect.poll(async () => (await diagnostics(page)).hotspot).toBe(first!.id)

  // Keyboard only: tab to the second story in the list and press Enter.
  const item = page.locator(`[data-hotspot="${second!.id}"]`)
  await item.focus()
  await expect(item).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(panel.getByRole('heading', { name: second!.title.en })).toBeVisible()
  await expect(item).toHaveAttribute('aria-current', 'true')
  // Escape closes the story.
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
})

test('narration plays and the captions advance with the audio', async ({ page }) => {
  await page.goto(`/?lang=en&tour=${tour.id}`)
  await page.locator(`[data-hotspot="${first!.id}"]`).click()
  const narration = page.getByTestId('narration')
  await expect(narration).toHaveAttribute('data-status', 'playing')
  const captions = page.getByTestId('captions')
  await expect(captions.locator('p')).toHaveText(/\S/)
  const firstCue = await captions.locator('p').textContent()
  // The next cue replaces the first as the audio moves on.
  await expect(captions.locator('p')).not.toHaveText(firstCue!, { timeout: 30_000 })
  const time = await page.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => a.currentTime)
  expect(time).toBeGreaterThan(0.5)

  // Pause holds the audio; play resumes it.
  await narration.getByRole('button', { name: 'Pause narration', exact: true }).click()
  await expect(narration).toHaveAttribute('data-status', 'paused')
  expect(await page.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => a.paused)).toBe(true)
  await narration.getByRole('button', { name: 'Resume narration', exact: true }).click()
  await expect(narration).toHaveAttribute('data-status', 'playing')

  // The end is clean: skip to the end and the status settles on "ended" with captions cleared.
  await page
    .getByTestId('narration-audio')
    .evaluate((a: HTMLAudioElement) => (a.currentTime = a.duration - 0.3))
  await expect(narration).toHaveAttribute('data-status', 'ended', { timeout: 15_000 })
  await expect(captions.locator('p')).toHaveCount(0)
  await expect(narration.getByRole('button', { name: 'Play narration', exact: true })).toBeVisible()
})

test('switching language changes the interface and the content, and is remembered', async ({ page }) => {
  await page.goto(`/?tour=${tour.id}&hotspot=${first!.id}&lang=en`)
  await expect(page.getByRole('heading', { level: 1, name: stop.title.en })).toBeVisible()
  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1, name: stop.title.fr })).toBeVisible()
  await expect(
    page.getByTestId('hotspot-panel').getByRole('heading', { name: first!.title.fr }),
  ).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Récits de cette étape' })).toBeVisible()
  await expect(page.getByRole('button', { name: '← Toutes les visites' })).toBeVisible()
  await expect(page).toHaveURL(/lang=fr/)

  // Remembered: a fresh visit without ?lang opens in French.
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Choisissez une visite' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible()
})

test('the help dialog lists the keyboard shortcuts', async ({ page }) => {
  await page.goto(`/?lang=en&tour=${tour.id}`)
  await expect(page.getByRole('heading', { level: 1, name: stop.title.en })).toBeVisible()
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByText('Next stop')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
