/**
 * Kiosk lockdown: a visitor cannot open a context menu, select text, zoom the page, go back or
 * leave the app by a link; sources are text and a QR code. A hidden gesture and the PIN open the
 * operator screen.
 */
import QRCode from 'qrcode'
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'
import {
  expectAttract,
  FAST_KIOSK,
  kiosk,
  OPERATOR_PIN,
  openOperatorScreen,
  withKioskConfig,
} from './kiosk-helpers'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
const story = stop.hotspots[1]!

test.use({ serviceWorkers: 'block' })

test.beforeEach(async ({ page }) => {
  await withKioskConfig(page, FAST_KIOSK)
  await page.goto('/?mode=kiosk&diagnostics=1')
  await expectAttract(page)
  await page.getByRole('button', { name: 'Touch to begin' }).click()
  await expect(page.getByRole('heading', { level: 1, name: stop.title['en']! })).toBeVisible()
  // Record, after the kiosk's own listeners, whether the browser's default action was cancelled.
  await page.evaluate(() => {
    const seen: Record<string, boolean[]> = {}
    for (const type of ['contextmenu', 'wheel', 'keydown', 'selectstart', 'dragstart', 'click', 'auxclick'])
      window.addEventListener(type, (e) => {
        // Modifier keys alone do nothing: only the keys that would act are recorded.
        if (e instanceof KeyboardEvent && ['Control', 'Alt', 'Shift', 'Meta'].includes(e.key)) return
        // Clicks: only those on links (the ones a browser would follow).
        if ((type === 'click' || type === 'auxclick') && !(e.target as Element).closest?.('a[href]')) return
        ;(seen[type] ??= []).push(e.defaultPrevented)
      })
    ;(window as unknown as { seen: typeof seen }).seen = seen
  })
})

const seen = (page: Page, type: string) =>
  page.evaluate((t) => (window as unknown as { seen: Record<string, boolean[]> }).seen[t] ?? [], type)

test('no context menu, no text selection, no dragging', async ({ page }) => {
  await page.getByRole('heading', { level: 1 }).click({ button: 'right' })
  expect(await seen(page, 'contextmenu')).toEqual([true])
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).userSelect)).toBe('none')
  await page.locator('.stop-place').click({ clickCount: 3 })
  expect(await page.evaluate(() => String(getSelection()))).toBe('')
  // Even a script-like selection attempt by keyboard (Ctrl+A) selects nothing visible.
  expect(await page.locator('.stop-place').evaluate((el) => getComputedStyle(el).userSelect)).toBe('none')
})

test('no page zoom: not by Ctrl+wheel or trackpad pinch, Ctrl+plus, nor by the viewport', async ({
  page,
}) => {
  await page.mouse.move(300, 300)
  await page.keyboard.down('Control')
  await page.mouse.wheel(0, -400)
  await page.keyboard.up('Control')
  expect(await seen(page, 'wheel')).toContain(true)
  await page.keyboard.press('Control+Equal')
  await page.keyboard.press('Control+Minus')
  const keys = await seen(page, 'keydown')
  expect(keys.slice(-2)).toEqual([true, true])
  expect(await page.evaluate(() => visualViewport?.scale)).toBe(1)
  const viewport = await page.locator('meta[name="viewport"]').getAttribute('content')
  expect(viewport).toContain('user-scalable=no')
  expect(viewport).toContain('maximum-scale=1')
  // Pinch on the page is off (the 3D view keeps its own pinch to zoom the site); no pull-to-refresh.
  const css = await page.evaluate(() => {
    const html = getComputedStyle(document.documentElement)
    return {
      touch: html.touchAction,
      overscroll: html.overscrollBehaviorY,
      body: getComputedStyle(document.body).overscrollBehaviorY,
    }
  })
  expect(css).toEqual({ touch: 'pan-x pan-y', overscroll: 'none', body: 'none' })
  expect(await page.locator('.stage-focus').evaluate((el) => getComputedStyle(el).touchAction)).toBe('none')
})

