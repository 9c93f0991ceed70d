/**
 * The headset journey, in Meta's WebXR emulator (IWER as a Quest 3, `?emulate=quest3`) in headless
 * Chromium: Enter VR, teleport and turn, stories by controller ray and by hand pinch, narration
 * and captions in the world, the wrist menu (language, comfort, exit), and no leak across many
 * sessions. Emulated XR frames are slow on CPU rendering, hence the small viewport and patience.
 */
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'
import {
  aimAt,
  enterVR,
  exitVR,
  openWithHeadset,
  press,
  selectMarker,
  settle,
  snapshot,
  stick,
  waitFrames,
  xr,
} from './vr-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const charter = stop.hotspots.find((h) => h.id === 'charter-proclamation')!
const flag = stop.hotspots.find((h) => h.id === 'survivors-flag')!

test.use({ viewport: { width: 640, height: 480 } })
test.describe.configure({ timeout: 600_000 })

const angleBetween = (a: number, b: number) => Math.atan2(Math.sin(a - b), Math.cos(a - b))

test('Enter VR only where immersive-vr is supported; elsewhere the page says how to visit in VR', async ({
  page,
}) => {
  await page.goto(`/?lang=en&tour=${tour.id}`)
  // Headless Chromium has WebXR but no headset.
  await expect(page.getByTestId('vr-unavailable')).toHaveText(/open this page in a VR headset's browser/)
  await expect(page.getByRole('button', { name: 'Enter VR' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.getByTestId('vr-unavailable')).toHaveText(/Pour visiter en réalité virtuelle/)
  // The runtime and the emulator are lazy chunks: neither was loaded here.
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
  expect(scripts.filter((s) => /\/(runtime|emulator)-[\w-]+\.js$/.test(s))).toEqual([])

  await openWithHeadset(page, `lang=en&tour=${tour.id}`)
  await expect(page.getByTestId('vr-unavailable')).toHaveCount(0)
})

test('in the headset: true scale at the start, teleport only onto walkable ground, snap turn', async ({
  page,
}) => {
  await openWithHeadset(page)
  await enterVR(page)
  let s = await xr(page)
  const start = s.head
  // Standing at the start viewpoint's ground point, eyes at human height, facing the Peace Tower.
  expect(s.head.x).toBeCloseTo(-6, 0)
  expect(s.head.z).toBeCloseTo(178, 0)
  expect(s.head.y).toBeGreaterThan(1.4)
  expect(s.head.y).toBeLessThan(1.8)
  expect(Math.abs(angleBetween(s.head.yaw, Math.atan2(-(0 - -6), -(0 - 178))))).toBeLessThan(0.05)
  expect(s.frameRate, 'the higher refresh rate is requested').toBe(90)

  // Aim ahead and down at the lawn, push the stick forward: the arc lands on walkable ground.
  const spot = { x: s.head.x + 2, y: 0, z: s.head.z - 12 }
  await aimAt(page, spot, { from: { x: 0.2, y: 1.4, z: -0.35 } })
  await stick(page, 0, -1)
  await expect.poll(async () => (await xr(page)).arc).toMatchObject({ aiming: true, valid: true })
  const landing = (await xr(page)).arc
  await stick(page, 0, 0)
  await expect.poll(async () => (await xr(page)).teleports).toBe(1)
  s = await xr(page)
  expect(s.head.x).toBeCloseTo(landing.x, 0)
  expect(s.head.z).toBeCloseTo(landing.z, 0)
  expect(s.head.z, 'moved forward').toBeLessThan(start.z - 2)

  // Jump backwards, 45° up (about 24 m each), towards the lawn's far edge (z = 202): once the arc
  // lands past it, it is not valid, and letting go does nothing.
  let invalid = false
  for (let i = 0; i < 3 && !invalid; i++) {
    s = await xr(page)
    await aimAt(page, { x: s.head.x, y: s.head.y + 10, z: s.head.z + 10 })
    await stick(page, 0, -1)
    await expect.poll(async () => (await xr(page)).arc.aiming).toBe(true)
    const arc = (await xr(page)).arc
    const jumps = s.teleports
    await stick(page, 0, 0)
    if (arc.valid) {
      expect(arc.z).toBeLessThanOrEqual(202)
      await expect.poll(async () => (await xr(page)).teleports).toBe(jumps + 1)
    } else {
      invalid = true
      expect(arc.z, 'the arc went past the walkable lawn').toBeGreaterThan(202)
      await waitFrames(page, 3)
      const after = await xr(page)
      expect(after.teleports).toBe(jumps)
      expect(after.rig).toEqual(s.rig)
    }
  }
  expect(invalid, 'an arc aimed off the walkable area').toBe(true)
  const after = await xr(page)

  // A flick to the right turns 30° right (a negative yaw), about the head; holding does not repeat.
  await stick(page, 1, 0)
  await waitFrames(page, 2)
  await stick(page, 0, 0)
  await expect.poll(async () => (await xr(page)).turns).toBe(1)
  const turned = await xr(page)
  expect(angleBetween(turned.head.yaw, after.head.yaw)).toBeCloseTo(-Math.PI / 6, 2)
  expect(turned.head.x).toBeCloseTo(after.head.x, 2)
  expect(turned.head.z).toBeCloseTo(after.head.z, 2)
})

test('a story by controller ray: panel, narration and captions in the world; hand pinch too', async ({
  page,
}) => {
  await openWithHeadset(page)
  await enterVR(page)
  await selectMarker(page, charter)
  await expect
    .poll(async () => (await xr(page)).panel)
    .toEqual({ hotspot: charter.id, title: charter.title.en })
  const targets = (await xr(page)).targets.map((t) => t.id)
  expect(targets).toEqual(
    expect.arrayContaining([
      'hotspot:play',
      'hotspot:replay',
      'hotspot:next',
      'hotspot:previous',
      'hotspot:close',
    ]),
  )

  // Narration plays (one element, routed to the hotspot) and the captions follow it.
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await expect.poll(async () => (await xr(page)).caption, { timeout: 30_000 }).not.toBe('')
  const first = (await xr(page)).caption
  await expect.poll(async () => (await xr(page)).caption, { timeout: 60_000 }).not.toBe(first)
  expect((await xr(page)).captionLang).toBe('en')
  const playing = await page.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => !a.paused)
  expect(playing).toBe(true)
  expect(await page.locator('audio').count(), 'one narration player, not two').toBe(1)

  // The panel's own buttons: pause, then the next story.
  await press(page, 'hotspot:play')
  await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'paused')
  await press(page, 'hotspot:next')
  await expect.poll(async () => (await snapshot(page)).hotspot).not.toBe(charter.id)

  // Within the frame budget with the panel, captions, menu, controllers and rays all drawn.
  const d = await snapshot(page)
  console.log(
    `Parliament Hill in the headset: ${d.drawCallsPerEye} draw calls per eye (${d.drawCalls} for ${d.views} views)`,
  )
  expect(d.views).toBe(2)
  expect(d.drawCallsPerEye).toBeLessThanOrEqual(100)

  // Close the story (its panel would stand in front of the hand's ray), then with tracked hands:
  // aim the right hand's ray at another marker and pinch.
  await press(page, 'hotspot:close')
  await expect.poll(async () => (await snapshot(page)).hotspot).toBeNull()
  await page.evaluate(() => (window.portageXRDevice!.primaryInputMode = 'hand'))
  await expect.poll(async () => (await xr(page)).inputs).toEqual(expect.arrayContaining(['hand:right']))
  await selectMarker(page, flag, 'hand')
})

test('the wrist menu: language, comfort, and leaving VR keeps the tour where it was', async ({ page }) => {
  await openWithHeadset(page)
  await enterVR(page)
  await selectMarker(page, charter)
  await expect.poll(async () => (await xr(page)).panel.hotspot).toBe(charter.id)

  // Open the menu from the left wrist and switch to French: the panel and the narration follow.
  await press(page, 'menu:open')
  await expect.poll(async () => (await xr(page)).menuOpen).toBe(true)
  await press(page, 'menu:lang:fr')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect.poll(async () => (await xr(page)).panel.title).toBe(charter.title.fr)
  await expect.poll(async () => (await xr(page)).captionLang, { timeout: 30_000 }).toBe('fr')

  // Comfort: 45° snap turns.
  await press(page, 'menu:snap')
  await expect.poll(async () => (await xr(page)).comfort.snapAngle).toBe(45)
  const before = await xr(page)
  await stick(page, -1, 0)
  await stick(page, 0, 0)
  await expect.poll(async () => (await xr(page)).turns).toBe(1)
  expect(angleBetween((await xr(page)).head.yaw, before.head.yaw)).toBeCloseTo(Math.PI / 4, 2)

  // Exit from the menu: back on the page, same tour, stop, story and language.
  await press(page, 'menu:exit')
  await expect.poll(async () => (await xr(page)).presenting).toBe(false)
  await expect(
    page.getByTestId('hotspot-panel').getByRole('heading', { name: charter.title.fr }),
  ).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`tour=${tour.id}&stop=${stop.id}&hotspot=${charter.id}&lang=fr`))
  await expect(page.getByRole('button', { name: 'Entrer en réalité virtuelle' })).toBeEnabled()
})

