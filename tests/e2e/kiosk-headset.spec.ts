/**
 * A kiosk run in a headset (the emulated Quest 3): the visitor enters VR from the visit; a trigger
 * pull counts as input, so the visit is not cut short while they look around; and when nobody is
 * there any more, the idle reset ends the immersive session and the attract loop comes back.
 */
import { expect, test } from './fixtures'
import { expectAttract, FAST_KIOSK, kiosk, marks, waitForMark, withKioskConfig } from './kiosk-helpers'
import { enterVR, xr } from './vr-helpers'

test.use({ serviceWorkers: 'block', viewport: { width: 640, height: 480 } })
test.describe.configure({ timeout: 300_000 })

test('in the headset: a trigger pull keeps the visit, the idle reset ends the VR session', async ({
  page,
}) => {
  const config = { ...FAST_KIOSK, idleTimeoutSeconds: 12, warningSeconds: 4 }
  await withKioskConfig(page, config)
  await page.goto('/?mode=kiosk&diagnostics=1&emulate=quest3')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await expect(page.getByRole('button', { name: 'Enter VR' })).toBeEnabled({ timeout: 60_000 })
  await enterVR(page)

  // The trigger, pulled in the headset, is a visitor's input: the idle clock starts again.
  const before = await page.evaluate(() => performance.now())
  await page.evaluate(async () => {
    const controller = window.portageXRDevice!.controllers['right']!
    controller.updateButtonValue('trigger', 1)
    await new Promise((r) => setTimeout(r, 600))
    controller.updateButtonValue('trigger', 0)
  })
  const warning = await waitForMark(page, 'portage:kiosk-warning', 1, 120_000)
  expect(warning.detail!['lastInputAt']).toBeGreaterThanOrEqual(before)
  expect((await xr(page)).presenting).toBe(true)

  // Nobody answers the countdown: the reset ends the session; the page is the attract loop again.
  const reset = await waitForMark(page, 'portage:kiosk-reset', 1, 120_000)
  expect(reset.detail).toEqual({ reason: 'idle' })
  await expect.poll(async () => (await xr(page)).presenting, { timeout: 30_000 }).toBe(false)
  await expect
    .poll(() => page.evaluate(() => window.portageXRDevice!.activeSession ?? null), { timeout: 30_000 })
    .toBeNull()
  await expectAttract(page)
  expect((await kiosk(page)).lastReset).toEqual((await kiosk(page)).initial)
  expect(await marks(page, 'portage:kiosk-reset')).toHaveLength(1)
})
