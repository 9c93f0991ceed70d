/**
 * A kiosk run in a headset (the emulated Quest 3): the visitor enters VR from the visit; the idle
 * countdown shows in the world, where they can see it, and a trigger pull answers it; when nobody is
 * there any more, the idle reset ends the immersive session and the attract loop comes back.
 */
import { expect, test } from './fixtures'
import { expectAttract, FAST_KIOSK, kiosk, marks, waitForMark, withKioskConfig } from './kiosk-helpers'
import { enterVR, xr } from './vr-helpers'

test.use({ serviceWorkers: 'block', viewport: { width: 640, height: 480 } })
test.describe.configure({ timeout: 300_000 })

test('in the headset: the countdown shows in the world, a trigger pull answers it, the reset ends VR', async ({
  page,
}) => {
  const config = { ...FAST_KIOSK, idleTimeoutSeconds: 12, warningSeconds: 4 }
  await withKioskConfig(page, config)
  await page.goto('/?mode=kiosk&diagnostics=1&emulate=quest3')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await expect(page.getByRole('button', { name: 'Enter VR' })).toBeEnabled({ timeout: 60_000 })
  await enterVR(page)

  // Nobody moves: the countdown comes, in the world too (the page is out of sight), in both
  // languages, with the seconds left.
  await waitForMark(page, 'portage:kiosk-warning', 1, 120_000)
  await expect
    .poll(async () => (await xr(page)).notice)
    .toMatch(
      /^Are you still there\? \| Êtes-vous toujours là\? \| Pull the trigger .* \| Appuyez .* \| [1-4]$/,
    )

  // The trigger, pulled in the headset, is the visitor's answer: the visit goes on.
  await page.evaluate(async () => {
    const controller = window.portageXRDevice!.controllers['right']!
    controller.updateButtonValue('trigger', 1)
    await new Promise((r) => setTimeout(r, 600))
    controller.updateButtonValue('trigger', 0)
  })
  await waitForMark(page, 'portage:kiosk-extend', 1, 30_000)
  await expect.poll(async () => (await xr(page)).notice).toBe('')
  expect((await xr(page)).presenting).toBe(true)
  expect(await marks(page, 'portage:kiosk-reset')).toHaveLength(0)

  // Then nobody answers the countdown: the reset ends the session; the page is the attract loop again.
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
