/**
 * How files are delivered (tools/policy/delivery-policy.mjs): which encoding a request gets, which
 * files are compressed, and which are cached for a year.
 */
import { describe, expect, it } from 'vitest'
import {
  cacheControl,
  decode,
  encode,
  HASHED_NAME,
  isCompressible,
  isSibling,
  negotiateEncoding,
} from '../../tools/policy/delivery-policy.mjs'
import { DECODED_LENGTH_HEADER } from '../../src/features/stage/model-limits'
import { DECODED_LENGTH_HEADER as SERVER_DECODED_LENGTH } from '../../tools/policy/delivery-policy.mjs'

describe('Accept-Encoding negotiation', () => {
  const both = ['br', 'gzip'] as const
  it.each([
    // What browsers send: brotli wins.
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate, br', ['gzip'], 'gzip'],
    ['br', ['gzip'], 'identity'],
    // No header (curl, old proxies): identity. An empty one accepts identity only.
    [undefined, both, 'identity'],
    ['', both, 'identity'],
    ['identity', both, 'identity'],
    ['gzip', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['GZIP, BR', both, 'br'],
    // q-values: the highest wins; a tie goes to br; q=0 refuses.
    ['br;q=0.5, gzip;q=0.8', both, 'gzip'],
    ['br;q=0.8, gzip;q=0.8', both, 'br'],
    ['br;q=0, gzip', both, 'gzip'],
    ['br ; q=0.9 , gzip ; q=0.1', both, 'br'],
    ['gzip;q=0.5, identity;q=1', both, 'identity'],
    ['gzip;q=1, identity;q=0.5', both, 'gzip'],
    ['br;q=0.001', both, 'br'],
    // Identity, unnamed, ranks with the least wanted coding named.
    ['gzip;q=0.5', both, 'gzip'],
    ['br;q=0.3, gzip;q=0.5', ['br'], 'br'],
    // `*` stands for what is not named, identity included.
    ['*', both, 'br'],
    ['*;q=0.5', both, 'br'],
    ['br;q=0, *', both, 'gzip'],
    ['br;q=0, *;q=0.5', ['br'], 'identity'],
    ['gzip;q=0.2, *;q=0', both, 'gzip'],
    ['*;q=0, identity', both, 'identity'],
    // Malformed q-values drop their entry, not the header.
    ['br;q=2, gzip', both, 'gzip'],
    ['br;q=abc, gzip;q=0.3', both, 'gzip'],
    ['br;q=0.0001', both, 'identity'],
    // Nothing acceptable (identity refused too): identity rather than a 406 that breaks the page.
    ['identity;q=0', [], 'identity'],
    ['*;q=0', both, 'identity'],
    ['deflate', both, 'identity'],
  ] as const)('%j with %j → %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available)).toBe(expected)
  })
})

describe('which files', () => {
  it.each([
    'app/a-HASH1234.js',
    'index.html',
    'scenes/x/tour.json',
    'assets/models/x.glb',
    'a.wasm',
    'c.vtt',
  ])('compresses %s', (path) => expect(isCompressible(path)).toBe(true))
  it.each([
    'a.mp3',
    'a.webp',
    'a.png',
    'a.jpg',
    'a.ktx2',
    'assets/ar/x.usdz',
    'app/a-HASH1234.js.map',
    '_headers',
    'a.js.br',
  ])('never compresses %s', (path) => expect(isCompressible(path)).toBe(false))
  it('knows a sibling by its suffix and its file’s type', () => {
    expect(isSibling('app/a.js.br')).toBe(true)
    expect(isSibling('scenes/catalog.json.gz')).toBe(true)
    expect(isSibling('assets/audio/a.mp3.gz')).toBe(false)
    expect(isSibling('app/a.js')).toBe(false)
  })
  it('caches hashed files for a year and revalidates everything else', () => {
    expect(cacheControl('/app/index-CjN6Ayen.js')).toBe('public, max-age=31536000, immutable')
    for (const path of [
      '/index.html',
      '/sw.js',
      '/scenes/catalog.json',
      '/assets/models/a.glb',
      '/oembed/a.json',
    ])
      expect(cacheControl(path)).toBe('no-cache')
    expect(HASHED_NAME.test('app/index-CjN6Ayen.js')).toBe(true)
    expect(HASHED_NAME.test('app/Stage-B-5IgNxT.js.map')).toBe(true)
    expect(HASHED_NAME.test('app/index.js')).toBe(false)
  })
  it('names the decoded-length header the same in the server and the model loader', () => {
    expect(DECODED_LENGTH_HEADER).toBe(SERVER_DECODED_LENGTH)
  })
})

describe('compression', () => {
  const text = new TextEncoder().encode('<p>Parliament Hill</p>\n'.repeat(500))
  it.each(['br', 'gzip'] as const)('%s round-trips and is deterministic', async (coding) => {
    const a = await encode(text, coding)
    const b = await encode(text, coding)
    expect(Buffer.compare(a, b)).toBe(0)
    expect(a.length).toBeLessThan(text.length / 10)
    expect(Buffer.from(decode(a, coding)).equals(Buffer.from(text))).toBe(true)
  })
  it('writes no name and no timestamp into gzip', async () => {
    const gz = await encode(text, 'gzip')
    expect(gz.readUInt32LE(4)).toBe(0) // MTIME
    expect(gz[3]! & 0x08).toBe(0) // FNAME flag
  })
})
