/**
 * Problems in the kiosk's configuration are for the operator only: the attract screen (in English
 * and in French) shows visitors none, whether the file is missing (normal on a server the launcher
 * did not start), valid, wrong in places or not JSON at all; the operator screen, behind the PIN,
 * lists them.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { expectAttract, FAST_KIOSK, OPERATOR_PIN, openOperatorScreen, withKioskConfig } from './kiosk-helpers'

test.use({ serviceWorkers: 'block' })

/** What any configuration note would say, in either language (the old start note's title included). */
const NOTE = /kiosk\.json|operator|opérateur|configuration|default|défaut|not a kiosk setting|typo/i

/** The visitor's whole screen says nothing of the configuration, now and after the loop moves on. */
async function expectNoNoteForVisitors(page: Page) {
  await expectAttract(page)
  for (let look = 0; look < 2; look++) {
    await expect(page.getByTestId('kiosk-config-report')).toHaveCount(0)
    await expect(page.locator('aside, [role="status"]').filter({ hasText: NOTE })).toHaveCount(0)
    expect(await page.locator('body').innerText()).not.toMatch(NOTE)
    // The loop's next stop (1 s per overview in the specs' configuration).
    if (look === 0) await page.waitForTimeout(2500)
  }
}

test('no configuration file (a server the launcher did not start): nothing for visitors', async ({
  page,
}) => {
  // The real server: a build publishes no scenes/kiosk.json.
  const answer = page.waitForResponse((r) => r.url().endsWith('/scenes/kiosk.json'))
  await page.goto('/?mode=kiosk')
  expect((await answer).status()).toBe(404)
  await expectNoNoteForVisitors(page)
})

for (const language of ['en', 'fr'] as const) {
  test(`a valid configuration (${language}): nothing for visitors`, async ({ page }) => {
    await withKioskConfig(page, { ...FAST_KIOSK, language })
    await page.goto('/?mode=kiosk')
    await expectNoNoteForVisitors(page)
  })

  test(`a configuration with mistakes (${language}): nothing for visitors, listed on the operator screen`, async ({
    page,
  }) => {
    await withKioskConfig(page, { ...FAST_KIOSK, language, idleTimout: 30, warningSeconds: -4 })
    await page.goto('/?mode=kiosk')
    await expectNoNoteForVisitors(page)
    await openOperatorScreen(page, OPERATOR_PIN)
    const notes = page.getByTestId('kiosk-op-issues')
    await expect(notes).toContainText('idleTimout')
    await expect(notes).toContainText('is not a kiosk setting')
    await expect(notes).toContainText('warningSeconds')
    await expect(page.getByTestId('kiosk-operator')).toHaveAttribute('lang', language)
  })
}

test('a configuration that is not JSON: nothing for visitors, the operator path stays closed', async ({
  page,
}) => {
  await page.route('**/scenes/kiosk.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{ "language": "fr", ' }),
  )
  await page.goto('/?mode=kiosk')
  await expectNoNoteForVisitors(page)
  // No usable PIN in a broken file: the operator's gesture reaches a closed pad that says why.
  for (let i = 0; i < 5; i++) await page.mouse.click(20, 20)
  await expect(page.getByTestId('kiosk-pin-closed')).toContainText('npm run kiosk -- --set-pin')
})
