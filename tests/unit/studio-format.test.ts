/**
 * How Portage Studio writes a tour (src/core/content/draft.ts): keys in the schema's order whatever
 * order the editor built them in, so a saved tour's diff shows only what changed; every committed
 * tour comes out byte-identical; and the draft stop of a freshly imported model is framed on it and
 * honest about being unfinished.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DRAFT_FRAMING, draftStopFromImport, formatTour } from '../../src/core/content/draft'
import { parseTour } from '../../src/core/content/validate'
import { CAMERA } from '../../src/features/stage/camera'

const TOURS = readdirSync('scenes')
  .filter((d) => existsSync(join('scenes', d, 'tour.json')))
  .map((d) => join('scenes', d, 'tour.json'))

/** The same value with every object's keys in reverse order (arrays keep their order). */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  )
}

describe('formatTour', () => {
  it('writes every committed tour byte for byte as it is', () => {
    expect(TOURS.length).toBeGreaterThan(5)
    for (const file of TOURS) {
      const text = readFileSync(file, 'utf8')
      expect(formatTour(JSON.parse(text)), file).toBe(text)
    }
  })

  it('puts keys in the schema’s order whatever order they were built in', () => {
    for (const file of TOURS) {
      const text = readFileSync(file, 'utf8')
      const scrambled = reversed(JSON.parse(text)) as Record<string, unknown>
      expect(JSON.stringify(scrambled)).not.toBe(JSON.stringify(JSON.parse(text)))
      expect(formatTour(scrambled), file).toBe(text)
    }
  })

  it('orders per-language texts as the tour lists its languages, and ends with a newline', () => {
    const tour = JSON.parse(readFileSync(TOURS[0] ?? '', 'utf8')) as Record<string, unknown>
    const text = formatTour({ ...tour, title: { fr: 'Titre', en: 'Title' } })
    expect(text).toContain('"title": {\n    "en": "Title",\n    "fr": "Titre"\n  }')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.split('\n')[1]).toMatch(/^ {2}"\$schema"/)
  })

  it('keeps a key the schema does not know (after the others) rather than losing it', () => {
    const tour = JSON.parse(readFileSync(TOURS[0] ?? '', 'utf8')) as Record<string, unknown>
    const text = formatTour({ extra: 1, ...tour })
    const keys = Object.keys(JSON.parse(text) as object)
    expect(keys.at(-1)).toBe('extra')
  })
})

describe('draftStopFromImport', () => {
  const bounds = { min: [-10, 0, -4], max: [10, 12, 4] } as const
  const stop = draftStopFromImport({
    siteId: 'fort-york',
    bounds,
    languages: ['en', 'fr'],
    model: 'models/fort-york.glb',
    proxy: 'models/fort-york.proxy.glb',
  })

  it('uses the camera’s field of view', () => {
    expect(DRAFT_FRAMING.verticalFovDeg).toBe(CAMERA.fov)
  })

  it('frames the whole model from the start viewpoint', () => {
    const vp = stop.viewpoints.find((v) => v.id === stop.startViewpoint)
    expect(vp).toBeDefined()
    const { position, target } = vp!
    // Looks at the middle of the model, from the front (+z) and above the ground.
    expect(target).toEqual([0, 6, 0])
    expect(position[2]).toBeGreaterThan(bounds.max[2])
    expect(position[1]).toBeGreaterThan(0)
    // Every corner of the bounds is inside the vertical field of view (so also the wider horizontal one).
    const half = (CAMERA.fov * Math.PI) / 360
    const dir = target.map((t, i) => t - (position[i] ?? 0))
    const len = Math.hypot(...dir)
    for (const x of [bounds.min[0], bounds.max[0]])
      for (const y of [bounds.min[1], bounds.max[1]])
        for (const z of [bounds.min[2], bounds.max[2]]) {
          const v = [x - position[0], y - position[1], z - position[2]]
          const cos = (v[0]! * dir[0]! + v[1]! * dir[1]! + v[2]! * dir[2]!) / (Math.hypot(...v) * len)
          expect(Math.acos(cos)).toBeLessThan(half)
        }
  })

  it('puts a first walkable area on the ground, outside the model’s footprint', () => {
    const [area] = stop.walkableAreas
    expect(area?.y).toBe(0)
    expect(area?.polygon.length).toBe(4)
    for (const [, z] of area?.polygon ?? []) expect(z).toBeGreaterThan(bounds.max[2])
  })

  it('is a draft the check flags: empty texts, no hotspots, no licence', () => {
    expect(stop.title).toEqual({ en: '', fr: '' })
    expect(stop.hotspots).toEqual([])
    const tour = {
      version: 'portage.tour/1',
      id: 'fort-york',
      languages: ['en', 'fr'],
      title: { en: 'Fort York', fr: 'Fort York' },
      summary: { en: 'A fort.', fr: 'Un fort.' },
      stops: [stop],
    }
    const result = parseTour(tour)
    expect(result.ok).toBe(false)
    const paths = result.ok ? [] : result.issues.map((i) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining(['stops[0].title.en', 'stops[0].hotspots', 'stops[0].model.licence']),
    )
  })
})
