/**
 * Sharing a place: links, the iframe snippet, QR codes, and the link-preview pages and oEmbed
 * files written at build time.
 */
import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import type { Tour } from '../../src/core/content/schema'
import { imageSize } from '../../tools/pipeline/image-size'
import { publicOrigin, sharePages } from '../../tools/pipeline/share-pages'
import {
  appLink,
  embedLink,
  IFRAME_ALLOW,
  iframeSnippet,
  oembedPath,
  sharePageLink,
} from '../../src/core/links/share-links'
import { qrShape } from '../../src/features/share/qr'
import { makeTour } from './tour-fixture'

const site = { origin: 'https://tours.example.org', base: '/' }
const messages = {
  en: JSON.parse(readFileSync('src/core/i18n/locales/en.json', 'utf8')) as Record<string, string>,
  fr: JSON.parse(readFileSync('src/core/i18n/locales/fr.json', 'utf8')) as Record<string, string>,
}

describe('links to a place', () => {
  const place = { tour: 't', stop: 'second', hotspot: 'd', lang: 'fr' }
  it('the app link, the preview page and the embed name the same place', () => {
    expect(appLink(site, place)).toBe('https://tours.example.org/?tour=t&stop=second&hotspot=d&lang=fr')
    expect(sharePageLink(site, place)).toBe('https://tours.example.org/tours/t/fr/second/d/')
    expect(sharePageLink(site, { tour: 't', lang: 'en' })).toBe('https://tours.example.org/tours/t/en/')
    expect(embedLink(site, place)).toBe(
      'https://tours.example.org/?mode=embed&tour=t&stop=second&hotspot=d&lang=fr',
    )
    expect(embedLink(site, place, { autoplay: true, captions: false })).toMatch(/&autoplay=1&captions=0$/)
    expect(oembedPath({ tour: 't', lang: 'en' }, 'en')).toBe('oembed/t.json')
    expect(oembedPath(place, 'en')).toBe('oembed/t.fr.second.d.json')
  })

  it('the iframe snippet allows VR, full screen and autoplay, with a title and a size, escaped', () => {
    const html = iframeSnippet('https://x.org/?a=1&b="2"', 'Tour <“quoted”>', { width: 800, height: 450 })
    expect(html).toContain('src="https://x.org/?a=1&amp;b=&quot;2&quot;"')
    expect(html).toContain('title="Tour &lt;“quoted”&gt;"')
    expect(html).toContain('width="800" height="450"')
    expect(html).toContain(`allow="${IFRAME_ALLOW}"`)
    expect(IFRAME_ALLOW).toContain('xr-spatial-tracking')
    expect(html).toContain('allowfullscreen')
    expect(html).toContain('referrerpolicy="strict-origin-when-cross-origin"')
  })
})

describe('QR codes', () => {
  it('draws exactly the modules the encoder gives for the text, inside a quiet zone', () => {
    const text = 'https://tours.example.org/?tour=parliament-hill&lang=fr'
    const qr = qrShape(text)
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    expect(qr.size).toBe(modules.size + 8)
    for (let y = 0; y < qr.size; y++)
      for (let x = 0; x < qr.size; x++) {
        const inside = x >= 4 && y >= 4 && x < modules.size + 4 && y < modules.size + 4
        expect(qr.dark(x, y)).toBe(inside && Boolean(modules.get(y - 4, x - 4)))
      }
    // The path covers the same number of dark modules (as unit-high runs).
    const area = [...qr.path.matchAll(/h(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0)
    expect(area).toBe(modules.data.reduce((n: number, v: number) => n + (v ? 1 : 0), 0))
  })
})

describe('image sizes from headers', () => {
  it('reads the real WebP poster, a PNG and a JPEG', () => {
    expect(imageSize(readFileSync('assets/posters/parliament-hill.webp'))).toEqual({
      width: 960,
      height: 540,
    })
    const png = new PNG({ width: 33, height: 17 })
    expect(imageSize(PNG.sync.write(png))).toEqual({ width: 33, height: 17 })
    // SOI, an APP0 segment, then SOF0 with height 17 and width 33.
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x11, 0x00, 0x21,
      0x01, 0x01, 0x11, 0x00,
    ])
    expect(imageSize(jpeg)).toEqual({ width: 33, height: 17 })
    expect(imageSize(Uint8Array.from([1, 2, 3]))).toBeNull()
  })
})

