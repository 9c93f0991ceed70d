/**
 * "View on a table" in Meta's WebXR emulator (IWER as a Quest 3) with its synthetic environment
 * module (a small office with a table, for hit-test): enter AR, place the site on the table, open
 * a story by a tap on the screen and by a controller's ray, hear its narration with captions,
 * resize the miniature (buttons and both grips), and leave AR at the same stop and story.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import {
  arState,
  enterAR,
  exitAR,
  openWithAr,
  placeByTrigger,
  placeOnTable,
  roomPoint,
  TABLE,
} from './ar-helpers'
import { expect, test } from './fixtures'
import { aimAt, press, pull, snapshot, waitFrames } from './vr-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const charter = stop.hotspots.find((h) => h.id === 'charter-proclamation')!
const peacekeeping = stop.hotspots.find((h) => h.id === 'peacekeeping-monument')!

// A phone's screen.
test.use({ viewport: { width: 412, height: 800 } })
test.describe.configure({ timeout: 400_000 })

test('on the table: a story by a tap and by a ray, narration with captions, resize, leave at the same place', async ({
  page,
  guard,
}) => {
  await openWithAr(page)
  await enterAR(page)
  const overlay = page.getByTestId('ar-view')
  await expect(page.getByTestId('ar-hint')).toHaveText(
    /Tap to place the site on the ring\.|Point your device at a table or the floor\./,
  )
  // Nothing of the headset's VR in an AR session: no rig, panels or menu of its own.
  expect((await snapshot(page)).xr).toMatchObject({ mode: 'immersive-ar', placed: false })

  await placeOnTable(page)
  let s = await arState(page)
  // Standing on the table top, at a tabletop size: the stop's footprint ~0.6 m across.
  expect(Math.abs(s.ar!.surface[1] - TABLE.y)).toBeLessThan(0.05)
  expect(s.scale! * s.ar!.siteSize).toBeCloseTo(0.6, 2)
  await expect(page.getByTestId('ar-hint')).toHaveText(/Pinch to resize, twist to turn/)
  // What docs/ar.md reports: the miniature's cost in the emulator (CPU rendering, both eyes).
  await waitFrames(page, 8)
  const cost = await snapshot(page)
  console.log(
    `Parliament Hill on the table: ${cost.drawCallsPerEye} draw calls per eye (${cost.drawCalls} for ${cost.views} views), ` +
      `frame ${cost.frameTimeMs} ms (median), ${cost.triangles} triangles`,
  )

  // A tap on a marker (where the screen shows it) opens its story, with narration and captions.
  const marker = s.ar!.markers.find((m) => m.id === charter.id)!
  expect(marker, 'the Charter marker is on the screen').toBeTruthy()
  await page.mouse.click(marker.x, marker.y)
  await expect(overlay.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })).toHaveText(
    charter.title.en!,
  )
  await expect(overlay.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  const captions = overlay.getByTestId('captions')
  await expect(captions).not.toHaveText('', { timeout: 30_000 })
  const first = await captions.innerText()
  await expect(captions).not.toHaveText(first, { timeout: 60_000 })
  expect(await page.locator('audio').count(), 'one narration player, not two').toBe(1)

  // A controller's ray at another marker (where the miniature puts it on the table).
  await overlay
    .getByRole('button', { name: 'Close' })
    .first()
    .click()
    .catch(() => {})
  s = await arState(page)
  const target = roomPoint(s, peacekeeping.position)
  await aimAt(page, target, { fromWorld: { x: target.x, y: target.y + 0.25, z: target.z + 0.15 } })
  await pull(page)
  await expect.poll(async () => (await snapshot(page)).hotspot, { timeout: 30_000 }).toBe(peacekeeping.id)

  // Resize: the Larger button, then both grips moved apart (twice as far: twice the size).
  const before = (await arState(page)).scale!
  await overlay.getByRole('button', { name: 'Larger' }).click()
  await expect.poll(async () => (await arState(page)).scale).toBeCloseTo(before * 1.5, 5)
  await page.evaluate(() => {
    const dev = window.portageXRDevice!
    dev.controllers.left!.position.set(-0.1, 1.2, -0.4)
    dev.controllers.right!.position.set(0.1, 1.2, -0.4)
    dev.controllers.left!.updateButtonValue('squeeze', 1)
    dev.controllers.right!.updateButtonValue('squeeze', 1)
  })
  await waitFrames(page, 3)
  await page.evaluate(() => {
    const dev = window.portageXRDevice!
    dev.controllers.left!.position.set(-0.2, 1.2, -0.4)
    dev.controllers.right!.position.set(0.2, 1.2, -0.4)
  })
  await waitFrames(page, 3)
  await page.evaluate(() => {
    const dev = window.portageXRDevice!
    dev.controllers.left!.updateButtonValue('squeeze', 0)
    dev.controllers.right!.updateButtonValue('squeeze', 0)
  })
  await waitFrames(page, 2)
  s = await arState(page)
  expect(s.ar!.gestures).toBe(1)
  // The grips sit a little off the controllers' origins: about twice, not exactly.
  expect(s.scale! / (before * 1.5)).toBeGreaterThan(1.85)
  expect(s.scale! / (before * 1.5)).toBeLessThan(2.15)
  await expect(overlay.getByTestId('ar-scale')).toHaveText(/^Scale 1:/)

  // Next stop works in AR (the site changes under the same placement), and back.
  if (tour.stops.length > 1) {
    await overlay.getByRole('button', { name: 'Next stop' }).click()
    await expect.poll(async () => (await snapshot(page)).stop).toBe(tour.stops[1]!.id)
    await overlay.getByRole('button', { name: 'Previous stop' }).click()
    await expect.poll(async () => (await snapshot(page)).stop).toBe(stop.id)
    // The story of a marker again, by a tap: the place to come back to.
    await waitFrames(page, 3)
    const again = (await arState(page)).ar!.markers.find((m) => m.id === charter.id)!
    await page.mouse.click(again.x, again.y)
    await expect.poll(async () => (await snapshot(page)).hotspot).toBe(charter.id)
  }
  const place = await snapshot(page)

  // Leaving: the page at the same stop and story.
  await exitAR(page)
  const after = await snapshot(page)
  expect({ tour: after.tour, stop: after.stop, hotspot: after.hotspot }).toEqual({
    tour: place.tour,
    stop: place.stop,
    hotspot: place.hotspot,
  })
  await expect(page.getByTestId('hotspot-panel').first()).toBeVisible()
  await expect(page.getByTestId('ar-view')).toHaveCount(0)
  expect(guard.errors).toEqual([])
})

test('repeated AR sessions, on a phone and on a headset, leave the renderer memory and programs at their baseline', async ({
  page,
}) => {
  test.setTimeout(900_000)
  // A story open, so each session draws its markers and captions: on the phone's DOM overlay, or
  // (a headset, no DOM overlay) on the in-world story panel, controls and captions.
  await openWithAr(page, `lang=en&tour=${tour.id}&hotspot=${charter.id}`)
  const counters = async () => {
    const d = await snapshot(page)
    return { geometries: d.geometries, textures: d.textures, programs: d.programs }
  }
  const cycle = async (headset: boolean) => {
    await page.evaluate((overlay) => (window.portageXrFeatures!.domOverlay = overlay), !headset)
    await enterAR(page)
    // Placed, so the site is drawn clipped to its footprint (other shader programs) every time.
    if (headset) {
      await placeByTrigger(page)
      await expect.poll(async () => (await arState(page)).panel.hotspot).toBe(charter.id)
      await waitFrames(page, 3)
      await press(page, 'ar:exit')
      await expect.poll(async () => (await snapshot(page)).xr?.presenting, { timeout: 30_000 }).toBe(false)
    } else {
      await placeOnTable(page)
      await waitFrames(page, 3)
      await exitAR(page)
    }
    const frames = (await snapshot(page)).frames
    await expect.poll(async () => (await snapshot(page)).frames).toBeGreaterThan(frames + 3)
  }
  // The first sessions load what later ones share (controller models, the reticle, the panels'
  // canvases): warm up, a phone and a headset session at a time, until a pair adds nothing.
  let baseline = { geometries: -1, textures: -1, programs: -1 }
  for (let i = 0; i < 4; i++) {
    await cycle(false)
    await cycle(true)
    const now = await counters()
    if (JSON.stringify(now) === JSON.stringify(baseline)) break
    baseline = now
  }
  for (let i = 0; i < 4; i++) {
    await cycle(false)
    await cycle(true)
  }
  const after = await counters()
  console.log(
    `renderer after 8 more AR sessions (4 phone, 4 headset): ${JSON.stringify(after)} (baseline ${JSON.stringify(baseline)})`,
  )
  expect(after).toEqual(baseline)
})