test('20 sessions in a row leave the renderer memory and programs at their baseline', async ({ page }) => {
  test.setTimeout(1_200_000)
  // A story open, so each session draws its panel and captions and routes the narration.
  await openWithHeadset(page, `lang=en&tour=${tour.id}&hotspot=${charter.id}`)
  const counters = async () => {
    const d = await snapshot(page)
    return { geometries: d.geometries, textures: d.textures, programs: d.programs }
  }
  const cycle = async () => {
    await enterVR(page)
    await expect.poll(async () => (await xr(page)).panel.hotspot).toBe(charter.id)
    // Every session is complete: controller models, panel and captions drawn.
    await settle(page)
    await exitVR(page)
    // A few page frames, so the counters describe the page again.
    const frames = (await snapshot(page)).frames
    await expect.poll(async () => (await snapshot(page)).frames).toBeGreaterThan(frames + 3)
  }
  // The first sessions load what every later one shares and keeps (the controller models, cursor
  // and ray meshes, shaders), each model when its file arrives: warm up until a session adds
  // nothing, then that is the baseline.
  let baseline = { geometries: -1, textures: -1, programs: -1 }
  for (let i = 0; i < 5; i++) {
    await cycle()
    const now = await counters()
    if (JSON.stringify(now) === JSON.stringify(baseline)) break
    baseline = now
  }
  for (let i = 0; i < 20; i++) await cycle()
  const after = await counters()
  console.log(
    `renderer after 20 more sessions: ${JSON.stringify(after)} (baseline ${JSON.stringify(baseline)})`,
  )
  expect(after).toEqual(baseline)
})

