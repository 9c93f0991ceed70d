/**
 * On-device statistics: a scripted visit is counted (visit, language, tours, stops and stories
 * opened, time), the operator screen shows it, and exports it as CSV. Nothing is sent anywhere.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'
import {
  expectAttract,
  FAST_KIOSK,
  OPERATOR_PIN,
  openOperatorScreen,
  waitForMark,
  withKioskConfig,
} from './kiosk-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const [a, b, c] = stop.hotspots

test.use({ serviceWorkers: 'block' })

// Two visits and the operator screen, on CPU-rendered WebGL.
test.setTimeout(240_000)

test('a scripted visit is counted, shown to the operator and exported as CSV, and stays on the device', async ({
  page,
}) => {
  const posts: string[] = []
  page.on('request', (r) => r.method() !== 'GET' && posts.push(`${r.method()} ${r.url()}`))
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)

  // Visit 1: starts in French, two stories, switches to English, one more story, ends.
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  await page.locator(`[data-hotspot="${a!.id}"]`).click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await page.locator(`[data-hotspot="${b!.id}"]`).click()
  await page.getByRole('button', { name: 'English' }).click()
  await page.locator(`[data-hotspot="${c!.id}"]`).click()
  await expect(
    page.getByTestId('hotspot-panel').getByRole('heading', { name: c!.title['en']! }),
  ).toBeVisible()
  await page.locator(`[data-hotspot="${a!.id}"]`).click()
  await page.getByRole('button', { name: 'End visit' }).click()
  await waitForMark(page, 'portage:kiosk-reset')
  await expectAttract(page)

  // Visit 2: French, one story, ends.
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  await page.locator(`[data-hotspot="${a!.id}"]`).click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await page.getByRole('button', { name: 'Terminer la visite' }).click()
  await waitForMark(page, 'portage:kiosk-reset', 2)
  await expectAttract(page)

  // The attract loop that runs meanwhile is not a visit: wait for it to open a story, then look.
  await expect(page.getByTestId('kiosk-attract').locator('.kiosk-attract-story')).toBeVisible({
    timeout: 60_000,
  })

  await openOperatorScreen(page, OPERATOR_PIN)
  const operator = page.getByTestId('kiosk-operator')
  const all = operator.locator('tr[data-day="all"]')
  const cells = async () => (await all.locator('td').allTextContents()).map((t) => t.trim())
  // Visits, average, English, French, tours, stops, stories opened, most opened.
  const [visits, average, en, fr, tours, stops, stories, top] = await cells()
  expect({ visits, en, fr, tours, stops, stories }).toEqual({
    visits: '2',
    en: '1',
    fr: '1',
    tours: '2',
    stops: '2',
    stories: '5',
  })
  expect(average).toMatch(/\d+ s$/)
  expect(top).toContain(`${a!.title['en']!} (3)`)
  const today = operator.locator('tbody tr').nth(1)
  await expect(today.locator('th')).toHaveText(/^\d{4}-\d{2}-\d{2}$/)
  await expect(operator).toContainText('never sent anywhere')

  // CSV export: a file, with the same figures.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    operator.getByRole('button', { name: 'Export as CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^portage-kiosk-stats-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\r\n')
  const day = csv[1]!.split(',')[0]!
  expect(csv[0]).toBe('date,metric,item,value')
  expect(csv).toEqual(
    expect.arrayContaining([
      `${day},visits,,2`,
      `${day},language,en,1`,
      `${day},language,fr,1`,
      `${day},tour_opened,${tour.id},2`,
      `${day},stop_opened,${tour.id}/${stop.id},2`,
      `${day},hotspot_opened,${tour.id}/${a!.id},3`,
      `${day},hotspot_opened,${tour.id}/${b!.id},1`,
      `${day},hotspot_opened,${tour.id}/${c!.id},1`,
    ]),
  )
  expect(csv.find((l) => l.startsWith(`${day},average_visit_seconds,,`))).toBeTruthy()

  // Stored on the device only: in its storage, and no request other than GET ever left the page.
  const stored = await page.evaluate(() => localStorage.getItem('portage.kiosk.stats'))
  expect(JSON.parse(stored!).days[day].visits).toBe(2)
  expect(posts.filter((p) => !p.includes('/__kiosk/'))).toEqual([])

  // Clearing asks first.
  await operator.getByRole('button', { name: 'Clear the statistics' }).click()
  await operator.getByRole('button', { name: 'Yes, clear them' }).click()
  await expect(operator).toContainText('No visits yet.')
})
