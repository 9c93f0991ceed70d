/**
 * Hostile content, fuzzed with fast-check: whatever a tour document, a caption file or an asset path
 * holds, the checker (the same parseTour the app and `npm run content:check` use) never throws,
 * and a broken document is reported with paths that point at the problem.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assetUrl } from '../../src/core/content/catalog'
import { AssetPath, ModelPath } from '../../src/core/content/schema'
import { crossCheck, formatPath, parseTour, parseTourText } from '../../src/core/content/validate'
import { parseVtt } from '../../src/core/content/webvtt'
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

/** Property tests run hundreds of cases; on a loaded shared machine they need more than 5 s. */
const FUZZ_TIMEOUT = 60_000

const VALID = JSON.parse(JSON.stringify(makeTour())) as Json
const RUNS = { numRuns: 400 }

/** Whether a formatted issue path names a node of the document, or a missing key of a node that exists. */
function pointsIntoDocument(known: ReadonlySet<string>, issuePath: string): boolean {
  if (known.has(issuePath)) return true
  // A missing field (or an unusable key): the object that should hold it exists.
  const parent = issuePath.replace(/(?:^|\.)[A-Za-z_$][\w$-]*$|\[\d+\]$|\["(?:[^"\\]|\\.)*"\]$/, '')
  return parent !== issuePath && known.has(parent)
}

describe('fuzzed tour documents', () => {
  it(
    'the checker never throws and always answers ok or issues with paths',
    () => {
      fc.assert(
        fc.property(hostileTour(VALID), (doc) => {
          const result = parseTour(doc)
          if (result.ok) return
          expect(result.issues.length).toBeGreaterThan(0)
          const known = new Set(allPaths(doc).map((p) => formatPath(p)))
          for (const issue of result.issues) {
            expect(typeof issue.path).toBe('string')
            expect(issue.message.trim().length).toBeGreaterThan(3)
            expect(pointsIntoDocument(known, issue.path), `${issue.path}: ${issue.message}`).toBe(true)
          }
        }),
        RUNS,
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'a value of the wrong kind is reported at its own path',
    () => {
      const leaves = allPaths(VALID).filter((p) => {
        const v = getAt(VALID, p)
        return p.length > 0 && p[0] !== 'languages' && (v === null || typeof v !== 'object')
      })
      const wrongKind = (v: Json | undefined) =>
        typeof v === 'string'
          ? fc.constantFrom<Json>(42, null, [], {}, true)
          : fc.constantFrom<Json>('x', null, [], {})
      const arb = fc
        .integer({ min: 0, max: leaves.length - 1 })
        .chain((i) => fc.tuple(fc.constant(leaves[i]!), wrongKind(getAt(VALID, leaves[i]!))))
      fc.assert(
        fc.property(arb, ([path, value]) => {
          const result = parseTour(applyMutation(VALID, { op: 'replace', path, value }))
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(formatPath(path))
        }),
        RUNS,
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'a required field removed is reported at its path',
    () => {
      const optional = /(^|\.)(\$schema|poster|view|lang|proxy)$/
      const fields = allPaths(VALID).filter(
        (p) => typeof p[p.length - 1] === 'string' && !optional.test(formatPath(p)),
      )
      fc.assert(
        fc.property(fc.constantFrom(...fields), (path) => {
          const result = parseTour(applyMutation(VALID, { op: 'delete', path }))
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(formatPath(path))
        }),
        RUNS,
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'an unknown field (even "__proto__") is reported at its object, and pollutes nothing',
    () => {
      fc.assert(
        fc.property(
          mutationOf(VALID).filter((m) => m.op === 'add-key'),
          (m) => {
            const result = parseTour(applyMutation(VALID, m))
            if (m.op !== 'add-key') return
            expect(result.ok).toBe(false)
            if (result.ok) return
            const at = formatPath(m.path)
            expect(result.issues.some((i) => i.path === at || i.path.startsWith(at))).toBe(true)
            expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
          },
        ),
        RUNS,
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'any JSON at all, or any text, never makes the checker throw',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), hostileValue, fc.anything()), (input) => {
          expect(() => crossCheck(input)).not.toThrow()
          expect(parseTour(input).ok).toBe(false)
        }),
        RUNS,
      )
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
          const result = parseTourText(text)
          expect(result.ok).toBe(false)
        }),
        RUNS,
      )
    },
    FUZZ_TIMEOUT,
  )
})

describe('fuzzed caption files', () => {
  const VALID_VTT =
    'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello <b>there</b>\n\n00:00:02.500 --> 00:00:04.000\nBye\n'
  it(
    'the WebVTT parser never throws, and every cue it keeps is well-formed',
    () => {
      const mutated = fc
        .tuple(fc.nat(VALID_VTT.length), fc.nat(20), fc.string({ maxLength: 30, unit: 'binary' }))
        .map(([at, cut, insert]) => VALID_VTT.slice(0, at) + insert + VALID_VTT.slice(at + cut))
      fc.assert(
        fc.property(fc.oneof(mutated, fc.string({ unit: 'binary' })), (text) => {
          const { cues, errors } = parseVtt(text)
          for (const c of cues) {
            expect(Number.isFinite(c.start) && Number.isFinite(c.end) && c.end > c.start).toBe(true)
            expect(typeof c.text).toBe('string')
          }
          for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(0)
        }),
        RUNS,
      )
    },
    FUZZ_TIMEOUT,
  )
})

describe('asset paths cannot leave the content folder', () => {
  const ORIGIN = 'https://portage.example'
  const BASE = '/'
  /** Where a path accepted by the schema actually points once the browser resolves it. */
  const resolved = (path: string) => new URL(assetUrl(BASE, path), ORIGIN)

  it.each([
    '../secret.glb',
    'models/../../secret.glb',
    'models/./x.glb',
    'models//x.glb',
    '/etc/passwd.glb',
    '//evil.example/x.glb',
    'https://evil.example/x.glb',
    'http:/evil.example/x.glb',
    'javascript:alert(1)//.glb',
    'data:model/gltf-binary;base64,AAAA.glb',
    'blob:https://evil.example/x.glb',
    '%2e%2e/secret.glb',
    'models/%2e%2e%2fsecret.glb',
    'models/%252e%252e/secret.glb',
    'models\\..\\secret.glb',
    'models/\u2025/x.glb', // two-dot leader
    'models/\uff0e\uff0e/x.glb', // full-width dots
    'models/x.glb\u0000.png',
    'models/x.glb?x=1',
    'models/x.glb#a',
    'MODELS/X.GLB',
    ' models/x.glb',
    'models/x.glb ',
    'models/x.glb\n',
    '',
  ])('refuses %j', (path) => {
    expect(ModelPath.safeParse(path).success).toBe(false)
  })

  it(
    'whatever string it is given, a path the schema accepts resolves under /assets/ on our origin',
    () => {
      const alphabet = fc.constantFrom(...'abz09._-/%\\:?#@ .\u2025\uff0eAZ~'.split(''))
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 40 })), (path) => {
          if (!AssetPath.safeParse(path).success) return
          const url = resolved(path)
          expect(url.origin).toBe(ORIGIN)
          expect(url.pathname.startsWith('/assets/')).toBe(true)
          expect(url.pathname).toBe(`/assets/${path}`)
          expect(url.search + url.hash).toBe('')
        }),
        { numRuns: 2000 },
      )
    },
    FUZZ_TIMEOUT,
  )
})
