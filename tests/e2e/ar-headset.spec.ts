/**
 * "View on a table" on a headset without a DOM overlay (Quest Browser grants none), in Meta's WebXR
 * emulator (IWER as a Quest 3, its synthetic office with a table) told not to grant one: the
 * controls, the open story and its captions are in the world, beside the miniature. Place the site
 * with the trigger, open a story by a controller's ray, hear its narration with captions, switch
 * to French, the next story and the next stop from the panels, and leave AR at the same place.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { arState, enterAR, openWithAr, placeByTrigger, roomPoint, TABLE } from './ar-helpers'
import { expect, test } from './fixtures'
import { aimAt, press, pull, snapshot, waitFrames } from './vr-helpers'

// A tour of several stops, its first at Parliament Hill.
const tour = JSON.parse(readFileSync('scenes/canada-rights-values/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const peacekeeping = stop.hotspots.find((h) => h.id === 'peacekeeping-monument')!

const ids = async (page: Parameters<typeof arState>[0]) => (await arState(page)).targets.map((t) => t.id)

test.use({ viewport: { width: 1280, height: 800 } })
test.describe.configure({ timeout: 600_000 })

test('no DOM overlay: the story, captions and controls in the world, in both languages', async ({
  page,
  guard,
}, testInfo) => {
  await openWithAr(page, `lang=en&tour=${tour.id}`)
  // A headset browser: no DOM overlay granted, however the page asks.
  await page.evaluate(() => (window.portageXrFeatures!.domOverlay = false))
  await enterAR(page)
  let s = await arState(page)
  expect(s.ar!.overlay).toBe(false)
  // Nothing on the page's overlay: a headset would not show it.
  await expect(page.getByTestId('ar-view')).toHaveCount(0)
  // What to do next, in the world, with a way out before anything is placed.
  expect(s.ar!.hint).toMatch(/Look at a table or the floor|Pull the trigger or pinch to set the site down/)
  await expect.poll(() => ids(page)).toEqual(expect.arrayContaining(['ar:exit', 'ar:lang:fr']))

  // The trigger sets the site down where the headset looks (the table).
  await expect.poll(async () => (await arState(page)).ar?.surfaceFound, { timeout: 60_000 }).toBe(true)
  await expect
    .poll(async () => (await arState(page)).ar?.hint)
    .toBe('Pull the trigger or pinch to set the site down on the ring.')
  await placeByTrigger(page)
  await expect.poll(async () => (await arState(page)).ar?.hint).toMatch(/^Point at a marker/)
  await expect
    .poll(() => ids(page))
    .toEqual(expect.arrayContaining(['ar:next-stop', 'ar:move', 'ar:lang:fr', 'ar:exit']))
  s = await arState(page)
  expect(Math.abs(s.ar!.surface[1] - TABLE.y)).toBeLessThan(0.05)
  // The controls stand on the table beside the miniature, on the visitor's right, within reach.
  const exit = s.targets.find((t) => t.id === 'ar:exit')!
  const half = (s.scale! * s.ar!.siteSize) / 2
  expect(exit.x).toBeGreaterThan(s.ar!.surface[0] + half)
  expect(exit.y).toBeGreaterThan(TABLE.y)
  expect(exit.y).toBeLessThan(TABLE.y + 0.4)
  expect(Math.hypot(exit.x, exit.y - 1.55, exit.z)).toBeLessThan(1.8)
  // Facing the visitor (who stands at the origin).
  expect(exit.normal[0] * -exit.x + exit.normal[2] * -exit.z).toBeGreaterThan(0)

  // A controller's ray at a marker of the miniature opens its story in the world.
  const target = roomPoint(s, peacekeeping.position)
  await aimAt(page, target, { fromWorld: { x: target.x, y: target.y + 0.25, z: target.z + 0.15 } })
  await pull(page)
  await expect.poll(async () => (await snapshot(page)).hotspot, { timeout: 30_000 }).toBe(peacekeeping.id)
  await expect
    .poll(async () => (await arState(page)).panel)
    .toEqual({ hotspot: peacekeeping.id, title: peacekeeping.title.en, lang: 'en' })
  await expect
    .poll(() => ids(page))
    .toEqual(expect.arrayContaining(['hotspot:play', 'hotspot:next', 'hotspot:previous', 'hotspot:close']))
  // The story stands above the controls, in the same column.
  s = await arState(page)
  const close = s.targets.find((t) => t.id === 'hotspot:close')!
  expect(close.y).toBeGreaterThan(s.targets.find((t) => t.id === 'ar:exit')!.y)

  // Narration plays (the page's one player) and the captions in the world follow it.
  await expect(page.getByTestId('narration').first()).toHaveAttribute('data-status', 'playing')
  await expect.poll(async () => (await arState(page)).caption, { timeout: 30_000 }).not.toBe('')
  const first = (await arState(page)).caption
  await expect.poll(async () => (await arState(page)).caption, { timeout: 60_000 }).not.toBe(first)
  expect((await arState(page)).captionLang).toBe('en')
  expect(await page.locator('audio').count(), 'one narration player, not two').toBe(1)
  await waitFrames(page, 2)
  await page.screenshot({ path: testInfo.outputPath('ar-headset-en.png') })
  // What docs/ar.md reports: the miniature with the story, captions and controls drawn.
  const cost = await snapshot(page)
  console.log(
    `Parliament Hill on the table, story in the world: ${cost.drawCallsPerEye} draw calls per eye ` +
      `(${cost.drawCalls} for ${cost.views} views), frame ${cost.frameTimeMs} ms (median)`,
  )
  expect(cost.drawCallsPerEye).toBeLessThanOrEqual(100)

  // French, from the controls: the story, its captions and the controls follow.
  await press(page, 'ar:lang:fr')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect
    .poll(async () => (await arState(page)).panel)
    .toEqual({ hotspot: peacekeeping.id, title: peacekeeping.title.fr, lang: 'fr' })
  await expect.poll(async () => (await arState(page)).ar?.hint).toMatch(/^Visez un repère/)
  // The narration again from the story's own button (it may have ended meanwhile): in French.
  await press(page, 'hotspot:replay')
  await expect(page.getByTestId('narration').first()).toHaveAttribute('data-status', 'playing')
  await expect.poll(async () => (await arState(page)).captionLang, { timeout: 60_000 }).toBe('fr')
  expect((await arState(page)).caption).not.toBe('')
  await expect.poll(() => ids(page)).toEqual(expect.arrayContaining(['ar:lang:en']))
  await waitFrames(page, 2)
  await page.screenshot({ path: testInfo.outputPath('ar-headset-fr.png') })

  // The story's own next, then the next stop and back, from the panels.
  await press(page, 'hotspot:next')
  await expect.poll(async () => (await snapshot(page)).hotspot).not.toBe(peacekeeping.id)
  const story = (await snapshot(page)).hotspot
  await expect.poll(async () => (await arState(page)).panel.hotspot).toBe(story)
  await press(page, 'ar:next-stop')
  await expect.poll(async () => (await snapshot(page)).stop).toBe(tour.stops[1]!.id)
  await expect.poll(() => ids(page)).toEqual(expect.arrayContaining(['ar:previous-stop']))
  await press(page, 'ar:previous-stop')
  await expect.poll(async () => (await snapshot(page)).stop).toBe(stop.id)
  // A story again, by the ray: the place to come back to.
  await waitFrames(page, 3)
  s = await arState(page)
  const again = roomPoint(s, peacekeeping.position)
  await aimAt(page, again, { fromWorld: { x: again.x, y: again.y + 0.25, z: again.z + 0.15 } })
  await pull(page)
  await expect.poll(async () => (await snapshot(page)).hotspot, { timeout: 30_000 }).toBe(peacekeeping.id)
  const place = await snapshot(page)

  // Leaving from the controls: the page at the same stop and story, in French.
  await press(page, 'ar:exit')
  await expect.poll(async () => (await snapshot(page)).xr?.presenting, { timeout: 30_000 }).toBe(false)
  const after = await snapshot(page)
  expect({ tour: after.tour, stop: after.stop, hotspot: after.hotspot }).toEqual({
    tour: place.tour,
    stop: place.stop,
    hotspot: place.hotspot,
  })
  await expect(page.getByTestId('hotspot-panel').first().getByRole('heading', { level: 2 })).toHaveText(
    peacekeeping.title.fr!,
  )
  // Nothing of the session left in the diagnostics (the panels unmounted).
  expect((await arState(page)).mode).not.toBe('immersive-ar')
  expect(guard.errors).toEqual([])
})
