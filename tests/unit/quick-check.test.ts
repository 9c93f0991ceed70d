/**
 * The app's light tour check (src/core/content/quick-check.ts) may only ever say "certainly valid" for
 * a document the zod schema accepts unchanged: fuzzed against the schema here. And every shipped
 * tour must pass it, or the app would load the schema's code for it on every visit.
 */
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkTourText } from '../../src/core/content/catalog'
import { certainlyCatalog, certainlyTourShape } from '../../src/core/content/quick-check'
import { CatalogDocument } from '../../src/core/content/schema'
import { crossCheck, parseTour, parseTourText } from '../../src/core/content/validate'
import {
  allPaths,
  applyMutation,
  getAt,
  hostileTour,
  hostileValue,
  mutationOf,
  type Json,
} from './tour-arbitraries'
import { makeTour } from './tour-fixture'

const FUZZ_TIMEOUT = 60_000
const RUNS = { numRuns: 600 }
const VALID = JSON.parse(JSON.stringify(makeTour())) as Json
const SCENES = join(__dirname, '../../scenes')

const quickOk = (doc: unknown) => certainlyTourShape(doc) && crossCheck(doc).length === 0

describe('quick tour check', () => {
  it('accepts every shipped tour and the test fixture (the fast path is the usual one)', () => {
    expect(quickOk(VALID)).toBe(true)
    const catalog = JSON.parse(readFileSync(join(SCENES, 'catalog.json'), 'utf8')) as unknown
    expect(certainlyCatalog(catalog)).toBe(true)
    for (const dir of readdirSync(SCENES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const doc = JSON.parse(readFileSync(join(SCENES, dir.name, 'tour.json'), 'utf8')) as unknown
      expect(quickOk(doc), dir.name).toBe(true)
    }
  })

  it(
    'never accepts what the schema refuses, nor what the schema would change (fuzzed documents)',
    () => {
      const soundOn = (doc: Json) => {
        if (!quickOk(doc)) return
        const full = parseTour(doc)
        expect(full.ok).toBe(true)
        if (full.ok) expect(full.tour).toEqual(doc)
      }
      fc.assert(fc.property(hostileTour(VALID), soundOn), RUNS)
      fc.assert(
        fc.property(mutationOf(VALID), (m) => soundOn(applyMutation(VALID, m))),
        RUNS,
      )
      fc.assert(fc.property(fc.oneof(fc.jsonValue() as fc.Arbitrary<Json>, hostileValue), soundOn), RUNS)
      // Near misses, which the light check does accept often: a leaf replaced by a value of its
      // own kind (any text, padded text, any number, a URL...).
      const leaves = allPaths(VALID).filter((p) => {
        const v = getAt(VALID, p)
        return p.length > 0 && (v === null || typeof v !== 'object')
      })
      const sameKind = (v: Json | undefined): fc.Arbitrary<Json> =>
        typeof v === 'string'
          ? fc.oneof(
              fc.string(),
              fc.string({ unit: 'binary' }),
              fc.constantFrom(` ${v}`, `${v}\u00a0`, `${v}\n`, v.toUpperCase(), `${v}/../x`, `${v}#x`),
              fc.webUrl(),
            )
          : typeof v === 'number'
            ? fc.oneof(fc.double(), fc.integer())
            : fc.constant(v ?? null)
      const nearMiss = fc
        .integer({ min: 0, max: leaves.length - 1 })
        .chain((i) => fc.tuple(fc.constant(leaves[i]!), sameKind(getAt(VALID, leaves[i]!))))
        .map(([path, value]) => applyMutation(VALID, { op: 'replace', path, value }))
      let accepted = 0
      fc.assert(
        fc.property(nearMiss, (doc) => {
          if (quickOk(doc)) accepted++
          soundOn(doc)
        }),
        { numRuns: 2000 },
      )
      // The property says something only if the light check accepted a good share of them.
      expect(accepted).toBeGreaterThan(200)
    },
    FUZZ_TIMEOUT,
  )

  it('refuses text the schema would trim, or a URL it would rewrite (the schema decides them)', () => {
    const tour = makeTour() as unknown as {
      title: Record<string, string>
      stops: { hotspots: { sources: { url: string }[] }[] }[]
    }
    const padded = structuredClone(tour)
    padded.title['en'] = ` ${padded.title['en']} `
    expect(quickOk(padded)).toBe(false)
    expect(parseTour(padded).ok).toBe(true)
    const tabbed = structuredClone(tour)
    tabbed.stops[0]!.hotspots[0]!.sources[0]!.url = 'https://exa\tmple.org/'
    expect(quickOk(tabbed)).toBe(false)
  })

  it('the catalog check never accepts what the schema refuses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ version: fc.constantFrom('portage.catalog/1', 'x'), tours: fc.array(fc.string()) }),
        ),
        (doc) => {
          if (certainlyCatalog(doc)) expect(CatalogDocument.safeParse(doc).success).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it(
    'the app answers exactly like validate.ts: same verdict, same issues',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            hostileTour(VALID).map((d) => JSON.stringify(d)),
            fc.string(),
          ),
          async (text) => {
            expect(await checkTourText(text)).toEqual(parseTourText(text))
          },
        ),
        { numRuns: 300 },
      )
    },
    FUZZ_TIMEOUT,
  )
})
