/**
 * AR faults in Meta's WebXR emulator: the browser refusing the session (no camera permission), and
 * the session ending without the visitor's Exit AR (the browser's back gesture, the system menu).
 * Each leaves a message in the visitor's language and the tour usable on the page.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { arState, enterAR, openWithAr, placeOnTable } from './ar-helpers'
import { expect, test } from './fixtures'
import { snapshot } from './vr-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const charter = tour.stops[0]!.hotspots.find((h) => h.id === 'charter-proclamation')!

test.use({ viewport: { width: 412, height: 800 } })
test.describe.configure({ timeout: 300_000 })

test('a refused session says so in French; the tour goes on and AR can be tried again', async ({
  page,
  guard,
}) => {
  const button = await openWithAr(page, `lang=fr&tour=${tour.id}`)
  await expect(button).toHaveText('Voir sur une table')
  await page.evaluate(() => {
    const system = navigator.xr!
    const original = system.requestSession.bind(system)
    let refused = 0
    system.requestSession = (...args: Parameters<XRSystem['requestSession']>) => {
      if (refused++ > 0) return original(...args)
      return Promise.reject(new DOMException('The browser refused the session (test).', 'NotAllowedError'))
    }
  })
  await button.click()
  const notices = page.getByTestId('notices')
  await expect(notices).toHaveText(/La RA n’a pas démarré\s:\sl’accès à la caméra n’a pas été permis\./)
  await expect(notices).not.toContainText('test')
  expect((await snapshot(page)).xr?.presenting).toBe(false)
  // The page tour goes on, and the button starts AR on a second try.
  await page.locator(`[data-hotspot="${charter.id}"]`).first().click()
  await expect(page.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })).toHaveText(
    charter.title.fr!,
  )
  await expect(button).toBeEnabled()
  await enterAR(page)
  expect(guard.errors).toEqual([])
})

test('the session ending from outside mid-story: the page at the same place, narration paused, a message', async ({
  page,
}) => {
  await openWithAr(page, `lang=en&tour=${tour.id}`)
  await enterAR(page)
  await placeOnTable(page)
  const m = (await arState(page)).ar!.markers.find((x) => x.id === charter.id)!
  await page.mouse.click(m.x, m.y)
  await expect(page.getByTestId('ar-view').getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  // Ended by the system, not by our Exit AR.
  await page.evaluate(() => window.portageXRDevice!.activeSession!.end())
  await expect.poll(async () => (await snapshot(page)).xr?.presenting).toBe(false)
  await expect(page.getByTestId('notices')).toHaveText(
    /You left AR\. The tour is where you were; the narration is paused\./,
  )
  const d = await snapshot(page)
  expect({ stop: d.stop, hotspot: d.hotspot }).toEqual({ stop: tour.stops[0]!.id, hotspot: charter.id })
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'paused')
  await expect(page.getByTestId('ar-enter')).toBeEnabled()
})
