/**
 * The app's light check of a tour document, without zod (zod is 25 KB gzip the first stop frame
 * would otherwise wait for). It answers only "certainly valid": every rule here is at least as
 * strict as the zod schema in schema.ts, and it accepts only documents the schema returns
 * unchanged (no text it would trim). Anything else — a broken tour, or a valid one written in an
 * unusual way — goes to the full schema, loaded on demand, which decides and names every problem
 * by its path. So a document is never accepted here that `npm run content:check` would refuse
 * (tests/unit/quick-check.test.ts checks this on fuzzed documents).
 */
import type { Tour } from './schema'
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

type Obj = Record<string, unknown>
type Check = (v: unknown) => boolean

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A strict object: only these keys; `required` must be present, the rest may be absent. */
function object(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v) => {
    if (!isObj(v)) return false
    for (const key of Object.keys(v)) {
      const check = Object.hasOwn(required, key)
        ? required[key]
        : Object.hasOwn(optional, key)
          ? optional[key]
          : null
      if (!check || !check(v[key])) return false
    }
    return Object.keys(required).every((key) => Object.hasOwn(v, key))
  }
}

const array =
  (item: Check, min = 0, exact?: number): Check =>
  (v) =>
    Array.isArray(v) && v.length >= min && (exact === undefined || v.length === exact) && v.every(item)

const matches =
  (re: RegExp): Check =>
  (v) =>
    typeof v === 'string' && re.test(v)

/** A non-empty text the schema's `.trim()` would leave as it is. */
const text: Check = (v) => typeof v === 'string' && v.length > 0 && v.trim() === v
const finite: Check = (v) => typeof v === 'number' && Number.isFinite(v)
const vec3 = array(finite, 3, 3)
const id = matches(ID)
const language = matches(LANGUAGE_CODE)

const localized: Check = (v) =>
  isObj(v) && Object.keys(v).every((key) => LANGUAGE_CODE.test(key) && text(v[key]))

const asset =
  (exts: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' &&
    v.length >= 1 &&
    v.length <= ASSET_PATH_MAX &&
    ASSET_PATH.test(v) &&
    hasSafeSegments(v) &&
    exts.some((e) => v.endsWith(e))

/** An https URL with nothing the URL parser or the schema would strip or rewrite. */
const httpsUrl: Check = (v) => {
  // eslint-disable-next-line no-control-regex -- control characters and spaces are what is refused
  if (typeof v !== 'string' || !v.startsWith('https://') || /[\s\x00-\x1f\x7f]/.test(v)) return false
  try {
    new URL(v)
    return true
  } catch {
    return false
  }
}

const source = object({ url: httpsUrl, title: text }, { lang: language })
const narrationTrack = object({ script: text, audio: asset(AUDIO_EXTS), captions: asset(CAPTIONS_EXTS) })
const narration: Check = (v) =>
  isObj(v) && Object.keys(v).every((key) => LANGUAGE_CODE.test(key) && narrationTrack(v[key]))

const hotspot = object(
  {
    id,
    value: (v) => (VALUES as readonly unknown[]).includes(v),
    position: vec3,
    title: localized,
    body: localized,
    narration,
    sources: array(source, 1),
  },
  { view: object({ position: vec3, target: vec3 }) },
)

const stop = object(
  {
    id,
    title: localized,
    place: localized,
    description: localized,
    model: object(
      { src: asset(MODEL_EXTS), credits: localized, licence: text },
      { proxy: asset(MODEL_EXTS) },
    ),
    startViewpoint: id,
    viewpoints: array(object({ id, title: localized, position: vec3, target: vec3 }), 1),
    walkableAreas: array(object({ id, y: finite, polygon: array(array(finite, 2, 2), 3) }), 1),
    hotspots: array(hotspot, 1),
  },
  { poster: asset(IMAGE_EXTS), discussion: array(localized, 2, 2) },
)

const tour = object(
  {
    version: (v) => v === TOUR_VERSION,
    id,
    languages: array(language, 1),
    title: localized,
    summary: localized,
    stops: array(stop, 1),
  },
  { $schema: (v) => typeof v === 'string', poster: asset(IMAGE_EXTS) },
)

/**
 * Whether `input` certainly satisfies the tour schema, and is what the schema would return for it
 * (the cross-field rules of issues.ts are checked separately). False means "ask the schema".
 */
export function certainlyTourShape(input: unknown): input is Tour {
  return tour(input)
}

const catalog = object({
  version: (v) => v === CATALOG_VERSION,
  tours: array(id, 1),
})

/** Whether `input` certainly satisfies the catalog schema (schema.ts `CatalogDocument`). */
export function certainlyCatalog(input: unknown): input is { version: string; tours: string[] } {
  return catalog(input)
}
