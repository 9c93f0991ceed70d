/**
 * The tour format's constants and patterns, without zod: shared by the zod schema (schema.ts,
 * used at build time and whenever a document needs its full list of problems) and by the app's
 * light check (quick-check.ts), so both always agree on what is allowed.
 */

export const TOUR_VERSION = 'portage.tour/1' as const
export const CATALOG_VERSION = 'portage.catalog/1' as const

/** The values a hotspot can speak to. Order is the order used in legends and handouts. */
export const VALUES = [
  'human-rights',
  'gender-equality',
  'diversity',
  'bilingualism',
  'reconciliation',
  'democracy',
  'climate',
  'peace',
  'arts-sport',
] as const
export type ValueId = (typeof VALUES)[number]

/** BCP 47 primary language subtag (en, fr, iu, hai, ...), optionally with a region or script. */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

/** Ids of tours, stops, hotspots, viewpoints: lower-case words joined by hyphens. */
export const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A relative path under assets/, in lower case. */
export const ASSET_PATH = /^[a-z0-9][a-z0-9._/-]*$/
export const ASSET_PATH_MAX = 200

/** No empty, "." or ".." segment (the path can never leave assets/). */
export const hasSafeSegments = (p: string) =>
  !p.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')

export const MODEL_EXTS = ['.glb'] as const
export const AUDIO_EXTS = ['.mp3'] as const
export const CAPTIONS_EXTS = ['.vtt'] as const
export const IMAGE_EXTS = ['.webp', '.png', '.jpg'] as const
