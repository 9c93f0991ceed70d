/**
 * The operator PIN: no default, never mentioned to visitors; a kiosk without a usable PIN keeps its
 * operator functions closed and says so on the operator's path only; the PIN pad's lockout
 * survives a reload and grows. The kiosk configuration is not part of a public build.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  expectAttract,
  FAST_KIOSK,
  kiosk,
  OPERATOR_PIN,
  openOperatorScreen,
  withKioskConfig,
} from './kiosk-helpers'

test.use({ serviceWorkers: 'block' })

const { operatorPin: _pin, ...WITHOUT_PIN } = FAST_KIOSK

async function openPad(page: Page) {
  for (let i = 0; i < 5; i++) await page.mouse.click(20, 20)
  const pad = page.getByTestId('kiosk-pin')
  await expect(pad).toBeVisible()
  return pad
}

async function enter(page: Page, pin: string) {
  const pad = page.getByTestId('kiosk-pin')
  // The first digit by its key (focus is then in the pad), the others from the keyboard (the pad
  // takes them too: fewer clicks on a slow CPU-rendered page), then its Open key.
  await pad.getByRole('button', { name: pin[0]!, exact: true }).click()
  await page.keyboard.type(pin.slice(1))
  await expect(pad.locator('output')).toHaveText('•'.repeat(pin.length))
  await pad.getByRole('button', { name: /^(Open|Ouvrir)$/ }).click()
  await expect(pad.getByRole('alert')).not.toHaveText(/Checking|Vérification/)
}

test('a public build does not publish the kiosk configuration', async ({ request }) => {
  expect((await request.get('/scenes/kiosk.json')).status()).toBe(404)
  const sw = await (await request.get('/sw.js')).text()
  expect(sw).not.toContain('operatorPin')
  expect(sw).not.toContain('/scenes/kiosk.json')
})

for (const [name, config] of [
  ['no PIN', WITHOUT_PIN],
  ['the old default PIN in clear', { ...FAST_KIOSK, operatorPin: '2468' }],
  ['a number', { ...FAST_KIOSK, operatorPin: 2468 }],
  ['an unsalted SHA-256 in upper case', { ...FAST_KIOSK, operatorPin: `sha256:${'AB'.repeat(32)}` }],
  ['nine digits', { ...FAST_KIOSK, operatorPin: '123456789' }],
] as const)
  test(`${name}: operator functions closed, said on the operator's path only`, async ({ page }) => {
    await withKioskConfig(page, config)
    await page.goto('/?mode=kiosk&diagnostics=1')
    await expectAttract(page)
    // Visitors read nothing about a PIN, in either language.
    await expect(page.getByTestId('kiosk-attract')).not.toContainText(/PIN|NIP|kiosk\.json/)
    expect((await kiosk(page)).phase).toBe('attract')
    // The operator's gesture: the pad says why it is closed, and offers no keys.
    const pad = await openPad(page)
    await expect(pad.getByTestId('kiosk-pin-closed')).toContainText('npm run kiosk -- --set-pin')
    await expect(pad.getByRole('button', { name: '1', exact: true })).toHaveCount(0)
    // No PIN of the documentation opens anything.
    await page.keyboard.type('2468')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('kiosk-operator')).toHaveCount(0)
    await pad.getByRole('button', { name: 'Cancel' }).click()
  })

test('the lockout survives a reload and grows; the right PIN then opens the operator screen', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await openPad(page)
  for (let i = 0; i < 4; i++) {
    await enter(page, '000000')
    await expect(page.getByTestId('kiosk-pin').getByRole('alert')).toHaveText('Wrong PIN.')
  }
  await enter(page, '000000')
  await expect(page.getByTestId('kiosk-pin').getByRole('alert')).toHaveText(
    'Too many attempts. Try again in 1 min.',
  )

  // A reload (or a crash) gives no fresh guesses: still locked, even for the right PIN.
  await page.reload()
  await expectAttract(page)
  const pad = await openPad(page)
  await expect(pad.getByRole('alert')).toHaveText('Too many attempts. Try again in 1 min.')
  await enter(page, OPERATOR_PIN)
  await expect(page.getByTestId('kiosk-operator')).toHaveCount(0)

  // The minute passes (the lock's end moved to the past, as the clock would); five more wrong PINs
  // lock it for twice as long.
  await page.evaluate(() => {
    const key = 'portage.kiosk.pin'
    const guard = JSON.parse(localStorage.getItem(key)!) as { lockedUntil: number }
    localStorage.setItem(key, JSON.stringify({ ...guard, lockedUntil: Date.now() - 1000 }))
  })
  await page.reload()
  await expectAttract(page)
  await openPad(page)
  for (let i = 0; i < 5; i++) await enter(page, '111111')
  await expect(page.getByTestId('kiosk-pin').getByRole('alert')).toHaveText(
    'Too many attempts. Try again in 2 min.',
  )

  // Once the lock has passed, the right PIN opens the operator screen and clears the record.
  await page.evaluate(() => {
    const key = 'portage.kiosk.pin'
    const guard = JSON.parse(localStorage.getItem(key)!) as { lockedUntil: number }
    localStorage.setItem(key, JSON.stringify({ ...guard, lockedUntil: Date.now() - 1000 }))
  })
  await page.reload()
  await expectAttract(page)
  await openOperatorScreen(page, OPERATOR_PIN)
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('portage.kiosk.pin')!))).toEqual({
    failures: 0,
    lockedUntil: 0,
    lockouts: 0,
  })
})
