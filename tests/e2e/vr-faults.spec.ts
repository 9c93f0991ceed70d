/**
 * Headset faults, in Meta's WebXR emulator (IWER as a Quest 3): the browser refusing to start the
 * session, and the session ending without the visitor's Exit VR (the system menu, the headset
 * taken off). Each leaves a message in the visitor's language and the tour usable on the page.
 */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'
import { enterVR, openWithHeadset, snapshot, waitFrames, xr } from './vr-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const charter = tour.stops[0]!.hotspots.find((h) => h.id === 'charter-proclamation')!

test.use({ viewport: { width: 640, height: 480 } })
test.describe.configure({ timeout: 300_000 })

/** The next `requestSession` (only that one) is refused, as a browser does, with `name`. */
async function refuseNextSession(page: Page, name: string) {
  await page.evaluate((name) => {
    const system = navigator.xr!
    const original = system.requestSession.bind(system)
    let refused = 0
    ;(window as unknown as { refusedSessions: () => number }).refusedSessions = () => refused
    system.requestSession = (...args: Parameters<XRSystem['requestSession']>) => {
      if (refused > 0) return original(...args)
      refused++
      return Promise.reject(new DOMException('The browser refused the session (test).', name))
    }
  }, name)
}

for (const { lang, name, message, enter } of [
  {
    lang: 'en',
    name: 'NotAllowedError',
    message:
      /VR did not start: permission to use the headset was not given\. You can go on with the tour here/,
    enter: 'Enter VR',
  },
  {
    lang: 'fr',
    name: 'SecurityError',
    message: /La réalité virtuelle n’est pas permise sur cette page .*Vous pouvez poursuivre la visite ici\./,
    enter: 'Entrer en réalité virtuelle',
  },
]) {
  test(`a refused session (${name}) says so in ${lang}; the tour goes on and VR can be tried again`, async ({
    page,
    guard,
  }) => {
    await openWithHeadset(page, `lang=${lang}&tour=${tour.id}`)
    await refuseNextSession(page, name)
    const button = page.getByRole('button', { name: enter, exact: true })
    await button.click()

    const notices = page.getByTestId('notices')
    await expect(notices).toHaveText(message)
    // Only the visitor's language: not the browser's English error text.
    await expect(notices).not.toContainText('test')
    expect(
      await page.evaluate(() => (window as unknown as { refusedSessions: () => number }).refusedSessions()),
    ).toBe(1)
    expect((await xr(page)).presenting).toBe(false)

    // The tour still works on the page: a story opens from its marker in the list.
    await page.locator(`[data-hotspot="${charter.id}"]`).first().click()
    await expect(page.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })).toHaveText(
      charter.title[lang as 'en' | 'fr']!,
    )
    // The button is usable again, and this time the session starts.
    await expect(button).toBeEnabled()
    await enterVR(page)
    await expect.poll(async () => (await xr(page)).panel.hotspot).toBe(charter.id)
    expect(guard.errors).toEqual([])
  })
}

test('the session ending unexpectedly mid-story: back on the page at the same place, narration paused, VR again', async ({
  page,
  guard,
}) => {
  await openWithHeadset(page, `lang=en&tour=${tour.id}&hotspot=${charter.id}`)
  // The story is being told (started on the page), and goes on in the headset.
  const narration = page.getByTestId('narration')
  if ((await narration.getAttribute('data-status')) !== 'playing')
    await narration.getByRole('button', { name: /^(Play|Resume) narration$/ }).click()
  await expect(narration).toHaveAttribute('data-status', 'playing')
  await enterVR(page)
  const before = await snapshot(page)
  expect(before.hotspot).toBe(charter.id)
  await expect.poll(async () => (await xr(page)).panel.hotspot).toBe(charter.id)
  await expect(narration).toHaveAttribute('data-status', 'playing')

  // The headset is taken off (hidden), and the system ends the session: not the app's Exit VR.
  await page.evaluate(async () => {
    const device = window.portageXRDevice!
    device.updateVisibilityState('hidden')
    await new Promise((r) => device.activeSession!.requestAnimationFrame(r))
    await device.activeSession!.end()
  })
  await expect.poll(async () => (await xr(page)).presenting).toBe(false)

  // The desktop view, at the same tour, stop and story.
  await expect.poll(async () => (await snapshot(page)).views).toBe(1)
  const after = await snapshot(page)
  expect({ tour: after.tour, stop: after.stop, hotspot: after.hotspot }).toEqual({
    tour: before.tour,
    stop: before.stop,
    hotspot: charter.id,
  })
  await expect(page.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })).toHaveText(
    charter.title.en!,
  )
  await expect(page).toHaveURL(new RegExp(`hotspot=${charter.id}`))
  // Nobody hears the headset any more: the narration is paused where it was, and the visitor told.
  await expect(narration).toHaveAttribute('data-status', 'paused')
  expect(await page.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => a.paused)).toBe(true)
  await expect(page.getByTestId('notices')).toContainText('You left VR. The tour is where you were')
  // The page draws frames again, into the page's canvas.
  const frames = (await snapshot(page)).frames
  await expect.poll(async () => (await snapshot(page)).frames).toBeGreaterThan(frames + 3)
  expect(guard.errors).toEqual([])

  // And a new session can start.
  await page.evaluate(() => window.portageXRDevice!.updateVisibilityState('visible'))
  await expect(page.getByRole('button', { name: 'Enter VR', exact: true })).toBeEnabled()
  await enterVR(page)
  await expect.poll(async () => (await xr(page)).panel.hotspot).toBe(charter.id)
  await waitFrames(page, 2)
})
