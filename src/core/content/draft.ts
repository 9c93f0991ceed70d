/**
 * Tours as Portage Studio writes them, shared by the studio's server (which saves them) and its
 * browser app (which edits them): `formatTour`, the one way a tour is written to `tour.json`, and
 * `draftStopFromImport`, the stop a freshly imported model opens as. Pure functions over plain
 * data, no I/O.
 */
import type { z } from 'zod'
import { TourDocument, type Stop, type Tour } from './schema'

/**
 * A tour's JSON text as the studio saves it: keys in the order the schema declares them (so a
 * field moved by an edit never moves in the file), localised texts in the order of the tour's
 * `languages`, two spaces, a final newline. Diffs of a saved tour show only what was changed.
 * Keys the schema does not know (which the schema rejects anyway) keep their order, after the rest.
 */
export function formatTour(tour: Tour | Record<string, unknown>): string {
  const langs = Array.isArray(tour['languages' as keyof typeof tour])
    ? (tour['languages' as keyof typeof tour] as unknown[]).filter((l): l is string => typeof l === 'string')
    : []
  return JSON.stringify(ordered(tour, TourDocument, langs), null, 2) + '\n'
}

type Def = {
  type: string
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  innerType?: z.ZodType
  valueType?: z.ZodType
  items?: z.ZodType[]
  in?: z.ZodType
}

const defOf = (schema: z.ZodType | undefined): Def | undefined =>
  (schema as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** `value` with its object keys reordered after `schema` (followed through optional, arrays, …). */
function ordered(value: unknown, schema: z.ZodType | undefined, langs: readonly string[]): unknown {
  let def = defOf(schema)
  // Wrappers: optional fields, defaults, pipes. Refinements keep the inner type in zod 4.
  while (def && (def.type === 'optional' || def.type === 'nullable' || def.type === 'default'))
    def = defOf(def.innerType)
  if (def?.type === 'pipe') def = defOf(def.in)
  if (Array.isArray(value)) {
    if (def?.type === 'array') return value.map((v) => ordered(v, def.element, langs))
    if (def?.type === 'tuple') return value.map((v, i) => ordered(v, def.items?.[i], langs))
    return value.map((v) => ordered(v, undefined, langs))
  }
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  if (def?.type === 'object' && def.shape) {
    for (const key of Object.keys(def.shape))
      if (key in value && value[key] !== undefined) out[key] = ordered(value[key], def.shape[key], langs)
  } else if (def?.type === 'record') {
    // Per-language maps (texts, narration): the tour's language order, then any other key.
    for (const lang of langs) if (lang in value) out[lang] = ordered(value[lang], def.valueType, langs)
  }
  for (const key of Object.keys(value))
    if (!(key in out) && value[key] !== undefined) out[key] = ordered(value[key], undefined, langs)
  return out
}

/** How a new stop is framed. */
export const DRAFT_FRAMING = {
  /**
   * The orbit camera's vertical field of view, degrees: the same as `CAMERA.fov` in
   * src/features/stage/camera.ts (the core cannot import a feature; a unit test keeps them equal).
   */
  verticalFovDeg: 55,
  /** The start view looks down on the model from this angle above the horizon, degrees. */
  elevationDeg: 20,
  /** Space around the model's bounding sphere in the start view (1.15: 15 % more distance). */
  margin: 1.15,
  /** The first walkable area: an apron in front of the model, this far from its footprint... */
  apronGapM: 0.5,
  /** ...as deep as this share of the footprint's depth, at least `apronMinDepthM`. */
  apronDepthShare: 0.5,
  apronMinDepthM: 2,
  /** Coordinates are rounded to centimetres: the file stays readable. */
  precision: 100,
} as const

export type DraftBounds = { min: readonly [number, number, number]; max: readonly [number, number, number] }

const round = (v: number) => Math.round(v * DRAFT_FRAMING.precision) / DRAFT_FRAMING.precision || 0
const emptyTexts = (langs: readonly string[]) => Object.fromEntries(langs.map((l) => [l, '']))

/**
 * The stop a freshly imported model opens as: its model and proxy, a start viewpoint framing the
 * whole model from the front (+z) and a little above, and a first walkable area on its ground, an
 * apron in front of the model (around it would cross the model itself, which the studio flags).
 * Every text is empty and there are no hotspots yet: the draft does not pass the check until a
 * content team has written it, and nothing in it pretends to be finished.
 */
export function draftStopFromImport(options: {
  siteId: string
  bounds: DraftBounds
  languages: readonly string[]
  /** Asset paths as the tour names them, e.g. `models/fort-york.glb`. */
  model: string
  proxy?: string
}): Stop {
  const { min, max } = options.bounds
  const centre = [0, 1, 2].map((i) => ((min[i] ?? 0) + (max[i] ?? 0)) / 2) as [number, number, number]
  const size = [0, 1, 2].map((i) => Math.max(0, (max[i] ?? 0) - (min[i] ?? 0)))
  const radius = Math.max(0.5, Math.hypot(size[0] ?? 0, size[1] ?? 0, size[2] ?? 0) / 2)
  const halfFov = (DRAFT_FRAMING.verticalFovDeg * Math.PI) / 360
  const distance = (radius / Math.sin(halfFov)) * DRAFT_FRAMING.margin
  const elevation = (DRAFT_FRAMING.elevationDeg * Math.PI) / 180
  const position: [number, number, number] = [
    centre[0],
    centre[1] + distance * Math.sin(elevation),
    centre[2] + distance * Math.cos(elevation),
  ]
  const ground = min[1] ?? 0
  const depth = Math.max(DRAFT_FRAMING.apronMinDepthM, (size[2] ?? 0) * DRAFT_FRAMING.apronDepthShare)
  const front = (max[2] ?? 0) + DRAFT_FRAMING.apronGapM
  const x0 = (min[0] ?? 0) - DRAFT_FRAMING.apronGapM
  const x1 = (max[0] ?? 0) + DRAFT_FRAMING.apronGapM
  return {
    id: options.siteId,
    title: emptyTexts(options.languages),
    place: emptyTexts(options.languages),
    description: emptyTexts(options.languages),
    model: {
      src: options.model,
      ...(options.proxy ? { proxy: options.proxy } : {}),
      credits: emptyTexts(options.languages),
      licence: '',
    },
    startViewpoint: 'start',
    viewpoints: [
      {
        id: 'start',
        title: emptyTexts(options.languages),
        position: position.map(round) as [number, number, number],
        target: centre.map(round) as [number, number, number],
      },
    ],
    walkableAreas: [
      {
        id: 'ground',
        y: round(ground),
        polygon: [
          [round(x0), round(front)],
          [round(x1), round(front)],
          [round(x1), round(front + depth)],
          [round(x0), round(front + depth)],
        ],
      },
    ],
    hotspots: [],
  }
}
