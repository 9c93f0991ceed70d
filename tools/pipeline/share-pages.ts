/**
 * Link previews for a static app. Crawlers of chat apps, learning platforms and social sites do not
 * run JavaScript, so each place of each tour gets a small static page with Open Graph tags (title,
 * description, the stop's poster) and an oEmbed discovery link, and each of those an oEmbed JSON
 * file. People who open such a page are sent on to the app by a meta refresh (no script: it works
 * under a strict Content Security Policy) or by its link.
 *
 *   tours/<tour>/                         the tour, in its first language
 *   tours/<tour>/<lang>/                  the tour
 *   tours/<tour>/<lang>/<stop>/           a stop (its poster)
 *   tours/<tour>/<lang>/<stop>/<story>/   a story (its stop's poster)
 *   oembed/<tour>[.<lang>[.<stop>[.<story>]]].json
 *
 * Open Graph and oEmbed need absolute URLs: the public origin is set at build time
 * (PORTAGE_PUBLIC_ORIGIN). Links a person follows stay relative to the server they came from.
 */
import type { Tour } from '../../src/core/content/schema'
import type { MessageKey } from '../../src/core/i18n/keys'
import {
  EMBED_SIZES,
  embedLink,
  iframeSnippet,
  oembedPath,
  sharePagePath,
  type Place,
  type Site,
} from '../../src/core/links/share-links'
import type { ImageSize } from './image-size'

export const DEFAULT_PUBLIC_ORIGIN = 'http://127.0.0.1:4173'

/** The public origin from the environment: an http(s) origin, nothing else. */
export function publicOrigin(env: Record<string, string | undefined>): string {
  const raw = env['PORTAGE_PUBLIC_ORIGIN']?.trim()
  if (!raw) return DEFAULT_PUBLIC_ORIGIN
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(
      `PORTAGE_PUBLIC_ORIGIN must be an origin such as https://tours.example.org (got "${raw}")`,
    )
  }
  if (!/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== ''))
    throw new Error(`PORTAGE_PUBLIC_ORIGIN must be an http(s) origin without a path (got "${raw}")`)
  return url.origin
}

export type SharePagesInput = {
  tours: Tour[]
  site: Site
  /** Interface strings per language (src/core/i18n/locales/*.json). */
  messages: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** Size of a poster under assets/, or null when unknown (then no size is claimed). */
  posterSize: (path: string) => ImageSize | null
}

