/**
 * The build's security: integrity hashes and the import map (tools/build/vite-security.ts), CDN
 * defaults rewritten to local copies, and the dist check that fails the build on any reference to
 * another origin (tools/pipeline/dist-check.ts).
 */
import { describe, expect, it } from 'vitest'
import { checkIntegrity, chunkCycles, EXCEPTIONS, findUrls, scanFile } from '../../tools/pipeline/dist-check'
import { CDN_DEFAULTS, noCdnDefaults, sri, withIntegrity } from '../../tools/build/vite-security'
import { makeTour } from './tour-fixture'

const bytes = (s: string) => new TextEncoder().encode(s)
const FILES = new Map([
  ['/app/index-1.js', bytes('import("./lazy-2.js")')],
  ['/app/lazy-2.js', bytes('export default 1')],
  ['/app/shared-3.js', bytes('export const x = 1')],
  ['/app/index-1.css', bytes('body{}')],
])
const PAGE = `<!doctype html>
<html><head>
    <meta charset="UTF-8" />
    <link rel="icon" href="/favicon.svg" />
    <script type="module" crossorigin src="/app/index-1.js"></script>
    <link rel="modulepreload" crossorigin href="/app/shared-3.js">
    <link rel="stylesheet" crossorigin href="/app/index-1.css">
</head><body></body></html>`
const chunks = new Map([...FILES].filter(([u]) => u.endsWith('.js')))

describe('subresource integrity at build', () => {
  const html = withIntegrity(PAGE, (u) => FILES.get(u), chunks)
  it('hashes the entry script, modulepreload links and style sheets, and nothing else', () => {
    expect(html).toContain(`src="/app/index-1.js" integrity="${sri(FILES.get('/app/index-1.js')!)}"`)
    expect(html).toContain(`href="/app/shared-3.js" integrity="${sri(FILES.get('/app/shared-3.js')!)}"`)
    expect(html).toContain(`href="/app/index-1.css" integrity="${sri(FILES.get('/app/index-1.css')!)}"`)
    expect(html).toContain('<link rel="icon" href="/favicon.svg" />')
    expect(html.match(/crossorigin/g)).toHaveLength(3)
  })
  it('puts an import map with every chunk’s integrity first in <head>, so import() is verified too', () => {
    const map = /<script type="importmap">(.*?)<\/script>/.exec(html)
    expect(map).not.toBeNull()
    expect(html.indexOf('importmap')).toBeLessThan(html.indexOf('modulepreload'))
    expect(JSON.parse(map![1]!).integrity['/app/lazy-2.js']).toBe(sri(FILES.get('/app/lazy-2.js')!))
  })
  it('passes the dist check, which catches a tampered file or a missing hash', () => {
    const read = (u: string) => FILES.get(u)
    expect(checkIntegrity(html, read, [...chunks.keys()])).toEqual([])
    const tampered = (u: string) => (u === '/app/lazy-2.js' ? bytes('evil()') : FILES.get(u))
    expect(checkIntegrity(html, tampered, [...chunks.keys()])).toEqual([
      { file: 'index.html', message: 'the import map has a wrong integrity for /app/lazy-2.js' },
    ])
    expect(checkIntegrity(PAGE, read, [...chunks.keys()]).map((p) => p.message)).toContain(
      '/app/index-1.js has no integrity attribute',
    )
  })
  it('refuses a script it cannot hash (another origin, or not in the build)', () => {
    const cdn = PAGE.replace('/app/index-1.js', 'https://cdn.example/x.js')
    expect(() => withIntegrity(cdn, (u) => FILES.get(u), chunks)).toThrow(/same-origin/)
    expect(() => withIntegrity(PAGE, () => undefined, chunks)).toThrow(/not in the build/)
  })
})

describe('CDN defaults of libraries', () => {
  const plugin = noCdnDefaults() as unknown as {
    configResolved(c: { base: string }): void
    transform(code: string, id: string): { code: string } | null
  }
  plugin.configResolved({ base: '/' })
  it('rewrites drei’s Draco decoder default to our copy', () => {
    const rule = CDN_DEFAULTS[0]
    const out = plugin.transform(`let decoderPath = ${rule.find};`, '/n/@react-three/drei/core/Gltf.js')
    expect(out?.code).toBe('let decoderPath = "/decoders/draco/";')
  })
  it('rewrites @pmndrs/xr’s controller profiles default to an absolute URL of our copy', () => {
    const rule = CDN_DEFAULTS[1]
    const out = plugin.transform(`export const D = ${rule.find};`, '/n/@pmndrs/xr/dist/index.js')
    expect(out?.code).toContain('new URL("/xr-profiles/", globalThis.location.href).href')
  })
  it('fails the build when a library changed its default (it must be looked at)', () => {
    expect(() =>
      plugin.transform('let decoderPath = "https://cdn.example/";', '/n/@react-three/drei/core/Gltf.js'),
    ).toThrow()
    expect(plugin.transform('const a = "https://x.example"', '/src/other.ts')).toBeNull()
  })
})

