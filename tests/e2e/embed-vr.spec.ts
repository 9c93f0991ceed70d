/**
 * "Enter VR" inside an iframe: a lesson page on another origin pastes the share dialog's iframe
 * snippet (with `allow="xr-spatial-tracking"`); the framed tour runs Meta's WebXR emulator (IWER as
 * a Quest 3, `?emulate=quest3`, a script of the framed document like any other), offers Enter VR
 * in its bar, starts an immersive session from it, and its own Exit VR returns the embed to the
 * same state. Without the permission the frame offers no Enter VR (and loads none of it), even with `?emulate=`.
 */
import type { Frame, Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { iframeSnippet } from '../../src/core/links/share-links'
import { expect, test } from './fixtures'
import { HOST_ORIGIN, startHost } from './second-origin'
import { enterVR, press, snapshot, xr } from './vr-helpers'

test.use({ allowedOrigins: [HOST_ORIGIN], viewport: { width: 900, height: 600 } })
test.describe.configure({ timeout: 300_000 })

// The lesson pages are written to a folder of their own, served from the second origin (a
// route-fulfilled page cannot frame the loopback app: see docs/security.md).
// (startHost takes a folder relative to the working directory; test-results/ is not committed.)
mkdirSync('test-results', { recursive: true })
const lessons = mkdtempSync('test-results/vr-lesson-')
let host: Awaited<ReturnType<typeof startHost>>
test.beforeAll(async () => {
  host = await startHost(lessons)
})
test.afterAll(async () => {
  await host.close()
  rmSync(lessons, { recursive: true, force: true })
})

/** A lesson page on the second origin with the tour framed by the snippet teachers copy. */
async function openLesson(page: Page, baseURL: string, allow?: string): Promise<Frame> {
  const src = `${baseURL}/?mode=embed&tour=parliament-hill&lang=en&emulate=quest3&diagnostics=1`
  let frame = iframeSnippet(src, 'Portage virtual tour', { width: 800, height: 450 }).replace(
    ' loading="lazy"',
    '',
  )
  if (allow !== undefined) frame = frame.replace(/allow="[^"]*"/, `allow="${allow}"`)
  const name = allow === undefined ? 'vr-lesson.html' : 'no-vr-lesson.html'
  writeFileSync(
    join(lessons, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>VR lesson</title></head><body><h1>Lesson</h1>${frame}</body></html>`,
  )
  await page.goto(`${HOST_ORIGIN}/${name}`)
  await expect.poll(() => page.frames().some((f) => f.url().includes('mode=embed'))).toBe(true)
  const tour = page.frames().find((f) => f.url().includes('mode=embed'))!
  await expect(tour.locator('.embed')).toBeVisible({ timeout: 60_000 })
  return tour
}

const panelTitle = (frame: Frame) => frame.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })

test('a frame allowed xr-spatial-tracking enters VR from its bar, and Exit VR returns to the same embed', async ({
  page,
  baseURL,
}) => {
  const frame = await openLesson(page, baseURL!)
  // Cross-origin (another port), and the page's policy delegates the feature to it.
  expect(new URL(frame.url()).origin).not.toBe(HOST_ORIGIN)
  expect(
    await frame.evaluate(() =>
      (
        document as Document & { featurePolicy: { allowsFeature(f: string): boolean } }
      ).featurePolicy.allowsFeature('xr-spatial-tracking'),
    ),
  ).toBe(true)
  await expect(frame.locator('.embed')).toHaveAttribute('data-xr-allowed', 'true')
  const button = frame.getByTestId('embed-enter-vr')
  await expect(button).toBeEnabled({ timeout: 30_000 })
  await expect(button).toHaveAccessibleName('Enter VR')

  // A story open in the embed first.
  await frame.getByTestId('embed-stories').click()
  await frame.locator('[data-hotspot="charter-proclamation"]').click()
  await expect(panelTitle(frame)).toHaveText('The Charter of Rights and Freedoms')
  const before = await snapshot(frame)

  // What the button asks the browser for.
  await frame.evaluate(() => {
    const system = navigator.xr!
    const request = system.requestSession.bind(system)
    const w = window as unknown as { sessionRequests: { mode: string; required: string[] }[] }
    w.sessionRequests = []
    system.requestSession = (mode, init) => {
      w.sessionRequests.push({ mode, required: [...(init?.requiredFeatures ?? [])] as string[] })
      return request(mode, init)
    }
  })
  await enterVR(frame)
  expect(
    await frame.evaluate(() => (window as unknown as { sessionRequests: unknown[] }).sessionRequests),
  ).toEqual([expect.objectContaining({ mode: 'immersive-vr' })])
  const inVr = await snapshot(frame)
  expect(inVr.views).toBe(2)
  await expect.poll(async () => (await xr(frame)).panel.hotspot).toBe('charter-proclamation')

  // The visitor's own Exit VR, from the wrist menu.
  await press(frame, 'menu:open')
  await expect.poll(async () => (await xr(frame)).menuOpen).toBe(true)
  await press(frame, 'menu:exit')
  await expect.poll(async () => (await xr(frame)).presenting, { timeout: 30_000 }).toBe(false)

  // The same embed, at the same place: story open, the bar's button ready again, no fault notice.
  await expect.poll(async () => (await snapshot(frame)).views).toBe(1)
  const after = await snapshot(frame)
  expect({ tour: after.tour, stop: after.stop, hotspot: after.hotspot }).toEqual({
    tour: before.tour,
    stop: before.stop,
    hotspot: 'charter-proclamation',
  })
  await expect(panelTitle(frame)).toHaveText('The Charter of Rights and Freedoms')
  await expect(button).toBeEnabled()
  await expect(frame.getByTestId('notices')).not.toContainText('You left VR')
  const box = await page.locator('iframe').boundingBox()
  expect(await frame.evaluate(() => [innerWidth, innerHeight])).toEqual([box!.width, box!.height])
})

test('a frame not allowed xr-spatial-tracking offers no Enter VR, even with ?emulate= in its URL', async ({
  page,
  baseURL,
}) => {
  const frame = await openLesson(page, baseURL!, 'fullscreen; autoplay')
  expect(
    await frame.evaluate(() =>
      (
        document as Document & { featurePolicy: { allowsFeature(f: string): boolean } }
      ).featurePolicy.allowsFeature('xr-spatial-tracking'),
    ),
  ).toBe(false)
  await expect(frame.locator('.embed')).toHaveAttribute('data-xr-allowed', 'false')
  // VR is not offered, so nothing of it loads: not the support check, not the emulator asked for.
  await expect(frame.getByTestId('embed-open-full')).toHaveAccessibleName(
    'Open full screen / in VR (opens in a new tab)',
  )
  await expect(frame.getByTestId('embed-enter-vr')).toHaveCount(0)
  expect(await frame.evaluate(() => window.portageXRDevice)).toBeUndefined()
})
