/**
 * Driving AR in Meta's WebXR emulator (IWER as a Quest 3 with its synthetic environment module: a
 * small office with a table, `?emulate=quest3`): enter "View on a table", look at the table so the
 * hit-test finds it, read the miniature's state from `?diagnostics=1` (section `xr`).
 */
import type { Frame, Page } from '@playwright/test'
import type {} from '../../src/modes/xr/emulator'
import { expect } from './fixtures'
import { aimAt, pull, snapshot, waitFrames } from './vr-helpers'

export type ArDiagnostics = {
  mode?: 'immersive-vr' | 'immersive-ar'
  placed?: boolean
  scale?: number
  presenting: boolean
  /** The in-world panels (a headset without a DOM overlay): the story shown and its language. */
  panel: { hotspot: string | null; title: string; lang?: string }
  caption: string
  captionLang: string
  /** The panels' buttons in the room (the emulator's tracking space), to aim a controller at. */
  targets: { id: string; x: number; y: number; z: number; normal: [number, number, number] }[]
  ar?: {
    surfaceFound: boolean
    surface: [number, number, number]
    yaw: number
    range: { fit: number; min: number; max: number }
    overlay: boolean
    /** What to do next, on the in-world controls (no DOM overlay); '' otherwise. */
    hint: string
    reticle: [number, number, number]
    anchor: [number, number, number]
    siteSize: number
    frameMs: number
    drawCalls: number
    gestures: number
    markers: { id: string; x: number; y: number }[]
    inputs: string[]
  }
}

export const arState = async (page: Page | Frame) => (await snapshot(page)).xr as unknown as ArDiagnostics

/** The office table of the emulator's room (@iwer/sem `office_small`), its top's centre (m). */
export const TABLE = { x: 0.06, y: 0.75, z: -0.65 } as const

/** Open a tour with the emulator and diagnostics, and wait for "View on a table". */
export async function openWithAr(page: Page, query = 'lang=en&tour=parliament-hill') {
  await page.goto(`/?${query}&emulate=quest3&diagnostics=1`)
  const button = page.getByTestId('ar-enter')
  await expect(button).toBeEnabled({ timeout: 60_000 })
  return button
}

/** Stand the emulated device where a visitor stands at the table, looking down at its middle. */
export async function lookAtTable(page: Page | Frame) {
  await page.evaluate((table) => {
    const dev = window.portageXRDevice!
    dev.position.set(0, 1.55, 0)
    const pitch = -Math.atan2(1.55 - table.y, -table.z)
    dev.quaternion.set(Math.sin(pitch / 2), 0, 0, Math.cos(pitch / 2))
  }, TABLE)
}

export async function enterAR(page: Page) {
  await lookAtTable(page)
  await page.getByTestId('ar-enter').click()
  await expect.poll(async () => (await arState(page))?.mode, { timeout: 60_000 }).toBe('immersive-ar')
  await waitFrames(page, 2)
}

/** Wait for the reticle on the table, then tap the view (the DOM overlay) to place the site. */
export async function placeOnTable(page: Page) {
  await expect.poll(async () => (await arState(page)).ar?.surfaceFound, { timeout: 60_000 }).toBe(true)
  const size = page.viewportSize()!
  await page.mouse.click(size.width / 2, size.height / 2)
  await expect.poll(async () => (await arState(page)).placed, { timeout: 30_000 }).toBe(true)
  await waitFrames(page, 2)
}

export async function exitAR(page: Page) {
  await page.getByRole('button', { name: /Exit AR|Quitter la RA/ }).click()
  await expect.poll(async () => (await snapshot(page)).xr?.presenting, { timeout: 30_000 }).toBe(false)
}

/** Where a point of the site (site metres) is in the room, for the placed miniature. */
export function roomPoint(s: ArDiagnostics, p: readonly [number, number, number]) {
  const a = s.ar!
  const k = s.scale!
  const c = Math.cos(a.yaw)
  const n = Math.sin(a.yaw)
  const dx = p[0] - a.anchor[0]
  const dz = p[2] - a.anchor[2]
  return {
    x: a.surface[0] + k * (c * dx + n * dz),
    y: a.surface[1] + k * (p[1] - a.anchor[1]),
    z: a.surface[2] + k * (-n * dx + c * dz),
  }
}

/**
 * Set the site down with the trigger: the hit-test follows the gaze (the table); the controller
 * points down at the floor beside the visitor, clear of the panels (a trigger on a panel presses
 * its button instead).
 */
export async function placeByTrigger(page: Page) {
  await expect.poll(async () => (await arState(page)).ar?.surfaceFound, { timeout: 60_000 }).toBe(true)
  await aimAt(page, { x: 0.5, y: 0, z: 0.1 }, { from: { x: 0.2, y: 1.2, z: -0.2 } })
  await pull(page)
  await expect.poll(async () => (await arState(page)).placed, { timeout: 30_000 }).toBe(true)
}
