import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPrecacheManifest } from '../../../tools/kiosk/vite-kiosk'
import { isAppFile, tourAssetPaths } from '../../../src/core/kiosk/precache'
import { parseRange } from '../../../src/modes/kiosk/sw/range'
import { makeTour } from '../tour-fixture'

describe('kiosk precache', () => {
  it('lists every file a tour refers to, once', () => {
    const tour = makeTour('t')
    tour.poster = 'posters/t.webp'
    tour.stops[0]!.model.proxy = 'models/first.proxy.glb'
    const paths = tourAssetPaths(tour)
    expect(paths).toContain('posters/t.webp')
    expect(paths).toContain('models/first.glb')
    expect(paths).toContain('models/first.proxy.glb')
    expect(paths).toContain('audio/t/a.en.mp3')
    expect(paths).toContain('captions/t/f.fr.vtt')
    // 3 models + 1 proxy + 1 poster + 6 stories × 2 languages × (audio + captions)
    expect(paths).toHaveLength(3 + 1 + 1 + 24)
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('keeps source maps and other tours’ assets out of the app files', () => {
    expect(isAppFile('app/index-abc.js')).toBe(true)
    expect(isAppFile('app/index-abc.js.map')).toBe(false)
    expect(isAppFile('_headers')).toBe(false)
    // Precompressed siblings are the same files to the browser: never precached twice.
    expect(isAppFile('app/index-abc.js.br')).toBe(false)
    expect(isAppFile('index.html.gz')).toBe(false)
    expect(isAppFile('sw.js')).toBe(false)
    expect(isAppFile('assets/models/x.glb')).toBe(false)
    expect(isAppFile('scenes/catalog.json')).toBe(true)
    expect(isAppFile('scenes/tour.schema.json')).toBe(false)
    expect(isAppFile('decoders/draco/draco_decoder.wasm')).toBe(true)
  })

  const dist = mkdtempSync(join(tmpdir(), 'portage-precache-'))
  afterAll(() => rmSync(dist, { recursive: true, force: true }))
  const put = (path: string, content: string) => {
    mkdirSync(dirname(join(dist, path)), { recursive: true })
    writeFileSync(join(dist, path), content)
  }

  it('builds a manifest of the app and the kiosk’s tours only, versioned by content', () => {
    const one = makeTour('one')
    const two = makeTour('two')
    two.stops[0]!.model.src = 'models/only-in-two.glb'
    put('index.html', '<html>')
    put('app/index-abc.js', 'js')
    put('app/index-abc.js.map', 'map')
    put('sw.js', 'sw')
    put('scenes/catalog.json', JSON.stringify({ version: 'portage.catalog/1', tours: ['one', 'two'] }))
    put('scenes/one/tour.json', JSON.stringify(one))
    put('scenes/two/tour.json', JSON.stringify(two))
    put('scenes/kiosk.json', JSON.stringify({ version: 'portage.kiosk/1', tours: ['one'] }))
    for (const p of tourAssetPaths(one).slice(1)) put(`assets/${p}`, p)
    put('assets/models/only-in-two.glb', 'glb')
    const warnings: string[] = []
    const m = buildPrecacheManifest(
      dist,
      JSON.stringify({ version: 'portage.kiosk/1', tours: ['one'] }),
      (w) => warnings.push(w),
    )
    const urls = m.entries.map((e) => e.url)
    expect(urls).toContain('/index.html')
    expect(urls).toContain('/app/index-abc.js')
    expect(urls).toContain('/scenes/two/tour.json')
    expect(urls).toContain('/assets/models/second.glb')
    expect(urls).not.toContain('/assets/models/only-in-two.glb')
    expect(urls).not.toContain('/app/index-abc.js.map')
    expect(urls).not.toContain('/sw.js')
    // The one missing asset is named.
    expect(warnings).toEqual([expect.stringContaining(`assets/${tourAssetPaths(one)[0]}`)])
    // Every file, app/ included, carries its content hash and size: nothing is cached on trust.
    const app = m.entries.find((e) => e.url === '/app/index-abc.js')!
    expect(app).toEqual({
      url: '/app/index-abc.js',
      revision: createHash('sha256').update('js').digest('hex').slice(0, 16),
      bytes: 2,
    })
    // The kiosk configuration is never part of the offline copy (nor of a build).
    expect(urls).not.toContain('/scenes/kiosk.json')

    const before = m.version
    put('index.html', '<html lang="fr">')
    expect(buildPrecacheManifest(dist, null, () => {}).version).not.toBe(before)
  })
})

describe('range requests from the cache', () => {
  it('answers the ranges an <audio> element asks for', () => {
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 })
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 })
  })
  it('refuses what cannot be satisfied', () => {
    expect(parseRange('bytes=1000-', 1000)).toBeNull()
    expect(parseRange('bytes=5-2', 1000)).toBeNull()
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull()
    expect(parseRange('items=0-1', 1000)).toBeNull()
    expect(parseRange('bytes=-0', 1000)).toBeNull()
  })
})
