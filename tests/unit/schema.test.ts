import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTour, parseTourText } from '../../src/core/content/validate'
import { makeTour } from './tour-fixture'

const realTours = readdirSync('scenes', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `scenes/${d.name}/tour.json`)

describe('tour schema: the real tours', () => {
  it('finds tours to check', () => expect(realTours.length).toBeGreaterThan(0))
  it.each(realTours)('%s is valid', (file) => {
    const result = parseTourText(readFileSync(file, 'utf8'))
    expect(result.ok ? [] : result.issues).toEqual([])
  })
})

type Tour = ReturnType<typeof makeTour>
/** Each broken fixture: a mutation of a valid tour and the JSON paths that must be reported. */
const BROKEN: [string, (t: Tour & Record<string, unknown>) => void, string[]][] = [
  ['wrong version', (t) => Object.assign(t, { version: 'portage.tour/2' }), ['version']],
  ['missing French title', (t) => delete (t.title as Record<string, string>)['fr'], ['title.fr']],
  ['empty summary', (t) => (t.summary['en'] = '  '), ['summary.en']],
  [
    'unknown value',
    (t) => Object.assign(t.stops[0]!.hotspots[1]!, { value: 'happiness' }),
    ['stops[0].hotspots[1].value'],
  ],
  ['no sources', (t) => (t.stops[1]!.hotspots[0]!.sources = []), ['stops[1].hotspots[0].sources']],
  [
    'http source',
    (t) => (t.stops[0]!.hotspots[0]!.sources[0]!.url = 'http://example.com'),
    ['stops[0].hotspots[0].sources[0].url'],
  ],
  ['path escaping assets/', (t) => (t.stops[0]!.model.src = '../secret.glb'), ['stops[0].model.src']],
  [
    'absolute URL as asset',
    (t) => (t.stops[0]!.model.src = 'https://evil.example/x.glb'),
    ['stops[0].model.src'],
  ],
  [
    'encoded traversal',
    (t) => (t.stops[2]!.hotspots[1]!.narration['en']!.audio = 'audio/%2e%2e/x.mp3'),
    ['stops[2].hotspots[1].narration.en.audio'],
  ],
  [
    'captions not .vtt',
    (t) => (t.stops[0]!.hotspots[0]!.narration['fr']!.captions = 'captions/a.srt'),
    ['stops[0].hotspots[0].narration.fr.captions'],
  ],
  [
    'missing narration language',
    (t) => delete t.stops[0]!.hotspots[2]!.narration['fr'],
    ['stops[0].hotspots[2].narration.fr'],
  ],
  [
    'position not 3D',
    (t) => Object.assign(t.stops[0]!.hotspots[0]!, { position: [1, 2] }),
    ['stops[0].hotspots[0].position'],
  ],
  [
    'NaN-like position',
    (t) => Object.assign(t.stops[0]!.hotspots[0]!, { position: [1, 2, 'x'] }),
    ['stops[0].hotspots[0].position[2]'],
  ],
  [
    'duplicate hotspot id across stops',
    (t) => (t.stops[1]!.hotspots[0]!.id = 'a'),
    ['stops[1].hotspots[0].id'],
  ],
  ['duplicate stop id', (t) => (t.stops[2]!.id = 'first'), ['stops[2].id']],
  ['start viewpoint missing', (t) => (t.stops[1]!.startViewpoint = 'nowhere'), ['stops[1].startViewpoint']],
  ['unknown field', (t) => Object.assign(t.stops[0]!, { colour: 'red' }), ['stops[0]']],
  ['language not declared', (t) => (t.title['de'] = 'Titel'), ['title.de']],
  [
    'walkable area of two points',
    (t) =>
      (t.stops[0]!.walkableAreas[0]!.polygon = [
        [0, 0],
        [1, 1],
      ]),
    ['stops[0].walkableAreas[0].polygon'],
  ],
  ['bad id', (t) => (t.stops[0]!.hotspots[0]!.id = 'Not An Id'), ['stops[0].hotspots[0].id']],
  [
    'one discussion question instead of two',
    (t) => (t.stops[1]!.discussion = [{ en: 'Why?', fr: 'Pourquoi?' }]),
    ['stops[1].discussion'],
  ],
  [
    'discussion question missing its French',
    (t) => (t.stops[0]!.discussion = [{ en: 'Why?', fr: 'Pourquoi?' }, { en: 'How?' }]),
    ['stops[0].discussion[1].fr'],
  ],
  [
    'model credits missing their French',
    (t) => delete (t.stops[1]!.model.credits as Record<string, string>)['fr'],
    ['stops[1].model.credits.fr'],
  ],
  [
    'model credits as one plain string (the format before credits were per language)',
    (t) => ((t.stops[0]!.model as { credits: unknown }).credits = 'Portage contributors'),
    ['stops[0].model.credits'],
  ],
]

describe('tour schema: broken tours', () => {
  it('the fixture itself is valid', () => expect(parseTour(makeTour())).toMatchObject({ ok: true }))
  it('discussion questions are optional, two per stop when given', () => {
    const tour = makeTour()
    tour.stops[0]!.discussion = [
      { en: 'Why?', fr: 'Pourquoi?' },
      { en: 'How?', fr: 'Comment?' },
    ]
    expect(parseTour(tour)).toMatchObject({ ok: true })
  })

  it.each(BROKEN)('%s is rejected at its path', (_name, mutate, paths) => {
    const tour = makeTour() as Tour & Record<string, unknown>
    mutate(tour)
    const result = parseTour(tour)
    expect(result.ok).toBe(false)
    if (result.ok) return
    for (const p of paths) expect(result.issues.map((i) => i.path)).toContain(p)
    for (const i of result.issues) expect(i.message.length).toBeGreaterThan(5)
  })

  it('reports every problem of a tour at once, schema and cross-field together', () => {
    const tour = makeTour() as Tour & Record<string, unknown>
    for (const [, mutate] of BROKEN.slice(0, 6)) mutate(tour)
    delete tour.stops[0]!.hotspots[2]!.narration['fr']
    const result = parseTour(tour)
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'version',
        'title.fr',
        'summary.en',
        'stops[0].hotspots[1].value',
        'stops[0].hotspots[2].narration.fr',
      ]),
    )
  })

  it('invalid JSON is one problem at the root, never a throw', () => {
    expect(parseTourText('{"version": ')).toMatchObject({ ok: false, issues: [{ path: '' }] })
    expect(parseTour(null)).toMatchObject({ ok: false })
    expect(parseTour([1, 2])).toMatchObject({ ok: false })
  })
})
