/**
 * A render error in the 3D scene is recovered inside the one <Canvas>: the canvas, its WebGL
 * context and its renderer stay, however many times it happens (Chromium drops the oldest context
 * past 16 live ones, so a recovery that made a new one would soon break the view).
 */
import { diagnostics, expect, pixelStats, test, waitForStopFrame } from './fixtures'
import { breakScene, contextState, markContext } from './webgl-context'

const RECOVERIES = 20

test(`${RECOVERIES} render errors in the scene: one canvas, the same WebGL context, the tour still answers`, async ({
  page,
  guard,
}) => {
  await page.goto('/?lang=en&tour=parliament-hill&diagnostics=1')
  await waitForStopFrame(page, 'parliament-hill')
  await markContext(page)
  const before = await diagnostics(page)

  for (let i = 1; i <= RECOVERIES; i++) {
    await breakScene(page)
    // Each error is reported (R3F's reportError: the page's error event) as it is caught.
    await expect.poll(() => guard.errors.length).toBe(i)
    // Drawing again after each recovery, and a pause past the boundary's "fails again at once".
    const frames = (await diagnostics(page)).frames
    await expect.poll(async () => (await diagnostics(page)).frames).toBeGreaterThan(frames + 2)
    await page.waitForTimeout(1100)
  }

  expect(await contextState(page)).toEqual({ canvases: 1, marker: 'the first context', lost: false })
  expect(guard.console.filter((m) => m.includes('Too many active WebGL contexts'))).toEqual([])
  // The site is drawn again (not a blank sky) and still in 3D, not switched to the 2D tour.
  await expect(page.getByTestId('poster-stage')).toHaveCount(0)
  await expect
    .poll(async () => pixelStats(await page.locator('canvas').screenshot()).distinctColors)
    .toBeGreaterThan(200)
  // The scene answers: a hotspot marker in the 3D view opens its story, the camera flies to it.
  const onScreen = async () => (await diagnostics(page)).markers.find((m) => m.onScreen) ?? null
  await expect.poll(onScreen).not.toBeNull()
  const marker = (await onScreen())!
  await page.mouse.click(marker.x, marker.y)
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  await expect.poll(async () => (await diagnostics(page)).hotspot).toBe(marker.id)
  await expect(page).toHaveURL(new RegExp(`hotspot=${marker.id}`))
  // The same renderer: its frame count went on, from before the first recovery.
  expect((await diagnostics(page)).frames).toBeGreaterThan(before.frames)
  // R3F reports each error its renderer caught as the page's error event: the test's own, and
  // nothing else went wrong.
  expect(guard.errors).toEqual(
    Array(RECOVERIES).fill('diagnostics: a render error in the 3D scene, on request'),
  )
  guard.errors.length = 0
})
