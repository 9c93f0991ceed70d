/** Helpers for the kiosk specs: a kiosk configuration served in place of scenes/kiosk.json, marks. */
import type { Page } from '@playwright/test'
import { pbkdf2Sync } from 'node:crypto'
import { formatPinHash } from '../../src/core/kiosk/pin-hash'
import { expect } from './fixtures'

/** The operator PIN of the specs' kiosk; the configuration holds only its salted hash. */
export const OPERATOR_PIN = '135790'
const salt = new Uint8Array(16).map((_, i) => i * 13 + 1)
/** As `npm run kiosk -- --set-pin` writes it (fewer iterations than it uses: the specs check it often). */
export const OPERATOR_PIN_HASH = formatPinHash({
  iterations: 100_000,
  salt,
  key: new Uint8Array(pbkdf2Sync(OPERATOR_PIN, salt, 100_000, 32, 'sha256')),
})

/** A short idle timer and a quick attract loop, so the specs run the kiosk fast. */
export const FAST_KIOSK = {
  version: 'portage.kiosk/1',
  tours: ['parliament-hill'],
  language: 'en',
  idleTimeoutSeconds: 60,
  warningSeconds: 30,
  volume: 0.6,
  attract: {
    narration: 'muted',
    languages: ['en', 'fr'],
    stopSeconds: 1,
    hotspotMinSeconds: 2,
    hotspotMaxSeconds: 6,
    pauseSeconds: 0.5,
  },
  operatorPin: OPERATOR_PIN_HASH,
} as const

export async function withKioskConfig(page: Page, config: Record<string, unknown>) {
  await page.route('**/scenes/kiosk.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }),
  )
}

export type Mark = { startTime: number; detail: Record<string, unknown> | null }

/** The User Timing marks of that name in the page, oldest first. */
export const marks = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      performance
        .getEntriesByName(n)
        .map((e) => ({ startTime: e.startTime, detail: (e as PerformanceMark).detail as Mark['detail'] })),
    name,
  ) as Promise<Mark[]>

export async function waitForMark(page: Page, name: string, count = 1, timeout = 60_000) {
  await page.waitForFunction(
    ([n, c]) => performance.getEntriesByName(n as string).length >= (c as number),
    [name, count],
    {
      timeout,
    },
  )
  return (await marks(page, name))[count - 1]!
}

export type KioskDiagnostics = {
  phase: 'attract' | 'visit' | 'warning'
  initial: unknown
  lastReset: unknown
  current: {
    engine: { tourId: string | null; hotspotId: string | null; language: string; visitedHotspots: string[] }
    settings: Record<string, unknown>
  }
  stopChanges: number
  offline: { state: string; updateWaiting: boolean; version?: string; files?: number; cached?: number }
}

export const kiosk = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { portageKiosk: unknown }).portageKiosk,
  ) as Promise<KioskDiagnostics>

/** The attract loop is on screen, inviting in both languages. */
export async function expectAttract(page: Page) {
  const attract = page.getByTestId('kiosk-attract')
  await expect(attract).toBeVisible()
  await expect(attract.getByRole('button', { name: 'Touch to begin' })).toBeVisible()
  await expect(attract.getByRole('button', { name: 'Touchez pour commencer' })).toBeVisible()
}

/** Five taps in the top-left corner, then the PIN. */
export async function openOperatorScreen(page: Page, pin: string) {
  for (let i = 0; i < 5; i++) await page.mouse.click(20, 20)
  const pad = page.getByTestId('kiosk-pin')
  await expect(pad).toBeVisible()
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click()
  await pad.getByRole('button', { name: /^(Open|Ouvrir)$/ }).click()
  await expect(page.getByTestId('kiosk-operator')).toBeVisible()
}