describe('the dist scan', () => {
  it('finds absolute URLs in scripts, protocol-relative ones in pages and style sheets', () => {
    expect(findUrls('fetch("https://cdn.example/lib.js"); x = `wss://a.example/s`', '.js')).toEqual([
      'https://cdn.example/lib.js',
      'wss://a.example/s',
    ])
    expect(findUrls('const u = "//cdn.example/x.js"; /\\/\\//.test(a) // a comment', '.js')).toEqual([
      '//cdn.example/x.js',
    ])
    expect(findUrls('<img src="//cdn.example/a.png"><a href=//b.example/>', '.html')).toEqual([
      '//cdn.example/a.png',
      '//b.example/',
    ])
    expect(findUrls('a{background:url(//cdn.example/a.png)} @import "//f.example/x.css";', '.css')).toEqual([
      '//cdn.example/a.png',
      '//f.example/x.css',
    ])
  })
  it('ignores a scheme without a host ("https://" in a validation message)', () => {
    expect(findUrls('e.startsWith(`https://`) || p.startsWith("file://")', '.js')).toEqual([])
  })
  it('fails on a CDN, allows the listed exceptions only in the files they belong to', () => {
    expect(scanFile('app/x.js', 'a="https://www.gstatic.com/draco/"')).toHaveLength(1)
    expect(scanFile('app/x.js', 'n="http://www.w3.org/2000/svg";e="https://react.dev/errors/"')).toEqual([])
    expect(scanFile('decoders/x.js', 'e="https://react.dev/errors/"')).toHaveLength(1)
    for (const e of EXCEPTIONS) expect(e.why.length, e.url).toBeGreaterThan(20)
  })
  it('allows a tour’s own source links in that tour, and nothing else there', () => {
    const tour = makeTour()
    const source = tour.stops[0]!.hotspots[0]!.sources[0]!.url
    expect(scanFile('scenes/t/tour.json', JSON.stringify(tour))).toEqual([])
    expect(scanFile('app/x.js', `"${source}"`)).toHaveLength(1)
    const tricked = { ...tour, $schema: 'https://evil.example/schema.json' }
    expect(scanFile('scenes/t/tour.json', JSON.stringify(tricked))).toEqual([
      { file: 'scenes/t/tour.json', message: 'references another origin: https://evil.example/schema.json' },
    ])
  })
})

describe('chunks that import each other', () => {
  it('finds a cycle through any number of chunks, and none where imports go one way', () => {
    const chunks = new Map([
      ['app-1.js', 'import{a}from"./share-2.js";import"./rules-3.js";'],
      ['share-2.js', 'import{b as c}from"./app-1.js";var d=c();'],
      ['rules-3.js', 'export const x=1'],
      ['stage-4.js', 'import{x}from"./rules-3.js";const l=()=>import("./app-1.js")'],
    ])
    expect(chunkCycles(chunks)).toEqual([['app-1.js', 'share-2.js', 'app-1.js']])
    chunks.set('share-2.js', 'import{x}from"./rules-3.js";')
    expect(chunkCycles(chunks)).toEqual([])
    chunks.set('rules-3.js', 'import"./stage-4.js";export const x=1')
    expect(chunkCycles(chunks)).toEqual([['rules-3.js', 'stage-4.js', 'rules-3.js']])
  })
})

describe('Portage Studio never reaches the build', () => {
  it('flags its page and any file carrying its code, and nothing else', async () => {
    const { checkNoStudio, STUDIO_MARK } = await import('../../tools/pipeline/dist-check')
    const { draftKey } = await import('../../studio/src/edits/draft-storage')
    // The mark is the studio's own storage prefix: bundling the studio's store brings it along.
    expect(draftKey('t', 'v').startsWith(STUDIO_MARK)).toBe(true)
    expect(checkNoStudio('studio/index.html', '')).toHaveLength(1)
    expect(checkNoStudio('app/index-abc123.js', `const k="${draftKey('t', null)}"`)).toHaveLength(1)
    expect(checkNoStudio('app/index-abc123.js', 'const k="portage-studio"')).toEqual([])
  })
})
