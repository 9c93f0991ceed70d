/**
 * The build step that writes .br/.gz siblings (tools/build/precompress.ts) and the dist check that
 * holds them to their files (tools/pipeline/dist-check.ts).
 */
import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decode, encode } from '../../tools/policy/delivery-policy.mjs'
import { precompress, summarize } from '../../tools/build/precompress'
import { checkDelivery } from '../../tools/pipeline/dist-check'

const TEXT = 'export const stop = { id: "centre-block", title: "Centre Block" }\n'.repeat(200)

function makeDist() {
  const dist = mkdtempSync(join(tmpdir(), 'portage-precompress-'))
  for (const dir of ['app', 'assets/audio', 'assets/models', 'scenes/x'])
    mkdirSync(join(dist, dir), { recursive: true })
  writeFileSync(join(dist, 'index.html'), `<!doctype html><title>${TEXT}</title>`)
  writeFileSync(join(dist, 'app/index-AbCd1234.js'), TEXT)
  writeFileSync(join(dist, 'app/index-AbCd1234.js.map'), TEXT)
  writeFileSync(join(dist, 'scenes/x/tour.json'), JSON.stringify({ text: TEXT }))
  // Random bytes do not compress: no sibling may be written for them.
  writeFileSync(join(dist, 'scenes/x/noise.json'), randomBytes(4096))
  writeFileSync(join(dist, 'assets/audio/a.mp3'), TEXT)
  // Not the same bytes as the script: two equal files in one build could hit the cache (a race).
  writeFileSync(join(dist, 'assets/models/a.glb'), TEXT.toUpperCase())
  // A sibling left from an older build: it must not survive.
  writeFileSync(join(dist, 'scenes/x/tour.json.br'), 'stale')
  return dist
}

describe('precompress', () => {
  it('writes br and gz siblings of compressible files that decode to them', async () => {
    const dist = makeDist()
    const result = await precompress(dist)
    for (const file of ['index.html', 'app/index-AbCd1234.js', 'scenes/x/tour.json', 'assets/models/a.glb']) {
      const bytes = readFileSync(join(dist, file))
      for (const [coding, suffix] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ] as const) {
        const sibling = readFileSync(join(dist, file + suffix))
        expect(sibling.length).toBeLessThan(bytes.length * 0.95)
        expect(decode(sibling, coding).equals(bytes)).toBe(true)
        // Same mtime as its file: hosts derive Last-Modified and ETag from it.
        const drift = statSync(join(dist, file + suffix)).mtimeMs - statSync(join(dist, file)).mtimeMs
        expect(Math.abs(drift)).toBeLessThan(1)
      }
    }
    expect(result.files.get('app/index-AbCd1234.js')?.br).toBeGreaterThan(0)
    expect(summarize(result)).toMatch(/^precompress: 5 compressible files/)
  })
  it('never compresses audio or source maps, nor a file it cannot shrink by 5 %', async () => {
    const dist = makeDist()
    await precompress(dist)
    for (const file of ['assets/audio/a.mp3', 'app/index-AbCd1234.js.map', 'scenes/x/noise.json'])
      for (const suffix of ['.br', '.gz'])
        expect(existsSync(join(dist, file + suffix)), file + suffix).toBe(false)
  })
  it('removes a stale sibling from an earlier build', async () => {
    const dist = makeDist()
    await precompress(dist)
    expect(readFileSync(join(dist, 'scenes/x/tour.json.br')).toString()).not.toBe('stale')
    // A file that shrinks no more (here: replaced by noise) loses its old sibling.
    writeFileSync(join(dist, 'index.html'), randomBytes(2048))
    await precompress(dist)
    expect(existsSync(join(dist, 'index.html.br'))).toBe(false)
  })
  it('is reproducible, and its cache gives the same bytes and holds one build', async () => {
    const a = makeDist()
    const b = makeDist()
    const cacheDir = mkdtempSync(join(tmpdir(), 'portage-precompress-cache-'))
    writeFileSync(join(cacheDir, 'unused.br'), 'from an older build')
    const first = await precompress(a, { cacheDir })
    const second = await precompress(b, { cacheDir })
    expect(first.cacheHits).toBe(0)
    // Every file but the random one (different in each build) × 2 encodings.
    expect(second.cacheHits).toBe(8)
    for (const file of ['index.html.br', 'app/index-AbCd1234.js.gz', 'assets/models/a.glb.br'])
      expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file)))).toBe(true)
    expect(readdirSync(cacheDir)).not.toContain('unused.br')
    const fresh = await encode(readFileSync(join(a, 'index.html')), 'br')
    expect(readFileSync(join(b, 'index.html.br')).equals(fresh)).toBe(true)
  })
})

describe('dist-check of caching and compression', () => {
  const files = new Map<string, Uint8Array>()
  const read = (f: string) => files.get(f)
  it('passes a sound build and fails a stale sibling, an orphan, and an un-hashed app file', async () => {
    const text = Buffer.from(TEXT)
    files.set('app/index-AbCd1234.js', text)
    files.set('app/index-AbCd1234.js.br', await encode(text, 'br'))
    files.set('app/index-AbCd1234.js.gz', await encode(text, 'gzip'))
    expect(checkDelivery([...files.keys()], read)).toEqual([])

    files.set('index.html', Buffer.from('<p>new</p>'))
    files.set('index.html.gz', await encode(Buffer.from('<p>old</p>'), 'gzip'))
    files.set('scenes/gone.json.br', await encode(text, 'br'))
    files.set('app/corrupt-AbCd1234.js', text)
    files.set('app/corrupt-AbCd1234.js.br', Buffer.from('not brotli'))
    files.set('app/chunk.js', text)
    expect(checkDelivery([...files.keys()], read).map((p) => p.file)).toEqual([
      'index.html.gz',
      'scenes/gone.json.br',
      'app/corrupt-AbCd1234.js.br',
      'app/chunk.js',
    ])
  })
})
