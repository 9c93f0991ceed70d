/**
 * The kiosk between visitors: the attract loop plays the tour by itself and invites in both
 * languages; a touch starts a visit; when nobody touches, a bilingual countdown comes, any input
 * extends the visit, and at its end everything the visitor changed is reset.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'
import { expectAttract, FAST_KIOSK, kiosk, marks, waitForMark, withKioskConfig } from './kiosk-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const title = { en: stop.title['en']!, fr: stop.title['fr']! }

// The offline copy is its own spec; here it would only download 10 MB per test.
test.use({ serviceWorkers: 'block' })

test('the attract loop plays the tour with captions, muted, under a bilingual invitation', async ({
  page,
}) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  const attract = page.getByTestId('kiosk-attract')
  await expect(attract.getByRole('button', { name: 'Touch to begin' })).toHaveAttribute('lang', 'en')
  await expect(attract.getByRole('button', { name: 'Touchez pour commencer' })).toHaveAttribute('lang', 'fr')
  // Nobody touches: the loop opens the stop, then its stories one after the other, with captions.
  await expect(attract.getByRole('heading', { name: new RegExp(title.en) })).toBeVisible()
  await expect(attract.locator('.captions p')).toHaveText(/\S/, { timeout: 60_000 })
  const audio = page.getByTestId('narration-audio')
  expect(await audio.evaluate((a: HTMLAudioElement) => a.muted)).toBe(true)
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.3)
  // The visit's interface is out of the way.
  await expect(page.locator('.app-header')).toBeHidden()
  await expect(page.locator('.sidebar')).toBeHidden()
  // Stories are told in English and French in turn.
  await expect
    .poll(async () => (await kiosk(page)).current.engine.hotspotId, { timeout: 60_000 })
    .toBe(stop.hotspots[1]!.id)
  expect((await kiosk(page)).current.engine.language).toBe('fr')
})

test('a touch on "Touchez pour commencer" starts a visit in French, at the stop, with nothing open', async ({
  page,
}) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  await expect(page.getByTestId('kiosk-attract')).toBeHidden()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1, name: title.fr })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Terminer la visite' })).toBeVisible()
  await expect(page.getByTestId('hotspot-panel')).toHaveCount(0)
  const audio = page.getByTestId('narration-audio')
  expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true)
  // The kiosk keeps its address: no visit leaves a trace in the URL.
  expect(new URL(page.url()).search).toBe('?mode=kiosk&diagnostics=1')
})

test('idle reset fires on time and leaves the store equal to its initial state', async ({ page }) => {
  // Long enough for the visitor's steps below on a slow machine (each one is input).
  const config = { ...FAST_KIOSK, idleTimeoutSeconds: 10, warningSeconds: 4, language: 'en', volume: 0.6 }
  await withKioskConfig(page, config)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  const initial = (await kiosk(page)).initial
  expect(initial).toMatchObject({ engine: { tourId: null, language: 'en' }, settings: { volume: 0.6 } })

  // A visitor changes everything they can: language, a story, narration, captions, volume, help.
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  const item = page.locator(`[data-hotspot="${stop.hotspots[2]!.id}"]`)
  await item.click()
  const panel = page.getByTestId('hotspot-panel')
  await expect(panel).toBeVisible()
  await panel.getByRole('checkbox', { name: 'Sous-titres' }).uncheck()
  await panel.getByRole('slider').focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await panel.getByRole('button', { name: 'Mettre la narration en pause' }).click()
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'paused')
  const beforeLastInput = await page.evaluate(() => performance.now())
  await page.locator('.stop-description summary').click()
  const changed = (await kiosk(page)).current
  expect(changed).toMatchObject({
    engine: { language: 'fr', hotspotId: stop.hotspots[2]!.id },
    settings: { captions: false },
  })
  expect(changed).not.toEqual(initial)

  // Nobody touches: the countdown comes after the idle timeout, in both languages.
  const warning = await waitForMark(page, 'portage:kiosk-warning')
  const warnedAfter = warning.startTime - (warning.detail!['lastInputAt'] as number)
  // The idle time counts from the visitor's last touch.
  expect(warning.detail!['lastInputAt']).toBeGreaterThanOrEqual(beforeLastInput)
  expect(warnedAfter).toBeGreaterThanOrEqual(config.idleTimeoutSeconds * 1000)
  // On time: within the idle clock's tick and a busy machine's slack, never early.
  expect(warnedAfter).toBeLessThan(config.idleTimeoutSeconds * 1000 + 2500)
  const countdown = page.getByTestId('kiosk-countdown')
  await expect(countdown).toBeVisible()
  await expect(countdown).toContainText('Are you still there?')
  await expect(countdown).toContainText('Êtes-vous toujours là?')
  await expect(countdown.getByTestId('kiosk-countdown-seconds')).toHaveText(/^[1-4]$/)

  // It ends: the reset, on time.
  const reset = await waitForMark(page, 'portage:kiosk-reset')
  const endsAt = warning.detail!['warningEndsAt'] as number
  expect(reset.startTime).toBeGreaterThanOrEqual(endsAt)
  expect(reset.startTime - endsAt).toBeLessThan(2500)
  expect(reset.detail).toEqual({ reason: 'idle' })

  // The store is exactly as it was at start, and the next visitor sees the attract loop.
  expect((await kiosk(page)).lastReset).toEqual(initial)
  await expectAttract(page)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(countdown).toHaveCount(0)
  await expect(page.getByTestId('hotspot-panel')).toHaveCount(0)
  // A new visit starts clean: English, nothing open, the description folded, captions on.
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title.en })).toBeVisible()
  await expect(page.getByTestId('hotspot-panel')).toHaveCount(0)
  await expect(page.locator('.stop-description')).not.toHaveAttribute('open', '')
  const fresh = (await kiosk(page)).current
  expect(fresh.settings).toEqual((initial as { settings: unknown }).settings)
  expect(fresh.engine.visitedHotspots).toEqual([])
  expect(await marks(page, 'portage:kiosk-reset')).toHaveLength(1)
})

test('the countdown is extended by a touch or a key; "End visit" ends it at once', async ({ page }) => {
  await withKioskConfig(page, { ...FAST_KIOSK, idleTimeoutSeconds: 3, warningSeconds: 15 })
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title.en })).toBeVisible()
  const countdown = page.getByTestId('kiosk-countdown')

  // A touch anywhere on the countdown: the visit goes on where it was.
  await waitForMark(page, 'portage:kiosk-warning')
  await expect(countdown).toBeVisible()
  await page.mouse.click(40, 400)
  await waitForMark(page, 'portage:kiosk-extend')
  await expect(countdown).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name: title.en })).toBeVisible()

  // A key press.
  await waitForMark(page, 'portage:kiosk-warning', 2)
  await expect(countdown).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await waitForMark(page, 'portage:kiosk-extend', 2)
  await expect(countdown).toHaveCount(0)
  expect(await marks(page, 'portage:kiosk-reset')).toHaveLength(0)
  expect((await kiosk(page)).phase).toBe('visit')

  // "End visit / Terminer la visite" on the countdown: back to the attract loop now.
  await waitForMark(page, 'portage:kiosk-warning', 3)
  await countdown.getByRole('button', { name: /End visit/ }).click()
  const reset = await waitForMark(page, 'portage:kiosk-reset')
  expect(reset.detail).toEqual({ reason: 'visitor' })
  await expectAttract(page)
})
