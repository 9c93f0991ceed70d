/**
 * "View on a table" inside an iframe, as for VR: a lesson page on another origin frames the tour
 * with the share dialog's snippet (`allow="xr-spatial-tracking"`); the framed tour runs Meta's WebXR
 * emulator (IWER as a Quest 3 with its synthetic room, `?emulate=quest3`), offers AR in its bar,
 * places the site on the room's table and leaves AR at the same place. A frame the page does not
 * allow WebXR offers no AR and loads none of its code, even with `?emulate=`.
 */
import type { Frame, Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { iframeSnippet } from '../../src/core/links/share-links'
import { arState, lookAtTable } from './ar-helpers'
import { expect, test } from './fixtures'
import { HOST_ORIGIN, startHost } from './second-origin'
import { snapshot, waitFrames } from './vr-helpers'

test.use({ allowedOrigins: [HOST_ORIGIN], viewport: { width: 900, height: 600 } })
test.describe.configure({ timeout: 300_000 })

// Lesson pages in a folder of their own, served from the second origin (test-results/ is not committed).
mkdirSync('test-results', { recursive: true })
const lessons = mkdtempSync('test-results/ar-lesson-')
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
  const name = allow === undefined ? 'ar-lesson.html' : 'no-ar-lesson.html'
  writeFileSync(
    join(lessons, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AR lesson</title></head><body><h1>Lesson</h1>${frame}</body></html>`,
  )
  await page.goto(`${HOST_ORIGIN}/${name}`)
  await expect.poll(() => page.frames().some((f) => f.url().includes('mode=embed'))).toBe(true)
  const tour = page.frames().find((f) => f.url().includes('mode=embed'))!
  await expect(tour.locator('.embed')).toBeVisible({ timeout: 60_000 })
  return tour
}

/** The AR mode's chunks the frame has fetched (tabletop-store and what it brings). */
const arChunks = (frame: Frame) =>
  frame.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /\/app\/(tabletop-store|ArSlot|ArEntry|ArLayer)-/.test(n)),
  )

test('a frame allowed xr-spatial-tracking places the site on the table from its bar, and leaves AR at the same place', async ({
  page,
  baseURL,
}) => {
  const frame = await openLesson(page, baseURL!)
  await expect(frame.locator('.embed')).toHaveAttribute('data-xr-allowed', 'true')
  const button = frame.getByTestId('embed-enter-ar')
  await expect(button).toBeEnabled({ timeout: 60_000 })
  await expect(button).toHaveAccessibleName('View on a table')
  await expect(frame.getByTestId('embed-enter-vr')).toBeVisible()
  // What the other test expects not to see, seen here: the AR mode's own chunks.
  expect(await arChunks(frame)).toEqual(expect.arrayContaining([expect.stringMatching(/tabletop-store-/)]))

  // A story open in the embed first.
  await frame.getByTestId('embed-stories').click()
  await frame.locator('[data-hotspot="charter-proclamation"]').click()
  const before = await snapshot(frame)

  await lookAtTable(frame)
  await button.click()
  await expect.poll(async () => (await arState(frame))?.mode, { timeout: 60_000 }).toBe('immersive-ar')
  await waitFrames(frame, 2)
  // The room's table is found; a tap on the view (the overlay, inside the frame) sets the site down.
  await expect.poll(async () => (await arState(frame)).ar?.surfaceFound, { timeout: 60_000 }).toBe(true)
  const box = (await page.locator('iframe').boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect.poll(async () => (await arState(frame)).placed, { timeout: 30_000 }).toBe(true)

  await frame.getByRole('button', { name: 'Exit AR' }).click()
  await expect.poll(async () => (await snapshot(frame)).xr?.presenting, { timeout: 30_000 }).toBe(false)
  const after = await snapshot(frame)
  expect({ tour: after.tour, stop: after.stop, hotspot: after.hotspot }).toEqual({
    tour: before.tour,
    stop: before.stop,
    hotspot: 'charter-proclamation',
  })
  await expect(button).toBeEnabled()
})

test('a frame not allowed xr-spatial-tracking offers no AR and loads none of it, even with ?emulate=', async ({
  page,
  baseURL,
}) => {
  const frame = await openLesson(page, baseURL!, 'fullscreen; autoplay')
  await expect(frame.locator('.embed')).toHaveAttribute('data-xr-allowed', 'false')
  await expect(frame.getByTestId('embed-open-full')).toBeVisible()
  // Wait until the stop is drawn: the AR slot of a page would have loaded by then.
  await expect
    .poll(() => frame.evaluate(() => performance.getEntriesByName('portage:stop-frame').length), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0)
  await expect(frame.getByTestId('embed-enter-ar')).toHaveCount(0)
  expect(await arChunks(frame)).toEqual([])
})