describe('link-preview pages and oEmbed', () => {
  const tour = makeTour('t')
  tour.stops[1]!.poster = 'posters/second.webp'
  const files = sharePages({
    tours: [tour],
    site,
    messages,
    posterSize: (p) => (p === 'posters/second.webp' ? { width: 960, height: 540 } : null),
  })

  it('writes a page per place and language, and an oEmbed file for each', () => {
    const places = 1 + 3 + 6 // the tour, its stops, its stories
    const pages = [...files.keys()].filter((p) => p.endsWith('.html'))
    expect(pages).toHaveLength(places * 2 + 1) // both languages, plus tours/t/ in the first
    expect(files.has('tours/t/index.html')).toBe(true)
    expect(files.has('tours/t/fr/second/d/index.html')).toBe(true)
    expect(files.has('oembed/t.json')).toBe(true)
    expect(files.has('oembed/t.fr.second.d.json')).toBe(true)
  })

  it('a story page has absolute Open Graph tags with its stop’s poster, and a discovery link', () => {
    const html = files.get('tours/t/fr/second/d/index.html')!
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('<meta property="og:title" content="Title d (fr) — Stop second (fr)">')
    expect(html).toContain(
      '<meta property="og:image" content="https://tours.example.org/assets/posters/second.webp">',
    )
    expect(html).toContain('<meta property="og:image:width" content="960">')
    expect(html).toContain(
      '<meta property="og:url" content="https://tours.example.org/tours/t/fr/second/d/">',
    )
    expect(html).toContain(
      '<link rel="alternate" type="application/json+oembed" href="https://tours.example.org/oembed/t.fr.second.d.json"',
    )
    expect(html).toContain(
      '<link rel="alternate" hreflang="en" href="https://tours.example.org/tours/t/en/second/d/">',
    )
  })

  it('sends people on without a script (CSP-safe), relative to the server they are on', () => {
    const html = files.get('tours/t/fr/second/d/index.html')!
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/ style=|onload=/i)
    expect(html).toContain(
      '<meta http-equiv="refresh" content="0; url=/?tour=t&amp;stop=second&amp;hotspot=d&amp;lang=fr">',
    )
    expect(html).toContain(
      '<a href="/?tour=t&amp;stop=second&amp;hotspot=d&amp;lang=fr">Ouvrir la visite</a>',
    )
  })

  it('the oEmbed document is a rich iframe with the right allow list, and a sized thumbnail', () => {
    const o = JSON.parse(files.get('oembed/t.fr.second.d.json')!) as Record<string, unknown>
    expect(o).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'Portage',
      width: 800,
      height: 450,
      thumbnail_url: 'https://tours.example.org/assets/posters/second.webp',
      thumbnail_width: 960,
      thumbnail_height: 540,
    })
    expect(o['html']).toContain(
      'src="https://tours.example.org/?mode=embed&amp;tour=t&amp;stop=second&amp;hotspot=d&amp;lang=fr"',
    )
    expect(o['html']).toContain(`allow="${IFRAME_ALLOW}"`)
    expect(o['html']).toContain('title="Visite virtuelle Portage\u00a0: Test tour (fr)"')
    // The tour's own card uses the first poster it has.
    expect(JSON.parse(files.get('oembed/t.json')!)).toMatchObject({
      thumbnail_url: expect.stringMatching(/second\.webp$/),
    })
    // No size known: no thumbnail claimed (oEmbed wants both or neither).
    const unsized = sharePages({ tours: [tour], site, messages, posterSize: () => null })
    expect(JSON.parse(unsized.get('oembed/t.json')!)).not.toHaveProperty('thumbnail_url')
  })

  it('escapes content in HTML', () => {
    const evil = makeTour('t') as Tour
    evil.title.en = 'A "tour" <script>alert(1)</script>'
    const html = sharePages({ tours: [evil], site, messages, posterSize: () => null }).get(
      'tours/t/index.html',
    )!
    expect(html).not.toContain('<script>')
    expect(html).toContain('A &quot;tour&quot; &lt;script&gt;')
  })

  it('the public origin comes from PORTAGE_PUBLIC_ORIGIN, and must be an origin', () => {
    expect(publicOrigin({})).toBe('http://127.0.0.1:4173')
    expect(publicOrigin({ PORTAGE_PUBLIC_ORIGIN: 'https://tours.example.org/' })).toBe(
      'https://tours.example.org',
    )
    expect(() => publicOrigin({ PORTAGE_PUBLIC_ORIGIN: 'tours.example.org' })).toThrow(
      /PORTAGE_PUBLIC_ORIGIN/,
    )
    expect(() => publicOrigin({ PORTAGE_PUBLIC_ORIGIN: 'https://x.org/app' })).toThrow(/without a path/)
  })
})
