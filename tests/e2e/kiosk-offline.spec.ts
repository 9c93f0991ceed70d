/**
 * Offline: after one load online, the kiosk's service worker holds the app and every file of its
 * tours; with the network off it reloads, draws the site, and plays a story's narration with
 * captions. A new version waits for the next reset, never in front of a visitor.
 */
import type { Page } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test, waitForStopFrame } from './fixtures'
import { expectAttract, kiosk, waitForMark } from './kiosk-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const story = stop.hotspots[3]!

// Installing 10 MB and playing audio offline on CPU-rendered WebGL takes a while.
test.setTimeout(240_000)

async function waitForOfflineCopy(page: Page) {
  await expect
    .poll(async () => (await kiosk(page)).offline.state, { timeout: 120_000, intervals: [1000] })
    .toBe('ready')
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

test('after one load online, the kiosk reloads and runs with the network off', async ({ page, context }) => {
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await waitForOfflineCopy(page)
  const { offline } = await kiosk(page)
  expect(offline.cached).toBe(offline.files)

  await context.setOffline(true)
  // The network is really off: a file that is not in the offline copy cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch('/scenes/tour.schema.json').then(
        () => 'fetched',
        () => 'failed',
      ),
    ),
  ).toBe('failed')
  for (let reload = 0; reload < 2; reload++) {
    await page.reload()
    await expectAttract(page)
    await waitForStopFrame(page, stop.id)
  }

  // A visit, offline: the story's narration plays from the offline copy, with its captions.
  await page.getByRole('button', { name: 'Touchez pour commencer' }).click()
  await page.locator(`[data-hotspot="${story.id}"]`).click()
  const narration = page.getByTestId('narration')
  await expect(narration).toHaveAttribute('data-status', 'playing', { timeout: 60_000 })
  await expect(page.locator('.stage .captions p')).toHaveText(/\S/, { timeout: 60_000 })
  // Seeking (as a language switch does) works offline too: the cache answers byte ranges.
  await page.getByRole('button', { name: 'English' }).click()
  await expect(narration).toHaveAttribute('data-status', 'playing')
  await expect
    .poll(() => page.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => a.currentSrc))
    .toMatch(/\.en\.mp3$/)
  await expect
    .poll(() => page.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => a.currentTime))
    .toBeGreaterThan(0.5)
  await context.setOffline(false)
})

test('a new version is applied at the next reset, never during a visit', async ({ page, context }) => {
  // The server's /sw.js is replaced by a newer build's (the same worker, one byte different).
  let version = 1
  await context.route('**/sw.js', async (route) => {
    const response = await route.fetch()
    await route.fulfill({ response, body: `${await response.text()}\n// build ${version}\n` })
  })
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await waitForOfflineCopy(page)

  // A visitor is there when the new version arrives.
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await expect(page.getByRole('heading', { level: 1, name: stop.title['en']! })).toBeVisible()
  version = 2
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()))
  await expect.poll(async () => (await kiosk(page)).offline.updateWaiting, { timeout: 120_000 }).toBe(true)
  // Nothing happens in front of the visitor: same page, same visit.
  await page.locator(`[data-hotspot="${story.id}"]`).click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  expect((await kiosk(page)).phase).toBe('visit')
  expect(await page.evaluate(() => performance.getEntriesByName('portage:ready').length)).toBe(1)

  // The visit ends: the kiosk switches to the new version by a reload nobody watches.
  const reloaded = page.waitForEvent('load')
  await page.getByRole('button', { name: 'End visit' }).click()
  await reloaded
  await expectAttract(page)
  await expect.poll(async () => (await kiosk(page)).offline.updateWaiting).toBe(false)
  const scriptText = await page.evaluate(() => fetch('/sw.js', { cache: 'no-store' }).then((r) => r.text()))
  expect(scriptText).toContain('// build 2')
  await waitForMark(page, 'portage:ready')
})

test('a partial deploy that answers a missing file with index.html leaves no HTML cached as a script or model', async ({
  page,
  context,
}) => {
  const index = readFileSync('dist/index.html', 'utf8')
  // A script the kiosk page itself never loads (the headset emulator's): only the worker's install
  // asks for it, and the server has lost it.
  const chunk = readdirSync('dist/app').find((f) => /^emulator-[\w-]+\.js$/.test(f))!
  const missing = [`/app/${chunk}`]
  await context.route(
    (url) => missing.includes(url.pathname),
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: index }),
  )
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await expect
    .poll(async () => (await kiosk(page)).offline.state, { timeout: 120_000, intervals: [1000] })
    .toBe('error')
  const cached = await page.evaluate(async (urls) => {
    const found: string[] = []
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const url of urls) {
        const hit = await cache.match(url)
        if (hit) found.push(`${url}: ${hit.headers.get('content-type')}`)
      }
    }
    return found
  }, missing)
  expect(cached).toEqual([])
  // The worker never took over with a broken copy: the kiosk keeps running from the network.
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull()
})

test('any other way in removes a kiosk worker it finds, with its caches', async ({ page }) => {
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await waitForOfflineCopy(page)
  await page.goto('/?lang=en')
  await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
  await expect
    .poll(
      () =>
        page.evaluate(async () => ({
          workers: (await navigator.serviceWorker.getRegistrations()).length,
          caches: (await caches.keys()).filter((n) => n.startsWith('portage-kiosk-')).length,
        })),
      { timeout: 60_000 },
    )
    .toEqual({ workers: 0, caches: 0 })
  // The removed worker still controls this page until it is left; its requests must not bring an
  // (empty) cache back.
  const precached = await page.evaluate(async () => {
    const scripts = [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src)
    await Promise.all(['/', ...scripts].map((u) => fetch(u).then((r) => r.arrayBuffer())))
    return (await caches.keys()).filter((n) => n.startsWith('portage-kiosk-'))
  })
  expect(precached).toEqual([])
})
