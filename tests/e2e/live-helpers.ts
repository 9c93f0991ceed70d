/**
 * Live group tours in the browser tests: a guide and followers, each in its own browser context
 * (its own storage, like separate devices), read through `window.portageDiagnostics` (`live`,
 * `tour`, `stop`, `hotspot`) with `?diagnostics=1`.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { expect } from './fixtures'

export type LiveDiagnostics = {
  role: 'guide' | 'follower'
  code: string | null
  connected: boolean
  followers: number
}
export type Where = {
  tour: string | null
  stop: string | null
  hotspot: string | null
  live?: LiveDiagnostics
}

export const where = (page: Page) =>
  page.evaluate(() => {
    const d = (window as unknown as { portageDiagnostics?: Where }).portageDiagnostics
    return d ? { tour: d.tour, stop: d.stop, hotspot: d.hotspot, live: d.live } : null
  })

/** A guide's page leading `tour` on a multi-stop tour; returns the session's code once it is live. */
export async function startGuide(page: Page, tour = 'canada-rights-values', base = '') {
  await page.goto(`${base}/?mode=guide&tour=${tour}&lang=en&diagnostics=1`)
  await expect.poll(async () => (await where(page))?.live?.connected, { timeout: 30_000 }).toBe(true)
  const code = (await where(page))!.live!.code!
  expect(code).toMatch(/^[23456789A-HJKMNP-Z]{8}$/)
  return code
}

/** A follower joining by the join link (with `extra` query parameters), with an optional first name. */
export async function joinAs(page: Page, code: string, extra = 'lang=en', name = '', base = '') {
  await page.goto(`${base}/?join=${code}&${extra}&diagnostics=1`)
  const dialog = page.getByTestId('live-welcome')
  await expect(dialog).toBeVisible({ timeout: 30_000 })
  if (name) await dialog.getByRole('textbox').fill(name)
  await dialog.getByRole('button', { name: /Join the group|Rejoindre le groupe/ }).click()
  await expect.poll(async () => (await where(page))?.live?.connected, { timeout: 30_000 }).toBe(true)
}

/** The follower is where the guide is (tour, stop, story). */
export async function expectInStep(guide: Page, followers: Page[], timeout = 30_000) {
  const g = await where(guide)
  for (const [i, f] of followers.entries())
    await expect
      .poll(
        async () => {
          const w = await where(f)
          if (process.env.LIVE_DEBUG) console.log(i, JSON.stringify(w))
          return w && { tour: w.tour, stop: w.stop, hotspot: w.hotspot }
        },
        { timeout, message: `follower ${i + 1} (${f.url()}) at the guide's place` },
      )
      .toEqual({ tour: g!.tour, stop: g!.stop, hotspot: g!.hotspot })
}

/** A new browser context (a separate device) with its own page, recording uncaught errors. */
export async function device(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser['newContext']>[0] = {},
) {
  const context: BrowserContext = await browser.newContext({ baseURL, ...options })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  if (process.env.LIVE_DEBUG)
    page.on('console', (m) => console.log(`[${page.url().slice(22, 60)}] ${m.text()}`))
  return { context, page, errors }
}

/** The narration's <audio>: which language file it plays, and whether it is playing. */
export const audio = (page: Page) =>
  page.evaluate(() => {
    const a = document.querySelector('audio')
    return a ? { src: a.currentSrc || a.src, playing: !a.paused && !a.ended } : null
  })

/**
 * Enter VR on the emulated headset. Unlike vr-helpers' enterVR, it does not wait for the
 * controllers (a follower needs none), only for the session and its first frames: on a shared
 * machine with four pages drawing on the CPU, the controllers' models can take longer to arrive.
 */
export async function enterHeadset(page: Page) {
  await expect(page.getByRole('button', { name: /Enter VR|Entrer en réalité virtuelle/ })).toBeEnabled({
    timeout: 60_000,
  })
  await page.getByRole('button', { name: /Enter VR|Entrer en réalité virtuelle/ }).click()
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (window as unknown as { portageDiagnostics?: { xr?: { presenting: boolean } } })
              .portageDiagnostics?.xr?.presenting,
        ),
      { timeout: 60_000 },
    )
    .toBe(true)
}