test('no way back or out: Back, Alt+Left and reload keys stay in the visit', async ({ page }) => {
  await page.locator(`[data-hotspot="${story.id}"]`).click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  const url = page.url()
  await page.goBack()
  await page.keyboard.press('Alt+ArrowLeft')
  await page.keyboard.press('F5')
  await page.keyboard.press('Control+r')
  await expect(
    page.getByTestId('hotspot-panel').getByRole('heading', { name: story.title['en']! }),
  ).toBeVisible()
  expect(page.url()).toBe(url)
  expect((await kiosk(page)).phase).toBe('visit')
  // Only one document ever loaded: no navigation happened.
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
  expect(await page.evaluate(() => performance.getEntriesByName('portage:ready').length)).toBe(1)
})

test('sources are text and a QR code of their address, never a link; no window can open', async ({
  page,
}) => {
  await page.locator(`[data-hotspot="${story.id}"]`).click()
  const panel = page.getByTestId('hotspot-panel')
  await expect(panel.locator('.sources')).toBeVisible()
  expect(await panel.locator('a[href]').count()).toBe(0)
  const sources = panel.getByTestId('kiosk-source')
  await expect(sources).toHaveCount(story.sources.length)
  for (const [i, source] of story.sources.entries()) {
    const item = sources.nth(i)
    await expect(item).toContainText(source.title)
    const svg = item.locator('svg.kiosk-qr')
    await expect(svg).toHaveAttribute('data-url', source.url)
    // The QR code drawn is the one of the address: same modules, module by module.
    const d = (await svg.locator('path').getAttribute('d'))!
    const drawn = new Set(
      [...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`),
    )
    const { modules } = QRCode.create(source.url, { errorCorrectionLevel: 'M' })
    const expected = new Set<string>()
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++) if (modules.data[y * modules.size + x]) expected.add(`${x},${y}`)
    expect(drawn).toEqual(expected)
  }
  const opened = await page.evaluate(() => window.open('https://example.com/', '_blank'))
  expect(opened).toBeNull()
  expect(page.context().pages()).toHaveLength(1)
})

/** Each modifier alone, and all of them at once. */
const MODIFIER_SETS = [
  [],
  ['Control'],
  ['Shift'],
  ['Meta'],
  ['Alt'],
  ['Control', 'Shift', 'Meta', 'Alt'],
] as const
const BUTTONS = ['left', 'middle', 'right'] as const

/** Click at the middle of `box` with `button`, holding `modifiers` (no actionability wait: a real hand). */
async function clickWith(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
  button: (typeof BUTTONS)[number],
  modifiers: readonly string[],
) {
  for (const m of modifiers) await page.keyboard.down(m)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button })
  for (const m of [...modifiers].reverse()) await page.keyboard.up(m)
}

test('every mouse button and modifier on every link and control: nothing opens, nothing leaves', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000)
  await page.locator(`[data-hotspot="${story.id}"]`).click()
  await expect(page.getByTestId('hotspot-panel')).toBeVisible()
  const url = page.url()
  const opened: string[] = []
  context.on('page', (p) => opened.push(p.url()))
  page.on('download', (d) => opened.push(`download ${d.url()}`))

  // Links: the brand link (`href="?"`, this origin) included. A plain left click is the app's own
  // navigation (below); every other button and every modifier would open the app outside the kiosk.
  const links = await page.locator('a[href]').all()
  expect(links.length).toBeGreaterThan(0)
  for (const link of links) {
    const box = await link.boundingBox()
    if (!box) continue
    for (const button of BUTTONS)
      for (const modifiers of MODIFIER_SETS) {
        if (button === 'left' && modifiers.length === 0) continue
        await clickWith(page, box, button, modifiers)
      }
  }
  // Every click and auxclick on a link had its default action (open, new tab, download) cancelled.
  expect(await seen(page, 'click')).not.toContain(false)
  expect(await seen(page, 'auxclick')).not.toContain(false)
  // Five primary clicks in the top-left corner (the brand link is there) are the operator's gesture:
  // its PIN pad may have come up, which is as it should be. Put it away.
  const closePad = async () => {
    const pad = page.getByTestId('kiosk-pin')
    if (await pad.count()) await pad.getByRole('button', { name: 'Cancel' }).click()
    await expect(pad).toHaveCount(0)
  }
  await closePad()

  // Controls: the middle and right buttons with every modifier (the left button is their use).
  const controls = await page.locator('button:visible, [role="button"]:visible, summary:visible').all()
  expect(controls.length).toBeGreaterThan(5)
  for (const control of controls) {
    const box = await control.boundingBox()
    if (!box) continue
    for (const button of ['middle', 'right'] as const)
      for (const modifiers of MODIFIER_SETS) await clickWith(page, box, button, modifiers)
  }
  expect(await seen(page, 'auxclick')).not.toContain(false)
  expect(await seen(page, 'contextmenu')).not.toContain(false)

  // Nothing opened, nothing navigated, the visit goes on.
  expect(opened).toEqual([])
  expect(context.pages()).toHaveLength(1)
  expect(page.url()).toBe(url)
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
  expect((await kiosk(page)).phase).toBe('visit')
  await closePad()

  // A plain click on the brand link stays in the kiosk.
  await page.locator('a[href="?"]').first().click()
  expect(new URL(page.url()).searchParams.get('mode')).toBe('kiosk')
  expect(opened).toEqual([])
})

test('the usual keyboard escapes do nothing', async ({ page, context }) => {
  const url = page.url()
  const escapes = [
    'Control+t',
    'Control+n',
    'Control+Shift+n',
    'Control+w',
    'Control+Tab',
    'Control+l',
    'Alt+d',
    'F6',
    'Control+o',
    'Control+s',
    'Control+p',
    'Control+u',
    'Control+h',
    'Control+j',
    'Control+Shift+i',
    'Control+Shift+j',
    'Control+Shift+c',
    'F12',
    'F11',
    'F5',
    'Control+r',
    'Control+Shift+r',
    'Alt+ArrowLeft',
    'Alt+ArrowRight',
    'Alt+Home',
    'Alt+F4',
    'Meta+t',
    'Meta+n',
    'Meta+w',
    'Meta+l',
    'Meta+q',
    'Meta+Alt+i',
    'Backspace',
  ]
  for (const combo of escapes) await page.keyboard.press(combo)
  const keys = await seen(page, 'keydown')
  expect(keys).toHaveLength(escapes.length)
  expect(keys.map((prevented, i) => [escapes[i], prevented]).filter(([, p]) => !p)).toEqual([])
  expect(context.pages()).toHaveLength(1)
  expect(page.url()).toBe(url)
  expect((await kiosk(page)).phase).toBe('visit')
})

test('the operator gesture and PIN open the operator screen; a wrong PIN does not', async ({ page }) => {
  for (let i = 0; i < 5; i++) await page.mouse.click(20, 20)
  const pad = page.getByTestId('kiosk-pin')
  await expect(pad).toBeVisible()
  for (const d of '0000') await pad.getByRole('button', { name: d, exact: true }).click()
  await pad.getByRole('button', { name: 'Open' }).click()
  await expect(pad.getByRole('alert')).toHaveText('Wrong PIN.')
  await expect(page.getByTestId('kiosk-operator')).toHaveCount(0)
  await pad.getByRole('button', { name: 'Cancel' }).click()
  await expect(pad).toHaveCount(0)

  await openOperatorScreen(page, OPERATOR_PIN)
  const operator = page.getByTestId('kiosk-operator')
  await expect(operator.getByRole('heading', { name: 'Operator screen' })).toBeVisible()
  // Leaving kiosk mode gives back the normal app, links and all.
  await operator.getByRole('button', { name: 'Leave kiosk mode' }).click()
  await expect(page).toHaveURL(/\/\?diagnostics=1$/)
  await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
  await expect(page.getByTestId('kiosk-attract')).toHaveCount(0)
})
