/**
 * Which of the phone's own AR viewers a browser can open (feature checks first, the platform only
 * where no feature says it), and the Scene Viewer intent: the stop's GLB on this origin, and back to
 * this page where Google Play Services for AR is missing.
 */
import { describe, expect, it } from 'vitest'
import { nativeViewer, quickLookHref, sceneViewerIntent } from '../../../../src/modes/ar/native-viewers'

type Probe = Parameters<typeof nativeViewer>[0]

function browser(options: {
  rel?: (token: string) => boolean
  platform?: string
  userAgent?: string
}): Probe {
  const relList = {
    supports: options.rel ?? (() => false),
  }
  return {
    document: { createElement: () => ({ relList }) },
    navigator: {
      userAgent: options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64)',
      ...(options.platform ? { userAgentData: { platform: options.platform } } : {}),
    },
  } as unknown as Probe
}

const IPAD_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15'
const ANDROID_FIREFOX = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0'

describe('the phone’s own AR viewer', () => {
  it('is AR Quick Look where Safari says <a rel="ar"> opens it, whatever the User-Agent says', () => {
    expect(nativeViewer(browser({ rel: (t) => t === 'ar', userAgent: IPAD_SAFARI }))).toBe('quick-look')
    // A browser that throws for a token it does not know is not Quick Look.
    const throwing = browser({
      rel: () => {
        throw new TypeError('no supported tokens')
      },
    })
    expect(nativeViewer(throwing)).toBeNull()
  })

  it('is Scene Viewer on Android, by Client Hints where the browser has them', () => {
    expect(nativeViewer(browser({ platform: 'Android' }))).toBe('scene-viewer')
    // Client Hints win over a User-Agent string (a desktop Chrome asking for a mobile site).
    expect(
      nativeViewer(browser({ platform: 'Windows', userAgent: 'Mozilla/5.0 (Linux; Android 10; K)' })),
    ).toBeNull()
  })

  it('is Scene Viewer on Android by the User-Agent string only where there are no Client Hints', () => {
    expect(nativeViewer(browser({ userAgent: ANDROID_FIREFOX }))).toBe('scene-viewer')
    expect(nativeViewer(browser({ userAgent: IPAD_SAFARI }))).toBeNull()
    expect(nativeViewer(browser({}))).toBeNull()
  })
})

describe('the links', () => {
  it('names the stop’s USDZ under the site’s base', () => {
    expect(quickLookHref('/', 'pier-21')).toBe('/assets/ar/pier-21.usdz')
    expect(quickLookHref('/portage/', 'pier-21')).toBe('/portage/assets/ar/pier-21.usdz')
  })

  it('hands Scene Viewer the GLB on this origin, in AR first, and comes back to this page', () => {
    const page = 'https://portage.example.ca/portage/?tour=pier-21&stop=pier-21&hotspot=a&lang=fr'
    const intent = sceneViewerIntent({
      base: '/portage/',
      stopId: 'pier-21',
      title: 'Le Quai 21 & ses récits',
      page,
    })
    const [data, extras] = intent.split('#Intent;') as [string, string]
    expect(data.startsWith('intent://arvr.google.com/scene-viewer/1.0?')).toBe(true)
    const query = new URLSearchParams(data.split('?')[1])
    expect(query.get('file')).toBe('https://portage.example.ca/portage/assets/ar/pier-21.glb')
    expect(query.get('mode')).toBe('ar_preferred')
    expect(query.get('title')).toBe('Le Quai 21 & ses récits')
    expect(extras.endsWith(';end;')).toBe(true)
    const fields = Object.fromEntries(
      extras
        .slice(0, -';end;'.length)
        .split(';')
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    )
    expect(fields).toEqual({
      scheme: 'https',
      package: 'com.google.ar.core',
      action: 'android.intent.action.VIEW',
      'S.browser_fallback_url': encodeURIComponent(page),
    })
    // Nothing in it can end the intent early or start another field.
    expect(decodeURIComponent(fields['S.browser_fallback_url']!)).toBe(page)
    expect(data).not.toMatch(/[#;]/)
  })
})
