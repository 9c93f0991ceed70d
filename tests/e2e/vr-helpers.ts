/**
 * Driving the emulated headset (IWER as a Quest 3, `?emulate=quest3`) from tests: enter and leave
 * VR, aim a controller or a hand at a point of the world, press the trigger, pinch, push the
 * thumbstick. The app reports where things are through `?diagnostics=1` (section `xr`). Every
 * helper but `openWithHeadset` also drives the app framed in another page (pass its Frame).
 */

import type { Frame, Page } from '@playwright/test'
import type { DiagnosticsSnapshot } from '../../src/features/diagnostics/diagnostics'
// For its declaration of window.portageXRDevice (IWER's XRDevice) and window.portageXrTest.
import type {} from './emulator-hook'
import { expect } from './fixtures'

/** The app's page, or the frame it runs in when embedded. */
export type Target = Page | Frame

export type Vec = { x: number; y: number; z: number }
export type XrDiagnostics = {
  presenting: boolean
  rig: Vec & { yaw: number }
  head: Vec & { yaw: number }
  arc: { aiming: boolean; valid: boolean } & Vec
  teleports: number
  turns: number
  vignette: number
  caption: string
  captionLang: string
  notice: string
  /** The in-world diagnostics panel's lines, joined by " | ". */
  diagnostics: string
  panel: { hotspot: string | null; title: string }
  frameRate: number | null
  resolution: {
    scale: number
    budgetMs: number
    frameMs: number
    mechanism: 'viewport-scale' | 'foveation' | 'none'
    drops: number
    climbs: number
  }
  targets: (Vec & { id: string; normal: [number, number, number] })[]
  menuOpen: boolean
  comfort: { snapAngle: number; smoothTurn: boolean; vignette: boolean; seated: boolean }
  inputs: string[]
}
/** `window.portageDiagnostics`, with the headset mode's section. */
export type Snapshot = DiagnosticsSnapshot & { xr: XrDiagnostics }

export const snapshot = (page: Target) =>
  page.evaluate(
    () => (window as unknown as { portageDiagnostics: unknown }).portageDiagnostics,
  ) as Promise<Snapshot>
export const xr = async (page: Target) => (await snapshot(page)).xr

/** Open a tour with the emulator and diagnostics, and wait for the Enter VR button to be usable. */
export async function openWithHeadset(page: Page, query = 'lang=en&tour=parliament-hill') {
  await page.goto(`/?${query}&emulate=quest3&diagnostics=1`)
  const button = page.getByRole('button', { name: /Enter VR|Entrer en réalité virtuelle/ })
  await expect(button).toBeEnabled({ timeout: 30_000 })
  return button
}

export async function enterVR(page: Target) {
  await page.getByRole('button', { name: /Enter VR|Entrer en réalité virtuelle/ }).click()
  await expect.poll(async () => (await xr(page))?.presenting, { timeout: 30_000 }).toBe(true)
  // Both controllers tracked (their profiles come from our server) and the head placed.
  await expect
    .poll(async () => (await xr(page)).inputs.filter((i) => i.startsWith('controller')).length, {
      timeout: 30_000,
    })
    .toBe(2)
  await waitFrames(page, 3)
}

export async function exitVR(page: Target) {
  await page.evaluate(() => window.portageXRDevice!.activeSession!.end())
  await expect.poll(async () => (await xr(page)).presenting, { timeout: 30_000 }).toBe(false)
}

/** Wait for `n` frames of the XR session (emulated frames are slow: ~0.2-1 s on CPU rendering). */
export async function waitFrames(page: Target, n: number) {
  await page.evaluate(async (count) => {
    const session = window.portageXRDevice?.activeSession
    let ended = !session
    session?.addEventListener('end', () => (ended = true), { once: true })
    // A session that ends (the Exit button) draws no more frames: the page's frames go on.
    const frame = () =>
      new Promise<void>((r) => {
        if (ended) requestAnimationFrame(() => r())
        else session!.requestAnimationFrame(() => r())
        session?.addEventListener('end', () => r(), { once: true })
      })
    for (let i = 0; i < count; i++) await frame()
  }, n)
}

/** Wait until the renderer's memory counters stop changing (models that load lazily are drawn). */
export async function settle(page: Target) {
  let last = ''
  await expect
    .poll(
      async () => {
        await waitFrames(page, 3)
        const d = await snapshot(page)
        const now = `${d.geometries}/${d.textures}/${d.programs}`
        const same = now === last
        last = now
        return same
      },
      { timeout: 60_000 },
    )
    .toBe(true)
}

/**
 * Point the right (or left) controller or hand at a point of the world, from where it is or from
 * `from` (tracking space) / `fromWorld`. The emulator's poses are in the tracking space, so world
 * points are taken into the rig's frame: the app's (its diagnostics), or `rig` where the page is
 * not the app (the studio's headset editing).
 */
