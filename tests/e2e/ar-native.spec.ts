/**
 * "View on a table" where WebXR AR is not available but the phone's own AR viewer is: AR Quick Look
 * on iPhone and iPad (a `<a rel="ar">` link to the stop's USDZ, its one child an image) and Scene
 * Viewer on Android (an intent with the stop's GLB on this origin), each saying in the visitor's
 * language that the viewer shows the site without its stories. Chromium plays the phone: an init
 * script gives it what Safari says (`relList.supports('ar')`) or what Android's Chrome says
 * (User-Agent Client Hints: platform "Android"), and no WebXR AR.
 */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'

const tour = JSON.parse(readFileSync('scenes/canada-rights-values/tour.json', 'utf8')) as Tour
const [first, second] = tour.stops as [Tour['stops'][number], Tour['stops'][number]]

test.use({ viewport: { width: 390, height: 844 } })

/** No WebXR AR here (as on an iPhone, or an Android phone without Google Play Services for AR). */
async function noWebXrAr(page: Page) {
  await page.addInitScript(() => {
    if (navigator.xr) {
      const supported = navigator.xr.isSessionSupported.bind(navigator.xr)
      navigator.xr.isSessionSupported = (mode: XRSessionMode) =>
        mode === 'immersive-ar' ? Promise.resolve(false) : supported(mode)
    }
  })
}

/** Safari's answer: `<a rel="ar">` opens AR Quick Look. */
async function likeSafariOnIos(page: Page) {
  await noWebXrAr(page)
  await page.addInitScript(() => {
    const supports = DOMTokenList.prototype.supports
    DOMTokenList.prototype.supports = function (token: string) {
      return token === 'ar' ? true : supports.call(this, token)
    }
  })
}

/** Chrome on Android: its Client Hints name the platform. */
async function likeChromeOnAndroid(page: Page) {
  await noWebXrAr(page)
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'userAgentData', {
      get: () => ({ platform: 'Android', mobile: true, brands: [] }),
      configurable: true,
    })
  })
}

const offer = (page: Page) => page.getByTestId('ar-native')

for (const lang of ['en', 'fr'] as const) {
  const words = {
    en: {
      enter: 'View on a table',
      quickLook: 'View on a table (opens AR Quick Look)',
      sceneViewer: 'View on a table (opens Scene Viewer)',
      without: /without its stories/,
      next: 'Next stop',
    },
    fr: {
      enter: 'Voir sur une table',
      quickLook: 'Voir sur une table (ouvre Coup d’œil, en réalité augmentée)',
      sceneViewer: 'Voir sur une table (ouvre Scene Viewer)',
      without: /sans ses récits/,
      next: 'Étape suivante',
    },
  }[lang]

  test(`iPhone (${lang}): the stop opens in AR Quick Look from its USDZ, and the page says the stories stay here`, async ({
    page,
  }) => {
    await likeSafariOnIos(page)
    await page.goto(`/?lang=${lang}&tour=canada-rights-values`)
    const link = offer(page)
    await expect(link).toBeVisible({ timeout: 60_000 })
    await expect(link).toHaveAttribute('rel', 'ar')
    await expect(link).toHaveAttribute('href', `/assets/ar/${first.id}.usdz`)
    await expect(link).toHaveAccessibleName(words.quickLook)
    await expect(link).toHaveAccessibleDescription(words.without)
    // Safari's rule: the link's one child is an image; the words are drawn after it.
    expect(
      await link.evaluate((a) => ({
        children: [...a.children].map((c) => c.tagName),
        label: getComputedStyle(a, '::after').content,
        image:
          (a.firstElementChild as HTMLImageElement).complete &&
          (a.firstElementChild as HTMLImageElement).naturalWidth > 0,
      })),
    ).toEqual({ children: ['IMG'], label: `"${words.enter}"`, image: true })
    await expect(page.getByTestId('ar-native-note')).toHaveText(words.without)
    // Not the WebXR button: that one is for browsers that can place the site with its stories.
    await expect(page.getByTestId('ar-enter')).toHaveCount(0)

    // The file Quick Look downloads: a USD zip, with the type Safari hands to Quick Look.
    const usdz = await page.request.get(`/assets/ar/${first.id}.usdz`, {
      headers: { 'Accept-Encoding': 'gzip, br' },
    })
    expect(usdz.status()).toBe(200)
    expect(usdz.headers()['content-type']).toBe('model/vnd.usdz+zip')
    expect(usdz.headers()['content-encoding']).toBeUndefined()
    expect((await usdz.body()).equals(readFileSync(`assets/ar/${first.id}.usdz`))).toBe(true)

    // The next stop offers its own miniature.
    await page.getByRole('button', { name: words.next }).first().click()
    await expect(link).toHaveAttribute('href', `/assets/ar/${second.id}.usdz`)
  })

  test(`Android without WebXR (${lang}): the stop opens in Scene Viewer from its GLB on this origin`, async ({
    page,
    baseURL,
  }) => {
    await likeChromeOnAndroid(page)
    await page.goto(`/?lang=${lang}&tour=canada-rights-values`)
    const link = offer(page)
    await expect(link).toBeVisible({ timeout: 60_000 })
    await expect(link).toHaveText(words.enter)
    await expect(link).toHaveAccessibleName(words.sceneViewer)
    await expect(page.getByTestId('ar-native-note')).toHaveText(words.without)
    await expect(page.getByTestId('ar-enter')).toHaveCount(0)

    const href = (await link.getAttribute('href'))!
    const match = /^intent:\/\/arvr\.google\.com\/scene-viewer\/1\.0\?([^#]+)#Intent;(.+);end;$/.exec(href)
    expect(match, href).not.toBeNull()
    const query = new URLSearchParams(match![1])
    expect(query.get('file')).toBe(`${baseURL}/assets/ar/${first.id}.glb`)
    expect(query.get('mode')).toBe('ar_preferred')
    expect(query.get('title')).toBe(first.title[lang])
    const extras = Object.fromEntries(match![2]!.split(';').map((kv) => kv.split('=') as [string, string]))
    expect(extras).toMatchObject({
      scheme: 'https',
      package: 'com.google.ar.core',
      action: 'android.intent.action.VIEW',
    })
    // Without Google Play Services for AR, Android comes back to this very page: nowhere else.
    const fallback = new URL(decodeURIComponent(extras['S.browser_fallback_url']!))
    expect(fallback.origin).toBe(baseURL)
    expect(fallback.searchParams.get('tour')).toBe('canada-rights-values')

    const glb = await page.request.get(query.get('file')!)
    expect(glb.status()).toBe(200)
    expect(glb.headers()['content-type']).toBe('model/gltf-binary')
    expect((await glb.body()).subarray(0, 4).toString()).toBe('glTF')

    await page.getByRole('button', { name: words.next }).first().click()
    await expect
      .poll(async () =>
        new URLSearchParams(/\?([^#]+)/.exec((await link.getAttribute('href'))!)![1]).get('file'),
      )
      .toBe(`${baseURL}/assets/ar/${second.id}.glb`)
  })
}
