import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { breakdown, packageOf } from '../../bench/bundle-breakdown'
import type { Run } from '../../bench/measure'
import { checkTargets, summariseSite, type SiteSummary } from '../../bench/report'
import { median, quantile, ratio } from '../../bench/stats'

describe('bench statistics', () => {
  it('takes medians of what was measured, ignoring failed figures', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
    expect(median([null, 5, undefined, Number.NaN])).toBe(5)
    expect(median([])).toBeNull()
    expect(ratio(3, 2)).toBe(1.5)
    expect(ratio(3, 0)).toBeNull()
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2)
    expect(quantile([1, 2], 0.5)).toBe(1.5)
  })

  it('calls a frame-time target inconclusive when the noise straddles the tolerance', () => {
    const site = (frameRatios: number[]) =>
      ({
        site: 's',
        profile: 'fast',
        frameRatios,
        cpuRatios: [],
        ratio: {},
        portage: {},
        plain: {},
      }) as unknown as SiteSummary
    const frame = (ratios: number[]) =>
      checkTargets([], [site(ratios)]).find((t) => t.target.startsWith('Frame time'))
    expect(frame([1, 1.02, 1.05, 1.08])?.verdict).toBe('met')
    expect(frame([1.2, 1.3, 1.25, 1.4])?.verdict).toBe('missed')
    expect(frame([0.6, 0.9, 1.2, 1.5])?.verdict).toBe('inconclusive')
  })

  it('compares each Portage run with the plain run of the same repetition', () => {
    const run = (kind: 'portage' | 'plain', rep: number, frameMs: number): Run =>
      ({ kind, site: 's', profile: 'fast', rep, ok: true, frameMs, stopFrameMs: 10, fullMs: 10 }) as Run
    // Machine load doubled between repetitions: pairwise ratios see through it, medians would not.
    const s = summariseSite('s', 'fast', [
      run('portage', 1, 110),
      run('plain', 1, 100),
      run('plain', 2, 200),
      run('portage', 2, 220),
    ])
    expect(s.ratio.frameMs).toBeCloseTo(1.1)
    expect(s.frameRatios).toEqual([1.1, 1.1])
  })
})

describe('bundle breakdown', () => {
  it('names the package a source comes from', () => {
    expect(packageOf('../../node_modules/three/build/three.core.js')).toBe('three')
    expect(packageOf('../../node_modules/@react-three/fiber/dist/x.js')).toBe('@react-three/fiber')
    expect(packageOf('../../src/features/stage/Stage.tsx')).toBe('app (src/)')
  })

  it('attributes each byte of a chunk to the source its mapping points at', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portage-breakdown-'))
    const file = join(dir, 'chunk.js')
    writeFileSync(file, 'AB\nCD')
    // "A" from three, "B" from the app; the second line (say, a template string) from three again.
    const sources = ['../node_modules/three/a.js', '../src/x.ts']
    writeFileSync(`${file}.map`, JSON.stringify({ version: 3, sources, mappings: 'AAAA,CCAA;ADAA' }))
    const parts = Object.fromEntries(breakdown(file).packages.map((p) => [p.name, p.bytes]))
    expect(parts).toEqual({ three: 3, 'app (src/)': 1 })
  })
})
