/**
 * The JavaScript size budgets (tools/build/size-budgets.mjs, docs/budgets.md): which chunks each
 * page loads, read from a build's index.html, chunk imports and source maps; how chunks are named
 * across builds; and the message that names the chunk that grew when size-limit
 * (tools/build/size-check.mjs) fails a budget.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BUDGETS,
  budgetFiles,
  chunkKeys,
  compare,
  measure,
  parseImports,
  readBaseline,
  readBuild,
  report,
  sizeLimitChecks,
  stableName,
  type Baseline,
} from '../../tools/build/size-budgets.mjs'
import { runSizeCheck } from '../../tools/build/size-check.mjs'

// A build shaped like Vite's: an entry that is also a shared chunk, minified imports, one shell per
// way in (all named `main`), two chunks named `boot`, and a chunk only loaded later (Lazy).
const CHUNKS: Record<string, string> = {
  'index-AAAAAAAA.js':
    'import{a as e}from"./shared-BBBBBBBB.js";const w=new URLSearchParams(location.search).get(`mode`);' +
    'w===`kiosk`?import(`./main-KKKKKKKK.js`):import(`./main-CCCCCCCC.js`);' +
    'function t(){import("./PageTour-DDDDDDDD.js"),import("./Stage-EEEEEEEE.js")}export{e as a,t};',
  'shared-BBBBBBBB.js': 'export const a=1;',
  'main-CCCCCCCC.js':
    'import{x as r}from"./react-FFFFFFFF.js";import{b}from"./boot-K1K1K1K1.js";' +
    'const l=()=>import("./Lazy-GGGGGGGG.js");export{r,l,b};',
  'main-KKKKKKKK.js': 'import{x as r}from"./react-FFFFFFFF.js";export{r};',
  'react-FFFFFFFF.js': 'export*from"./runtime-HHHHHHHH.js";',
  'runtime-HHHHHHHH.js': 'export const x="react";',
  'Lazy-GGGGGGGG.js': 'export default 1;',
  'PageTour-DDDDDDDD.js': 'import"./side-IIIIIIII.js";import{b}from"./boot-K2K2K2K2.js";export default b;',
  'side-IIIIIIII.js': 'document.title="x";',
  'Stage-EEEEEEEE.js': 'import*as T from"./three-JJJJJJJJ.js";export default T;',
  'three-JJJJJJJJ.js': 'export const Mesh=1;',
  'boot-K1K1K1K1.js': 'export const b=1;',
  'boot-K2K2K2K2.js': 'export const b=2;',
}
const MAPS: Record<string, Record<string, string>> = {
  'main-CCCCCCCC.js': { '../../src/shells/page/boot-loading.ts': 'x', '../../src/shells/page/main.tsx': 'x' },
  'main-KKKKKKKK.js': { '../../src/shells/kiosk/main.tsx': 'x' },
  'PageTour-DDDDDDDD.js': { '../../src/shells/page/PageTour.tsx': 'x' },
  'Stage-EEEEEEEE.js': {
    '../../node_modules/three-stdlib/loaders/GLTFLoader.js': 'x'.repeat(50),
    '../../src/features/stage/Stage.tsx': 'x',
  },
  'three-JJJJJJJJ.js': {
    '../../src/features/stage/walk.ts': 'x'.repeat(10),
    '../../node_modules/three/build/three.core.js': 'x'.repeat(100),
  },
  'boot-K1K1K1K1.js': { '../../src/shells/page/boot.ts': 'x' },
  'boot-K2K2K2K2.js': { '../../src/features/tour/boot.ts': 'x', '../../src/core/x.ts': 'x' },
}
const PAGE = `<!doctype html><html><head>
<script type="importmap">{"integrity":{}}</script>
<script type="module" crossorigin src="/app/index-AAAAAAAA.js" integrity="sha384-x"></script>
</head><body></body></html>`

const dirs: string[] = []
function makeDist(chunks = CHUNKS, maps = MAPS) {
  const dist = mkdtempSync(join(tmpdir(), 'size-budgets-'))
  dirs.push(dist)
  mkdirSync(join(dist, 'app'))
  writeFileSync(join(dist, 'index.html'), PAGE)
  for (const [file, code] of Object.entries(chunks)) writeFileSync(join(dist, 'app', file), code)
  for (const [file, sources] of Object.entries(maps))
    writeFileSync(
      join(dist, 'app', `${file}.map`),
      JSON.stringify({ version: 3, sources: Object.keys(sources), sourcesContent: Object.values(sources) }),
    )
  return dist
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const names = (files: string[]) => files.map(stableName).sort()

describe('the chunks of each budget', () => {
  it('names a chunk without its hash (which may contain a dash)', () => {
    expect(stableName('TourView-CMH3s-Qr.js')).toBe('TourView')
    expect(stableName('_portage-no-xr-emulator-078-YMov.js')).toBe('_portage-no-xr-emulator')
    expect(stableName('rolldown-runtime-XKyaHtl9.js')).toBe('rolldown-runtime')
    expect(stableName('plain.js')).toBe('plain')
  })

  it('tells static imports (and re-exports) from import()', () => {
    expect(parseImports(CHUNKS['index-AAAAAAAA.js']!)).toEqual({
      static: ['shared-BBBBBBBB.js'],
      dynamic: ['main-KKKKKKKK.js', 'main-CCCCCCCC.js', 'PageTour-DDDDDDDD.js', 'Stage-EEEEEEEE.js'],
    })
    expect(
      parseImports('import"./a-11111111.js";export*from"./b-22222222.js";import x from "./c-33333333.js"'),
    ).toEqual({ static: ['a-11111111.js', 'b-22222222.js', 'c-33333333.js'], dynamic: [] })
  })

  it('follows the entry of index.html, the chunks it starts for each page, and their static imports', () => {
    const sets = budgetFiles(readBuild(makeDist()))
    expect(names(sets['landing']!)).toEqual(names(['index', 'shared', 'main', 'react', 'runtime', 'boot']))
    const deep = ['PageTour', 'side', 'boot', 'Stage', 'three']
    expect(names(sets['first-frame']!)).toEqual(
      names(['index', 'shared', 'main', 'react', 'runtime', 'boot', ...deep]),
    )
    // The kiosk's shell (another `main`) and what the app's code loads later are on no budget.
    for (const files of Object.values(sets)) {
      expect(files).not.toContain('main-KKKKKKKK.js')
      expect(files).not.toContain('Lazy-GGGGGGGG.js')
    }
  })

  it('without source maps, takes a chunk for the module of its name', () => {
    const sets = budgetFiles(readBuild(makeDist({ ...CHUNKS, 'main-KKKKKKKK.js': '' }, {})), [
      { id: 'x', name: 'x', starts: ['features/stage/Stage'] },
      { id: 'y', name: 'y', starts: ['shells/page/main', 'shells/page/PageTour'] },
    ])
    expect(names(sets['x']!)).toEqual(names(['index', 'shared', 'Stage', 'three']))
  })

  it('refuses a chunk the entry starts that no budget names, and a budget whose module is gone', () => {
    const index = `${CHUNKS['index-AAAAAAAA.js']}import("./Extra-LLLLLLLL.js");`
    const extra = makeDist(
      { ...CHUNKS, 'index-AAAAAAAA.js': index, 'Extra-LLLLLLLL.js': '' },
      { ...MAPS, 'Extra-LLLLLLLL.js': { '../../src/features/extra/Extra.tsx': 'x' } },
    )
    expect(() => budgetFiles(readBuild(extra))).toThrow(
      /also starts Extra \(src\/features\/extra\/Extra\) with import\(\)/,
    )
    const budgets = [{ id: 'x', name: 'x', starts: ['shells/page/main', 'features/gone/Gone'] }]
    expect(() => budgetFiles(readBuild(makeDist()), budgets, [...BUDGETS[1]!.starts, 'kiosk/main'])).toThrow(
      /no longer starts a chunk holding features\/gone\/Gone/,
    )
  })

  it('fails loudly rather than miss a chunk: unknown import targets, no build', () => {
    const broken = makeDist({ ...CHUNKS, 'shared-BBBBBBBB.js': 'import"./gone-00000000.js";' })
    expect(() => readBuild(broken)).toThrow(
      /shared-BBBBBBBB\.js imports gone-00000000\.js, which is not a chunk/,
    )
    const empty = makeDist()
    unlinkSync(join(empty, 'index.html'))
    expect(() => readBuild(empty)).toThrow(/build first/)
  })

  it('keeps two chunks of one name apart by the folder of their module', () => {
    const build = readBuild(makeDist())
    const keys = chunkKeys(build, ['boot-K1K1K1K1.js', 'boot-K2K2K2K2.js', 'main-CCCCCCCC.js'])
    expect([...keys.values()].sort()).toEqual(['main', 'page/boot', 'tour/boot'])
    const measured = measure(build)
    expect(measured['first-frame']!.chunks['three']!.module).toBe('three/build/three.core')
    expect(measured['first-frame']!.chunks['page/boot']).toBeDefined()
  })
})

describe('the budget check', () => {
  const baselineOf = (dist: string): Baseline => {
    const m = measure(readBuild(dist))
    return {
      measured: 'test',
      measure: 'gzip -9',
      allowance: 2048,
      budgets: Object.fromEntries(
        Object.entries(m).map(([id, b]) => [id, { total: b.total, chunks: b.chunks }]),
      ),
    }
  }

  it('follows a chunk Rolldown renamed by its largest module', () => {
    const rows = compare(
      { probe: { gzip: 1000, module: 'three/build/three.core' }, old: { gzip: 5, module: null } },
      { walk: { gzip: 1003, module: 'three/build/three.core' }, fresh: { gzip: 7, module: null } },
    )
    expect(rows).toEqual([
      { chunk: 'fresh', was: null, before: null, after: 7, change: 7 },
      { chunk: 'walk', was: 'probe', before: 1000, after: 1003, change: 3 },
      { chunk: 'old', was: null, before: 5, after: null, change: -5 },
    ])
  })

  it('says which chunk grew, by how much, and which are new or gone', () => {
    const chunk = (gzip: number, module: string | null = null) => ({ gzip, module })
    const text = report(
      {
        name: 'x',
        starts: [],
        files: [],
        chunks: { main: chunk(5000), index: chunk(900), fresh: chunk(300), walk: chunk(100, 'three') },
        total: 6300,
      },
      {
        total: 4200,
        chunks: { main: chunk(2000), index: chunk(1000), old: chunk(1100), probe: chunk(100, 'three') },
      },
    )
    expect(text).toMatch(/^Grown since the baseline: main \+3,000 B, fresh \(new\) \+300 B$/m)
    expect(text).toMatch(/^main +2,000 B +5,000 B +\+3,000 B$/m)
    expect(text).toMatch(/^walk \(was probe\) +100 B +100 B +0 B$/m)
    expect(text).toMatch(/^old \(gone\) +1,100 B +- +-1,100 B$/m)
    expect(text).toMatch(/^total +4,200 B +6,300 B +\+2,100 B$/m)
    expect(text).toContain('Limit 6,248 B = baseline 4,200 B + 2,048 B')
  })

  it('passes at the baseline, and fails naming the chunk after 3 KB more of it (size-limit decides)', async () => {
    const dist = makeDist()
    const baseline = baselineOf(dist)
    expect(await runSizeCheck(sizeLimitChecks({ dist, baseline }), () => {})).toBe(true)

    appendFileSync(join(dist, 'app', 'main-CCCCCCCC.js'), randomBytes(3 * 1024))
    const lines: string[] = []
    expect(await runSizeCheck(sizeLimitChecks({ dist, baseline }), (l) => lines.push(l))).toBe(false)
    const out = lines.join('\n')
    expect(out).toMatch(/Size limit exceeded by \d+ B/)
    expect(out).toMatch(/Grown since the baseline: main \+3,\d{3} B/)
  })

  it('has a committed baseline for every budget, its totals the sum of its chunks', () => {
    const baseline = readBaseline()
    expect(baseline.allowance).toBe(2048)
    for (const b of BUDGETS) {
      const entry = baseline.budgets[b.id]!
      expect(entry, b.id).toBeDefined()
      expect(Object.values(entry.chunks).reduce((a, c) => a + c.gzip, 0)).toBe(entry.total)
    }
  })
})
