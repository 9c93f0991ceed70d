/**
 * `?emulate=quest3` is a link anyone can send. Before, it installed Meta's WebXR emulator over
 * whatever the browser had, a real headset's WebXR included (breaking VR for whoever followed the
 * link), and put test hooks on `window` in the production build. Now the emulator is installed only
 * where the browser offers no immersive VR of its own, and the build exposes nothing on `window`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { expectSecure, watchSecurity } from './security-guard'

test.describe.configure({ timeout: 120_000 })

test('the production build carries no test hook', () => {
  const code = readdirSync('dist/app')
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(`dist/app/${f}`, 'utf8'))
    .join('\n')
  expect(code).toContain('portage:xr-emulator') // the emulator chunk is there, and was read
  for (const hook of ['portageXrTest', 'portageXRDevice']) expect(code).not.toContain(hook)
})

test('on a desktop without a headset, the emulator stands in, and nothing of it is on window', async ({
  browser,
  baseURL,
}) => {
  // A context of its own, without the tests' emulator hook (fixtures.ts adds it to the others).
  const context = await browser.newContext({ baseURL })
  const security = await watchSecurity(context, [baseURL!])
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/?lang=en&tour=parliament-hill&emulate=quest3')
  await expect(page.getByRole('button', { name: 'Enter VR', exact: true })).toBeEnabled({ timeout: 30_000 })
  const exposed = await page.evaluate(() =>
    Object.getOwnPropertyNames(window).filter((k) => /xr|emulat|iwer/i.test(k) && k.startsWith('portage')),
  )
  expect(exposed).toEqual([])
  expect(await page.evaluate(() => 'portageXRDevice' in window || 'portageXrTest' in window)).toBe(false)
  await expectSecure(security, page)
  expect(errors).toEqual([])
  await context.close()
})

for (const lang of ['en', 'fr'] as const)
  test(`a browser with VR of its own keeps it, and is told why the link's emulator did not start (${lang})`, async ({
    page,
  }) => {
    // A browser whose WebXR offers immersive VR (a headset's browser): its own `navigator.xr`.
    await page.addInitScript(() => {
      const real = Object.assign(new EventTarget(), {
        isSessionSupported: (mode: string) => Promise.resolve(mode === 'immersive-vr'),
        requestSession: () => Promise.reject(new DOMException('Not in this test.', 'NotSupportedError')),
        ondevicechange: null,
      })
      Object.defineProperty(Navigator.prototype, 'xr', { configurable: true, get: () => real })
      ;(window as unknown as { realXr: unknown }).realXr = real
    })
    const emulatorChunk: string[] = []
    page.on('request', (r) => {
      if (/\/app\/emulator-[^/]*\.js$/.test(r.url())) emulatorChunk.push(r.url())
    })
    await page.goto(`/?lang=${lang}&tour=parliament-hill&emulate=quest3`)
    await expect(page.getByTestId('notices')).toContainText(
      lang === 'en'
        ? "This device has VR of its own, so the link's headset emulator was not started"
        : 'Cet appareil a sa propre réalité virtuelle : l’émulateur de casque demandé par le lien n’a pas été lancé.',
    )
    // Enter VR is offered, by the browser's own WebXR, untouched.
    await expect(
      page.getByRole('button', {
        name: lang === 'en' ? 'Enter VR' : 'Entrer en réalité virtuelle',
        exact: true,
      }),
    ).toBeEnabled({ timeout: 30_000 })
    expect(
      await page.evaluate(() => navigator.xr === (window as unknown as { realXr: unknown }).realXr),
    ).toBe(true)
    expect(await page.evaluate(() => window.portageXRDevice)).toBeUndefined()
    expect(emulatorChunk).toEqual([])
  })
