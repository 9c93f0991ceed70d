/**
 * The poster image format: shown on the landing page, in link previews and by the 2D tour. Shared
 * by `npm run posters` (rendered by the app in headless Chromium) and Portage Studio (rendered from
 * the studio's view on request), so both write the same size and quality.
 */
export const POSTER_FORMAT = {
  width: 960,
  height: 540,
  /** WebP quality, 0–1 (the browser's scale; sharp's is this × 100). */
  quality: 0.82,
} as const
