/**
 * Every state is a URL: opening it gives that state and the same URL back; Back and Forward move
 * through the visited places; link-preview pages send people to the place they name.
 */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test, withFixtureTours } from './fixtures'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const story = (id: string) => stop.hotspots.find((h) => h.id === id)!
const panel = (page: Page) => page.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })

test('a URL opens its exact state, and that state gives back the same URL', async ({
  page,
  baseURL,
  context,
}) => {
  const search = `?tour=${tour.id}&stop=${stop.id}&hotspot=persons-case&lang=fr`
  await page.goto(`/${search}`)
  await expect(page.getByRole('heading', { level: 1, name: stop.title.fr })).toBeVisible()
  await expect(panel(page)).toHaveText(story('persons-case').title.fr!)
  expect(page.url()).toBe(`${baseURL}/${search}`)

  // Moving on gives a new URL; opened elsewhere, it is the same place again.
  await page.locator('[data-hotspot="survivors-flag"]').click()
  await expect(panel(page)).toHaveText(story('survivors-flag').title.fr!)
  const url = page.url()
  expect(url).toBe(`${baseURL}/?tour=${tour.id}&stop=${stop.id}&hotspot=survivors-flag&lang=fr`)
  const other = await context.newPage()
  await other.goto(url)
  await expect(panel(other)).toHaveText(story('survivors-flag').title.fr!)
  await expect(other.locator('html')).toHaveAttribute('lang', 'fr')
  expect(other.url()).toBe(url)
})

test('a short link to a story opens it at its stop, and the address is completed', async ({ page }) => {
  await page.goto(`/?tour=${tour.id}&hotspot=charter-proclamation&lang=en`)
  await expect(panel(page)).toHaveText(story('charter-proclamation').title.en!)
  await expect(page).toHaveURL(
    new RegExp(`\\?tour=${tour.id}&stop=${stop.id}&hotspot=charter-proclamation&lang=en$`),
  )
  // Nothing was wrong with the link, so there is nothing to apologise for.
  await expect(page.getByTestId('notices')).toBeEmpty()
})

test('Back and Forward move through the visited stops and stories; language is not a step', async ({
  page,
}) => {
  await withFixtureTours(page, { 'fixture-two-stops': 'tests/fixtures/tours/two-stops.tour.json' })
  await page.goto('/?lang=en')
  await page
    .locator('[data-tour="fixture-two-stops"]')
    .getByRole('button', { name: 'Start the tour' })
    .click()
  const h1 = page.getByRole('heading', { level: 1 })
  await expect(h1).toHaveText('Stop broken-stop')
  await page.locator('[data-hotspot="fixture-story-1"]').click()
  await expect(panel(page)).toBeVisible()
  await page.getByRole('button', { name: 'Next stop' }).click()
  await expect(h1).toHaveText('Stop working-stop')
  await page.locator('[data-hotspot="fixture-story-2"]').click()
  await expect(panel(page)).toBeVisible()
  // A language switch replaces the current entry rather than adding one.
  await page.getByRole('button', { name: 'Français' }).click()
  await expect(h1).toHaveText('Étape working-stop')

  await page.goBack()
  await expect(h1).toHaveText('Étape working-stop')
  await expect(page.getByTestId('hotspot-panel')).toHaveCount(0)
  await expect(page).toHaveURL(/stop=working-stop&lang=fr$/)
  await page.goBack()
  await expect(h1).toHaveText('Étape broken-stop')
  await expect(panel(page)).toBeVisible()
  await expect(page).toHaveURL(/stop=broken-stop&hotspot=fixture-story-1&lang=fr$/)
  await page.goBack()
  await expect(page.getByTestId('hotspot-panel')).toHaveCount(0)
  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Choisissez une visite' })).toBeVisible()

  await page.goForward()
  await page.goForward()
  await expect(h1).toHaveText('Étape broken-stop')
  await expect(panel(page)).toBeVisible()
  await page.goForward()
  await page.goForward()
  await expect(h1).toHaveText('Étape working-stop')
  await expect(panel(page)).toBeVisible()
  await expect(page).toHaveURL(/stop=working-stop&hotspot=fixture-story-2&lang=fr$/)
})

test('a link-preview page has Open Graph and oEmbed for crawlers, and sends people to the place', async ({
  page,
  request,
}) => {
  const path = `/tours/${tour.id}/fr/${stop.id}/persons-case/`
  const html = await (await request.get(path)).text()
  expect(html).toContain(
    `<meta property="og:title" content="${story('persons-case').title.fr} — ${stop.title.fr}">`,
  )
  expect(html).toMatch(
    /<meta property="og:image" content="http[^"]+\/assets\/posters\/parliament-hill\.webp">/,
  )
  expect(html).toContain('type="application/json+oembed"')
  expect(html).not.toMatch(/<script/i)
  const oembed = (await (await request.get(`/oembed/${tour.id}.json`)).json()) as Record<string, unknown>
  expect(oembed).toMatchObject({ version: '1.0', type: 'rich', width: 800, height: 450 })
  expect(oembed['html']).toMatch(/^<iframe src="[^"]+\?mode=embed&amp;tour=parliament-hill&amp;lang=en"/)

  await page.goto(path)
  await expect(panel(page)).toHaveText(story('persons-case').title.fr!)
  await expect(page).toHaveURL(
    new RegExp(`/\\?tour=${tour.id}&stop=${stop.id}&hotspot=persons-case&lang=fr$`),
  )
})
