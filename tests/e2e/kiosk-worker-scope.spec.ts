/**
 * The kiosk's offline worker serves the whole site from its cache: it is installed only where a kiosk
 * is meant to run (the launcher, this machine, or a host the kiosk configuration names), never for a
 * visitor who followed a `?mode=kiosk` link on a public site.
 */
import { CHROMIUM_PATH } from '../../playwright.config'
// Not the fixtures' test: its guard takes any host but the test server's for another origin.
import { expect, test } from '@playwright/test'
import { expectAttract, FAST_KIOSK, kiosk, withKioskConfig } from './kiosk-helpers'
import { PORTS } from './ports'

// portage.example is this server, seen as another (secure) host: a public site where someone
// followed a ?mode=kiosk link.
const host = `portage.example:${PORTS.app}`
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--autoplay-policy=no-user-gesture-required',
      '--host-resolver-rules=MAP portage.example 127.0.0.1',
      `--unsafely-treat-insecure-origin-as-secure=http://${host}`,
    ],
  },
})
test('a ?mode=kiosk link installs no worker; a host the configuration names does', async ({ page }) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto(`http://${host}/?mode=kiosk&diagnostics=1`)
  await expectAttract(page)
  await expect.poll(async () => (await kiosk(page)).offline.state).toBe('elsewhere')
  await page.waitForTimeout(2000)
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0)

  await page.unrouteAll()
  await withKioskConfig(page, { ...FAST_KIOSK, hosts: ['portage.example'] })
  await page.reload()
  await expectAttract(page)
  await expect
    .poll(async () => (await kiosk(page)).offline.state, { timeout: 30_000 })
    .toMatch(/installing|ready/)
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(1)
})