export async function aimAt(
  page: Target,
  target: Vec,
  options: {
    hand?: 'left' | 'right'
    tracked?: 'controller' | 'hand'
    from?: Vec
    fromWorld?: Vec
    rig?: Vec & { yaw: number }
  } = {},
) {
  const rig = options.rig ?? (await xr(page)).rig
  await page.evaluate(
    ({ target, rig, hand, tracked, from, fromWorld }) => {
      const dev = window.portageXRDevice!
      const input = tracked === 'hand' ? dev.hands[hand]! : dev.controllers[hand]!
      const c = Math.cos(-rig.yaw)
      const s = Math.sin(-rig.yaw)
      const toLocal = (p: { x: number; y: number; z: number }) => ({
        x: (p.x - rig.x) * c + (p.z - rig.z) * s,
        y: p.y - rig.y,
        z: -(p.x - rig.x) * s + (p.z - rig.z) * c,
      })
      const start = fromWorld ? toLocal(fromWorld) : from
      if (start) input.position.set(start.x, start.y, start.z)
      const local = toLocal(target)
      let dx = local.x - input.position.x
      let dy = local.y - input.position.y
      let dz = local.z - input.position.z
      const len = Math.hypot(dx, dy, dz)
      dx /= len
      dy /= len
      dz /= len
      // The shortest rotation taking -Z (where a controller points) to d: axis (-Z) × d, angle.
      const w = 1 - dz
      const q = w < 1e-6 ? [0, 1, 0, 0] : [dy, -dx, 0, w]
      const n = Math.hypot(...q)
      input.quaternion.set(q[0]! / n, q[1]! / n, q[2]! / n, q[3]! / n)
    },
    {
      target,
      rig,
      hand: options.hand ?? 'right',
      tracked: options.tracked ?? 'controller',
      from: options.from,
      fromWorld: options.fromWorld,
    },
  )
  await waitFrames(page, 2)
}

/** Press, and release one XR frame later: a ray click needs both within its time window. */
export async function pull(
  page: Target,
  hand: 'left' | 'right' = 'right',
  tracked: 'controller' | 'hand' = 'controller',
) {
  await page.evaluate(
    async ({ hand, tracked }) => {
      const dev = window.portageXRDevice!
      const session = dev.activeSession!
      // What the press does may end the session (Exit VR): stop waiting for its frames then.
      let ended = false
      session.addEventListener('end', () => (ended = true), { once: true })
      const frame = () =>
        new Promise<void>((r) => {
          if (ended) return r()
          session.requestAnimationFrame(() => r())
          session.addEventListener('end', () => r(), { once: true })
        })
      const set = (v: number) =>
        tracked === 'hand'
          ? dev.hands[hand]!.updatePinchValue(v)
          : dev.controllers[hand]!.updateButtonValue('trigger', v)
      set(1)
      await frame()
      set(0)
      await frame()
      await frame()
    },
    { hand, tracked },
  )
}

export async function stick(page: Target, x: number, y: number, hand: 'left' | 'right' = 'right') {
  await page.evaluate(
    ({ x, y, hand }) => window.portageXRDevice!.controllers[hand]!.updateAxes('thumbstick', x, y),
    { x, y, hand },
  )
  await waitFrames(page, 2)
}

/**
 * Point at a panel button by its diagnostics id (e.g. `menu:lang:fr`) from a little in front of
 * its panel, as a visitor holds the controller over their wrist, and pull the trigger.
 */
export async function press(page: Target, id: string) {
  let target: XrDiagnostics['targets'][number] | undefined
  await expect
    .poll(async () => (target = (await xr(page)).targets.find((t) => t.id === id)), {
      timeout: 20_000,
      message: id,
    })
    .toBeTruthy()
  const { x, y, z, normal } = target!
  const [nx, ny, nz] = normal
  await aimAt(page, target!, { fromWorld: { x: x + nx * 0.3, y: y + ny * 0.3, z: z + nz * 0.3 } })
  await pull(page)
}

/** Where the site's hotspot markers are (world), from the tour file. */
export const markerPosition = (p: readonly [number, number, number]): Vec => ({ x: p[0], y: p[1], z: p[2] })

/**
 * Open a story by pointing at its marker and pulling the trigger (or pinching, with hands). The
 * emulator brings a new input source's pointer up over a few of its slow frames, so a press that
 * comes too early is tried again, as a visitor would.
 */
export async function selectMarker(
  page: Target,
  hotspot: { id: string; position: readonly [number, number, number] },
  tracked: 'controller' | 'hand' = 'controller',
) {
  const from = tracked === 'hand' ? { x: 0.2, y: 1.3, z: -0.3 } : { x: 0.2, y: 1.4, z: -0.35 }
  await expect(async () => {
    await aimAt(page, markerPosition(hotspot.position), { tracked, from })
    await pull(page, 'right', tracked)
    await expect.poll(async () => (await snapshot(page)).hotspot, { timeout: 8_000 }).toBe(hotspot.id)
  }).toPass({ timeout: 90_000 })
}