/** oEmbed and the pasted iframe use the medium size. */
const OEMBED_SIZE = EMBED_SIZES[1]
/** Open Graph locales for the languages we have (others get none). */
const OG_LOCALE: Record<string, string> = { en: 'en_CA', fr: 'fr_CA' }
/** Long enough for two sentences in a preview card. */
const DESCRIPTION_MAX = 280

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function clip(text: string, max = DESCRIPTION_MAX): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`
}

const pick = (text: Readonly<Record<string, string>>, lang: string) =>
  text[lang] ?? text['en'] ?? Object.values(text)[0] ?? ''

type Page = {
  place: Place
  title: string
  description: string
  poster: string | undefined
  alt: string
}

function pagesOf(tour: Tour, lang: string, msg: (key: MessageKey) => string): Page[] {
  const firstPoster = tour.poster ?? tour.stops.find((s) => s.poster)?.poster
  const pages: Page[] = [
    {
      place: { tour: tour.id, lang },
      title: pick(tour.title, lang),
      description: pick(tour.summary, lang),
      poster: firstPoster,
      alt: pick(tour.stops[0]!.description, lang),
    },
  ]
  for (const stop of tour.stops) {
    const stopTitle =
      tour.stops.length > 1 ? `${pick(stop.title, lang)} — ${pick(tour.title, lang)}` : pick(stop.title, lang)
    const stories = stop.hotspots.map((h) => pick(h.title, lang)).join(' · ')
    pages.push({
      place: { tour: tour.id, lang, stop: stop.id },
      title: stopTitle,
      description: `${pick(stop.place, lang)}. ${msg('embed.stories')}: ${stories}.`,
      poster: stop.poster ?? firstPoster,
      alt: pick(stop.description, lang),
    })
    for (const h of stop.hotspots)
      pages.push({
        place: { tour: tour.id, lang, stop: stop.id, hotspot: h.id },
        title: `${pick(h.title, lang)} — ${pick(stop.title, lang)}`,
        description: pick(h.body, lang),
        poster: stop.poster ?? firstPoster,
        alt: pick(stop.description, lang),
      })
  }
  return pages
}

function appPath(base: string, place: Place) {
  const params = new URLSearchParams({ tour: place.tour })
  if (place.stop) params.set('stop', place.stop)
  if (place.hotspot) params.set('hotspot', place.hotspot)
  params.set('lang', place.lang)
  return `${base}?${params}`
}

/** Every file to write, by path relative to the build's root. */
export function sharePages({ tours, site, messages, posterSize }: SharePagesInput): Map<string, string> {
  const files = new Map<string, string>()
  const abs = (path: string) => `${site.origin}${site.base}${path}`
  for (const tour of tours) {
    const langs = tour.languages.filter((l) => messages[l])
    const defaultLang = langs[0]
    if (!defaultLang) continue
    for (const lang of langs) {
      const msg = (key: MessageKey) => messages[lang]?.[key] ?? messages['en']?.[key] ?? key
      for (const page of pagesOf(tour, lang, msg)) {
        const { place } = page
        const pageUrl = abs(sharePagePath(place))
        const oembedUrl = abs(oembedPath(place, defaultLang))
        const open = appPath(site.base, place)
        const poster = page.poster ? abs(`assets/${page.poster}`) : undefined
        const size = page.poster ? posterSize(page.poster) : null
        const description = clip(page.description)
        const alternates = langs
          .filter((l) => l !== lang)
          .map(
            (l) =>
              `<link rel="alternate" hreflang="${l}" href="${esc(abs(sharePagePath({ ...place, lang: l })))}">`,
          )
        const html = [
          '<!doctype html>',
          `<html lang="${lang}">`,
          '<head>',
          '<meta charset="utf-8">',
          '<meta name="viewport" content="width=device-width, initial-scale=1">',
          `<title>${esc(page.title)} — Portage</title>`,
          `<meta name="description" content="${esc(description)}">`,
          `<link rel="canonical" href="${esc(pageUrl)}">`,
          ...alternates,
          '<meta property="og:type" content="website">',
          '<meta property="og:site_name" content="Portage">',
          `<meta property="og:title" content="${esc(page.title)}">`,
          `<meta property="og:description" content="${esc(description)}">`,
          `<meta property="og:url" content="${esc(pageUrl)}">`,
          ...(OG_LOCALE[lang] ? [`<meta property="og:locale" content="${OG_LOCALE[lang]}">`] : []),
          ...langs
            .filter((l) => l !== lang && OG_LOCALE[l])
            .map((l) => `<meta property="og:locale:alternate" content="${OG_LOCALE[l]}">`),
          ...(poster
            ? [
                `<meta property="og:image" content="${esc(poster)}">`,
                ...(size
                  ? [
                      `<meta property="og:image:width" content="${size.width}">`,
                      `<meta property="og:image:height" content="${size.height}">`,
                    ]
                  : []),
                `<meta property="og:image:alt" content="${esc(clip(page.alt))}">`,
                '<meta name="twitter:card" content="summary_large_image">',
              ]
            : ['<meta name="twitter:card" content="summary">']),
          `<link rel="alternate" type="application/json+oembed" href="${esc(oembedUrl)}" title="${esc(page.title)}">`,
          // People go on to the app; crawlers read the tags above. No script, so any CSP allows it.
          `<meta http-equiv="refresh" content="0; url=${esc(open)}">`,
          `<link rel="icon" href="${site.base}favicon.svg" type="image/svg+xml">`,
          `<link rel="stylesheet" href="${site.base}share-page.css">`,
          '</head>',
          '<body>',
          '<main>',
          ...(page.poster ? [`<img src="${esc(`${site.base}assets/${page.poster}`)}" alt="">`] : []),
          '<p class="brand">Portage</p>',
          `<h1>${esc(page.title)}</h1>`,
          `<p>${esc(description)}</p>`,
          `<p><a href="${esc(open)}">${esc(msg('handout.openTour'))}</a></p>`,
          '</main>',
          '</body>',
          '</html>',
          '',
        ].join('\n')
        files.set(`${sharePagePath(place)}index.html`, html)
        if (lang === defaultLang && !place.stop) files.set(`tours/${tour.id}/index.html`, html)

        const oembed = {
          version: '1.0',
          type: 'rich',
          provider_name: 'Portage',
          provider_url: abs(''),
          title: page.title,
          html: iframeSnippet(
            embedLink(site, place),
            (messages[lang]?.['share.iframeTitle' satisfies MessageKey] ?? '{title}').replace(
              '{title}',
              pick(tour.title, lang),
            ),
            OEMBED_SIZE,
          ),
          width: OEMBED_SIZE.width,
          height: OEMBED_SIZE.height,
          // oEmbed: a thumbnail is given with its size or not at all.
          ...(poster && size
            ? { thumbnail_url: poster, thumbnail_width: size.width, thumbnail_height: size.height }
            : {}),
          cache_age: 86400,
        }
        const json = `${JSON.stringify(oembed, null, 2)}\n`
        files.set(oembedPath(place, defaultLang), json)
        // The default language's tour document also under its explicit name.
        if (lang === defaultLang && !place.stop) files.set(oembedPath(place), json)
      }
    }
  }
  return files
}
