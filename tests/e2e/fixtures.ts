/**
 * Shared test fixture: every test fails if the page requests anything from another origin, breaks
 * the Content-Security-Policy (see security-guard.ts) or throws an uncaught error, so "works
 * offline, nothing from a CDN, nothing the policy refuses" is checked on every journey of every mode.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import { hookEmulator } from './emulator-hook'
import { expectSecure, watchSecurity, type SecurityWatch } from './security-guard'

export type Guard = { external: string[]; errors: string[]; console: string[]; security: SecurityWatch }

export const test = base.extend<{ guard: Guard; allowedOrigins: string[] }>({
  /**
   * Other local origins a test's page may load from (the embed test's second-origin host page).
   * Listed by the test that needs them; every other origin still fails the test.
   */
  allowedOrigins: [[], { option: true }],
  guard: [
    async ({ page, context, baseURL, allowedOrigins }, use) => {
      const security = await watchSecurity(context, [baseURL!, ...allowedOrigins])
      // The emulated headset's handles, for the VR tests (the app exposes none: emulator-hook.ts).
      await hookEmulator(context)
      const guard: Guard = { external: security.external, errors: [], console: [], security }
      page.on('pageerror', (e) => guard.errors.push(e.message))
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') guard.console.push(`[${m.type()}] ${m.text()}`)
      })
      await use(guard)
      await expectSecure(security, page)
      expect(guard.errors, 'uncaught errors in the page').toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

/** Serve a fixture tour (and a catalog listing it) in place of the real content files. */
export async function withFixtureTours(page: Page, tours: Record<string, string>, catalog?: string[]) {
  await page.route('**/scenes/catalog.json', async (route) => {
    const real = (await (await route.fetch()).json()) as { version: string; tours: string[] }
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ...real, tours: catalog ?? [...Object.keys(tours), ...real.tours] }),
    })
  })
  for (const [id, file] of Object.entries(tours)) {
    await page.route(`**/scenes/${id}/tour.json`, (route) =>
      route.fulfill({ contentType: 'application/json', body: readFileSync(file, 'utf8') }),
    )
  }
}

/** Wait for the site model of the current stop to be drawn (the app's own User Timing mark). */
export async function waitForStopFrame(page: Page, stop: string) {
  await page.waitForFunction(
    (s) =>
      performance
        .getEntriesByName('portage:stop-frame')
        .some((e) => ((e as PerformanceMark).detail as { stop?: string } | null)?.stop === s),
    stop,
    { timeout: 60_000 },
  )
}

export type Diagnostics = {
  drawCalls: number
  triangles: number
  frames: number
  markers: { id: string; x: number; y: number; onScreen: boolean }[]
  tour: string | null
  stop: string | null
  hotspot: string | null
}

export const diagnostics = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { portageDiagnostics: unknown }).portageDiagnostics,
  ) as Promise<Diagnostics>

/** Luminance variance and distinct colours of a PNG: a blank or single-colour canvas scores ~0. */
export function pixelStats(png: Buffer) {
  const img = PNG.sync.read(png)
  const n = img.width * img.height
  let sum = 0
  let sum2 = 0
  const colors = new Set<number>()
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i]!
    const g = img.data[i + 1]!
    const b = img.data[i + 2]!
    const l = 0.2126 * r + 0.7152 * g + 0.0722 * b
    sum += l
    sum2 += l * l
    colors.add((r << 16) | (g << 8) | b)
  }
  const mean = sum / n
  return { mean, variance: sum2 / n - mean * mean, distinctColors: colors.size }
}
