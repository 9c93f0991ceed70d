/**
 * In the kiosk, nothing a visitor chooses outlives the visit: the kiosk reloads itself (after
 * faults, to apply a new version), and the next visitor must still find the kiosk's own defaults
 * (captions on, the kiosk's language), never the last visitor's choices.
 */
import { expect, test } from './fixtures'
import { expectAttract, FAST_KIOSK, kiosk, withKioskConfig } from './kiosk-helpers'

test.use({ serviceWorkers: 'block' })

test('a reload mid-visit leaves the next visitor the kiosk’s defaults: captions, caption size, language', async ({
  page,
}) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)

  // A visitor starts in French, turns captions off and makes them large.
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  await page.getByRole('button', { name: 'Paramètres' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paramètres' })
  await dialog.getByLabel('Afficher les sous-titres pendant la narration').uncheck()
  await dialog.getByRole('radio', { name: 'Grande' }).check()
  await expect.poll(async () => (await kiosk(page)).current.settings['captions']).toBe(false)
  expect((await kiosk(page)).current.engine.language).toBe('fr')

  // The kiosk reloads in the middle of the visit.
  await page.reload()
  await expectAttract(page)
  // Nothing of the visitor's is on the device: only the kiosk's own records.
  const keys = await page.evaluate(() => Object.keys(localStorage).concat(Object.keys(sessionStorage)))
  expect(keys.filter((k) => !k.startsWith('portage.kiosk.'))).toEqual([])

  // The next visitor touches the screen (not a language): the kiosk's language and defaults.
  await page.getByTestId('kiosk-attract').click({ position: { x: 640, y: 400 } })
  await expect.poll(async () => (await kiosk(page)).phase).toBe('visit')
  const next = (await kiosk(page)).current
  expect(next.engine.language).toBe(FAST_KIOSK.language)
  expect(next.settings['captions']).toBe(true)
  expect(next.settings['captionSize']).not.toBe('large')
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(
    page.getByRole('dialog', { name: 'Settings' }).getByLabel('Show captions during narration'),
  ).toBeChecked()
})
