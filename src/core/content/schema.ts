/**
 * The Portage tour document, version `portage.tour/1`.
 *
 * A tour is data: one JSON file per tour under `scenes/<tour-id>/tour.json`, parsed once at the
 * boundary by this schema (at load time in the browser, and by `npm run content:check` in Node).
 * No React and no three.js here: the pipeline and the app share this file.
 *
 * Languages are data too: a tour lists the languages it is written in (`languages`), and every
 * localised field must hold a non-empty text for each of them. Adding a third language is a matter
 * of adding its code to `languages` and its text to every field (see docs/authoring.md).
 */
import { z } from './zod'
import {
  ASSET_PATH,
  ASSET_PATH_MAX,
  AUDIO_EXTS,
  CAPTIONS_EXTS,
  CATALOG_VERSION,
  hasSafeSegments,
  ID,
  IMAGE_EXTS,
  LANGUAGE_CODE,
  MODEL_EXTS,
  TOUR_VERSION,
  VALUES,
} from './rules'

export { TOUR_VERSION, VALUES, type ValueId } from './rules'
/** BCP 47 primary language subtag (en, fr, iu, hai, ...), optionally with a region or script. */
export const LanguageCode = z
  .string()
  .regex(LANGUAGE_CODE, 'must be a language code such as "en", "fr" or "iu"')

const Id = z.string().regex(ID, 'must be lower-case words joined by hyphens, e.g. "peace-tower"')

/**
 * A path to a file under `assets/`, relative to it (e.g. `models/parliament-hill.glb`).
 * No scheme, no leading slash, no `..` segment, no backslash and no percent-encoding, so a tour can
 * never point the app at another origin or outside the content folder.
 */
export const AssetPath = z
  .string()
  .min(1)
  .max(ASSET_PATH_MAX)
  .regex(ASSET_PATH, 'must be a relative path under assets/ in lower case (a-z, 0-9, . _ - /)')
  .refine(hasSafeSegments, {
    message: 'must not contain empty, "." or ".." segments',
  })

const assetWithExt = (exts: readonly string[], what: string) =>
  AssetPath.refine((p) => exts.some((e) => p.endsWith(e)), {
    message: `must be ${what} (${exts.join(', ')})`,
  })

export const ModelPath = assetWithExt(MODEL_EXTS, 'a binary glTF model')
export const AudioPath = assetWithExt(AUDIO_EXTS, 'an MP3 audio file')
export const CaptionsPath = assetWithExt(CAPTIONS_EXTS, 'a WebVTT captions file')
export const ImagePath = assetWithExt(IMAGE_EXTS, 'an image')

const finite = z.number().finite()
export const Vec3 = z.tuple([finite, finite, finite])
export type Vec3 = z.infer<typeof Vec3>

/** A text per language; which languages are required is checked against the tour's `languages`. */
export const LocalizedText = z.record(LanguageCode, z.string().trim().min(1, 'must not be empty'))
export type LocalizedText = z.infer<typeof LocalizedText>

export const Source = z.strictObject({
  url: z
    .string()
    .url()
    .refine((u) => u.startsWith('https://'), { message: 'must be an https:// URL' }),
  title: z.string().trim().min(1),
  /** Language of the source document, when it is not the hotspot's language. */
  lang: LanguageCode.optional(),
})
export type Source = z.infer<typeof Source>

export const Viewpoint = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Camera position, metres (1 unit = 1 m, y up). */
  position: Vec3,
  /** Point the camera looks at. */
  target: Vec3,
})
export type Viewpoint = z.infer<typeof Viewpoint>

/** A walkable floor area: a simple polygon in the horizontal plane at height `y` (metres). */
export const WalkableArea = z.strictObject({
  id: Id,
  y: finite,
  /** [x, z] corners, in order, at least three. */
  polygon: z.array(z.tuple([finite, finite])).min(3),
})
export type WalkableArea = z.infer<typeof WalkableArea>

export const NarrationTrack = z.strictObject({
  /** The words spoken, as written for the ear. The transcript shown to visitors. */
  script: z.string().trim().min(1),
  audio: AudioPath,
  captions: CaptionsPath,
})
export type NarrationTrack = z.infer<typeof NarrationTrack>

export const Hotspot = z.strictObject({
  id: Id.describe('Unique in the tour; used in links (?hotspot=...).'),
  value: z.enum(VALUES).describe('The value this story speaks to.'),
  /** Where the marker stands, metres. */
  position: Vec3.describe('Marker position in metres [x, y, z], y up.'),
  /** Optional camera view for this hotspot; computed from `position` when absent. */
  view: z.strictObject({ position: Vec3, target: Vec3 }).optional(),
  title: LocalizedText.describe('Short title, per language.'),
  body: LocalizedText.describe('Panel text (2-4 sentences), per language.'),
  narration: z
    .record(LanguageCode, NarrationTrack)
    .describe('Narration script, audio and captions, per language.'),
  sources: z
    .array(Source)
    .min(1, 'every hotspot needs at least one source')
    .describe('Where every fact comes from.'),
})
export type Hotspot = z.infer<typeof Hotspot>

export const Stop = z.strictObject({
  id: Id,
  title: LocalizedText,
  /** Where the site is, in words (city, province or territory, and the land it is on). */
  place: LocalizedText,
  /** A text description of what the 3D view shows, for people who cannot see it. */
  description: LocalizedText,
  poster: ImagePath.optional(),
  model: z.strictObject({
    src: ModelPath,
    /** Low-detail version of the same site, shown first while `src` loads. */
    proxy: ModelPath.optional(),
    /** Who made the model, as it should be credited, per language. */
    credits: LocalizedText,
    /** SPDX licence identifier, e.g. CC-BY-4.0. */
    licence: z.string().trim().min(1),
  }),
  startViewpoint: Id.describe('Id of the viewpoint the stop opens at.'),
  viewpoints: z.array(Viewpoint).min(1),
  walkableAreas: z.array(WalkableArea).min(1).describe('Where a headset visitor may teleport.'),
  hotspots: z.array(Hotspot).min(1),
  /**
   * Two questions a teacher can ask about this stop, printed in the lesson handout. Optional here,
   * so any tour still loads and a stop without them gets no questions (the handout never makes any
   * up); `npm run content:check` requires them on every stop of a tour the catalog lists.
   */
  discussion: z
    .array(LocalizedText)
    .length(2, 'must hold exactly two questions')
    .optional()
    .describe('Two discussion questions for the lesson handout, per language.'),
})
export type Stop = z.infer<typeof Stop>

export const TourDocument = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(TOUR_VERSION).describe('Document format version.'),
  id: Id,
  languages: z
    .array(LanguageCode)
    .min(1)
    .describe('Languages every text of the tour is given in, e.g. ["en", "fr"].'),
  title: LocalizedText,
  summary: LocalizedText,
  poster: ImagePath.optional(),
  stops: z.array(Stop).min(1),
})
export type Tour = z.infer<typeof TourDocument>

/** `scenes/catalog.json`: the tours offered, in display order. */
export const CatalogDocument = z.strictObject({
  version: z.literal(CATALOG_VERSION),
  tours: z.array(z.string().regex(ID)).min(1),
})
