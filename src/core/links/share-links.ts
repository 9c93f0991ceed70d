/**
 * Links to a place in a tour, and the iframe snippet that embeds it. Pure functions shared by the
 * share dialog (in the browser) and the build step that writes link-preview pages and oEmbed files
 * (in Node), so a pasted link, a QR code and an embed all name the same place the same way.
 */

/** A place in a tour, in a language. */
export type Place = { tour: string; stop?: string; hotspot?: string; lang: string }

/** Where the app is served: an origin (`https://tours.example.org`) and a base path ending in `/`. */
export type Site = { origin: string; base: string }

const root = (site: Site) => `${site.origin.replace(/\/+$/, '')}${site.base}`

function placeParams(place: Place): URLSearchParams {
  const params = new URLSearchParams({ tour: place.tour })
  if (place.stop) params.set('stop', place.stop)
  if (place.hotspot) params.set('hotspot', place.hotspot)
  params.set('lang', place.lang)
  return params
}

/** The app itself, opened at the place (what the address bar shows). */
export const appLink = (site: Site, place: Place) => `${root(site)}?${placeParams(place)}`

/**
 * The link-preview page of the place: a static page with Open Graph tags and an oEmbed discovery
 * link for crawlers, which sends people on to the app (see tools/build/vite-share-pages.ts). Ids are
 * lower-case words and hyphens, so they are safe as path segments.
 */
export function sharePagePath(place: Place): string {
  return ['tours', place.tour, place.lang, place.stop, place.stop && place.hotspot]
    .filter(Boolean)
    .map((s) => `${s}/`)
    .join('')
}
export const sharePageLink = (site: Site, place: Place) => `${root(site)}${sharePagePath(place)}`

/** The oEmbed document of the same place: `oembed/<tour>[.<lang>[.<stop>[.<hotspot>]]].json`. */
export function oembedPath(place: Place, defaultLang?: string): string {
  const parts = [place.tour]
  if (place.lang !== defaultLang || place.stop) parts.push(place.lang)
  if (place.stop) parts.push(place.stop)
  if (place.stop && place.hotspot) parts.push(place.hotspot)
  return `oembed/${parts.join('.')}.json`
}

export type EmbedChoices = {
  /** Narration starts when a story opens. @default false */
  autoplay?: boolean
  /** @default true */
  captions?: boolean
}

export function embedLink(site: Site, place: Place, choices: EmbedChoices = {}): string {
  const params = new URLSearchParams({ mode: 'embed' })
  for (const [k, v] of placeParams(place)) params.set(k, v)
  if (choices.autoplay) params.set('autoplay', '1')
  if (choices.captions === false) params.set('captions', '0')
  return `${root(site)}?${params}`
}

/** Iframe sizes offered to teachers: 16:9, small enough for a slide, large enough for a page. */
export const EMBED_SIZES = [
  { id: 'small', width: 480, height: 270 },
  { id: 'medium', width: 800, height: 450 },
  { id: 'large', width: 1024, height: 576 },
] as const
export type EmbedSize = (typeof EMBED_SIZES)[number]

/**
 * What the iframe may do: enter VR (`xr-spatial-tracking`), go full screen, play narration the
 * visitor or the page asked for (`autoplay`; narration never starts on its own unless the embed
 * link asks), and copy a link from its share dialog (`clipboard-write`). Without
 * `xr-spatial-tracking` the tour offers to open in a new tab instead.
 */
export const IFRAME_ALLOW = 'xr-spatial-tracking; fullscreen; autoplay; clipboard-write'

const attr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * The HTML a teacher pastes into a page. The explicit referrer policy lets the tour learn the
 * page's origin (for its events) even on a site whose own policy sends no referrer.
 */
export function iframeSnippet(src: string, title: string, size: { width: number; height: number }): string {
  return (
    `<iframe src="${attr(src)}" title="${attr(title)}" width="${size.width}" height="${size.height}" ` +
    `allow="${IFRAME_ALLOW}" allowfullscreen loading="lazy" ` +
    `referrerpolicy="strict-origin-when-cross-origin" style="border:0;max-width:100%"></iframe>`
  )
}
