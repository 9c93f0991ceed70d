/**
 * A browser without WebGL (disabled, blocklisted GPU) gets the same tour as a 2D tour: posters,
 * stories, narration with captions and transcript, the same URLs.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'

const tour = JSON.parse(readFileSync('scenes/canada-rights-values/tour.json', 'utf8')) as Tour

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-webgl', '--disable-3d-apis', '--autoplay-policy=no-user-gesture-required'],
  },
})

test('the 2D tour opens, narrates and goes through every stop', async ({ page }) => {
  await page.goto(`/?lang=en&tour=${tour.id}`)
  await expect(page.getByTestId('poster-stage')).toBeVisible()
  expect(await page.locator('canvas').count()).toBe(0)
  for (const [i, stop] of tour.stops.entries()) {
    await expect(page.getByRole('heading', { level: 1, name: stop.title['en']! })).toBeVisible()
    const img = page.getByTestId('poster-stage').locator('img')
    if (stop.poster) await expect(img).toHaveAttribute('alt', stop.description['en']!)
    await page.locator(`[data-hotspot="${stop.hotspots[0]!.id}"]`).click()
    await expect(
      page.getByTestId('hotspot-panel').getByRole('heading', { name: stop.hotspots[0]!.title['en']! }),
    ).toBeVisible()
    if (i === 0) {
      await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
      await expect(page.getByTestId('captions').locator('p')).toHaveText(/\S/)
      await page.getByText('Transcript').click()
      await expect(page.locator('.transcript p')).toContainText(
        stop.hotspots[0]!.narration['en']!.script.slice(0, 30),
      )
    }
    if (i < tour.stops.length - 1) await page.getByRole('button', { name: 'Next stop' }).click()
  }
  await expect(page).toHaveURL(new RegExp(`stop=${tour.stops.at(-1)!.id}`))
})