test('comfort: smooth turning under the vignette, seated height, recenter', async ({ page }) => {
  await openWithHeadset(page)
  await enterVR(page)
  await press(page, 'menu:open')
  await expect.poll(async () => (await xr(page)).menuOpen).toBe(true)

  // Smooth turning (opt-in): holding the stick turns continuously, with the vignette closing in.
  await press(page, 'menu:smoothTurn')
  await expect.poll(async () => (await xr(page)).comfort.smoothTurn).toBe(true)
  const before = await xr(page)
  await stick(page, 1, 0)
  await expect.poll(async () => (await xr(page)).vignette).toBeGreaterThan(0.3)
  await waitFrames(page, 2)
  await stick(page, 0, 0)
  const turned = await xr(page)
  expect(angleBetween(turned.head.yaw, before.head.yaw), 'turned right').toBeLessThan(-0.05)
  expect(turned.turns, 'no snap turn').toBe(0)
  await expect.poll(async () => (await xr(page)).vignette).toBe(0)

  // Without the vignette, the same motion leaves the view clear.
  await press(page, 'menu:vignette')
  await expect.poll(async () => (await xr(page)).comfort.vignette).toBe(false)
  await stick(page, -1, 0)
  await waitFrames(page, 2)
  expect((await xr(page)).vignette).toBe(0)
  await stick(page, 0, 0)

  // Seated: a visitor whose eyes are at 1.1 m sees from standing height.
  await page.evaluate(() => window.portageXRDevice!.position.set(0, 1.1, 0))
  await waitFrames(page, 2)
  await press(page, 'menu:seated')
  await expect.poll(async () => (await xr(page)).head.y).toBeCloseTo(1.6, 1)

  // Recenter: face the stop's main subject again, where you stand.
  const here = await xr(page)
  await press(page, 'menu:recenter')
  await expect
    .poll(async () => {
      const h = (await xr(page)).head
      return Math.abs(angleBetween(h.yaw, Math.atan2(h.x, h.z)))
    })
    .toBeLessThan(0.05)
  const centred = await xr(page)
  expect(centred.head.x).toBeCloseTo(here.head.x, 1)
  expect(centred.head.z).toBeCloseTo(here.head.z, 1)
})
