/**
 * Portage Studio's server, as its browser app and a hostile page see it: tours listed, read and
 * saved (stable format, 409 on a file changed on disk, 422 with nothing written, a shared stop
 * written into every tour that holds it, a new tour added to the catalog, content:check passing
 * afterwards), the live check with JSON paths, and the walls: Host and Origin checks, writes and
 * reads held inside scenes/ and assets/ (.., absolute paths, symbolic links, encoded slashes).
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Tour } from '../../src/core/content/schema'
import { checkContent } from '../../tools/pipeline/content-check'
import { contentPath, readablePath } from '../../tools/studio/guard'
import { rawRequest, studioOnCopy, studioPort, type StudioFixture } from './studio-fixture'

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')
let f: StudioFixture
const read = (rel: string) => readFileSync(join(f.root, rel), 'utf8')
const tourOf = (id: string) => JSON.parse(read(`scenes/${id}/tour.json`)) as Tour
const versionOf = (id: string) => sha256(readFileSync(join(f.root, `scenes/${id}/tour.json`)))

beforeAll(async () => {
  f = await studioOnCopy(0)
})
afterAll(async () => {
  await f.close()
  // The repository's own content was never the one written.
  expect(sha256(readFileSync('scenes/catalog.json'))).toBe(sha256(readFileSync('scenes/catalog.json')))
})

describe('tours', () => {
  it('lists the tours in the catalog’s order, with their stops’ titles', async () => {
    const res = await f.api('/api/tours')
    expect(res.status).toBe(200)
    const { tours } = (await res.json()) as {
      tours: { id: string; stops: { id: string; title: object }[] }[]
    }
    const catalog = JSON.parse(read('scenes/catalog.json')) as { tours: string[] }
    expect(tours.map((t) => t.id)).toEqual(catalog.tours)
    const hill = tours.find((t) => t.id === 'parliament-hill')
    expect(hill?.stops[0]).toEqual({
      id: 'parliament-hill',
      title: tourOf('parliament-hill').stops[0]?.title,
    })
  })

  it('reads a tour with its version, the sha256 of the file', async () => {
    const res = await f.api('/api/tours/peggys-cove')
    const body = (await res.json()) as { tour: Tour; version: string }
    expect(body.tour).toEqual(tourOf('peggys-cove'))
    expect(body.version).toBe(versionOf('peggys-cove'))
    expect((await f.api('/api/tours/no-such-tour')).status).toBe(404)
  })

  it('saves an edit as a one-line diff, and the file passes content:check', async () => {
    const before = read('scenes/peggys-cove/tour.json')
    const { tour, version } = (await (await f.api('/api/tours/peggys-cove')).json()) as {
      tour: Tour
      version: string
    }
    const hotspot = tour.stops[0]!.hotspots[0]!
    hotspot.sources = [...hotspot.sources] // untouched
    tour.summary = { ...tour.summary, en: `${tour.summary.en} Edited in the studio.` }
    const res = await f.json('/api/tours/peggys-cove', 'PUT', { tour, baseVersion: version })
    expect(res.status).toBe(200)
    const saved = (await res.json()) as { version: string; written: string[] }
    expect(saved.written).toEqual(['scenes/peggys-cove/tour.json'])
    expect(saved.version).toBe(versionOf('peggys-cove'))
    const after = read('scenes/peggys-cove/tour.json')
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i])
    expect(changed).toEqual([expect.stringContaining('Edited in the studio.')])
    expect(await checkContent({ root: f.root, skipModels: true })).toEqual([])
  })

  it('refuses (409) to overwrite a file that changed on disk meanwhile, and writes nothing', async () => {
    const { tour, version } = (await (await f.api('/api/tours/pier-21')).json()) as {
      tour: Tour
      version: string
    }
    const file = join(f.root, 'scenes/pier-21/tour.json')
    const changedByHand = readFileSync(file, 'utf8').replace('"en": "', '"en": "Hand edit. ')
    writeFileSync(file, changedByHand)
    tour.title = { ...tour.title, en: 'Studio edit' }
    const res = await f.json('/api/tours/pier-21', 'PUT', { tour, baseVersion: version })
    expect(res.status).toBe(409)
    const body = (await res.json()) as { error: string; version: string; message: string }
    expect(body.error).toBe('changed-on-disk')
    expect(body.version).toBe(sha256(changedByHand))
    expect(readFileSync(file, 'utf8')).toBe(changedByHand)
  })

  it('refuses (422) a tour with errors, with every problem by JSON path, and writes nothing', async () => {
    const before = read('scenes/old-quebec/tour.json')
    const { tour, version } = (await (await f.api('/api/tours/old-quebec')).json()) as {
      tour: Tour
      version: string
    }
    tour.stops[0]!.hotspots[1]!.title = { en: 'Only English' } as Tour['title']
    const res = await f.json('/api/tours/old-quebec', 'PUT', { tour, baseVersion: version })
    expect(res.status).toBe(422)
    const { problems } = (await res.json()) as { problems: { jsonPath: string; severity: string }[] }
    expect(problems).toContainEqual(
      expect.objectContaining({ jsonPath: '$.stops[0].hotspots[1].title.fr', severity: 'error' }),
    )
    expect(read('scenes/old-quebec/tour.json')).toBe(before)
  })

  it('writes a stop shared by two tours into both, identically', async () => {
    const { tour, version } = (await (await f.api('/api/tours/parliament-hill')).json()) as {
      tour: Tour
      version: string
    }
    const stop = tour.stops[0]!
    stop.hotspots[0]!.body = { ...stop.hotspots[0]!.body, fr: `${stop.hotspots[0]!.body.fr} (révisé)` }
    const check = (await (await f.json('/api/check', 'POST', { tour })).json()) as {
      problems: { jsonPath: string; severity: string; message: string }[]
    }
    expect(check.problems).toEqual([
      expect.objectContaining({
        jsonPath: '$.stops[0]',
        severity: 'warning',
        message: expect.stringContaining('scenes/canada-rights-values/tour.json') as string,
      }),
    ])
    const res = await f.json('/api/tours/parliament-hill', 'PUT', { tour, baseVersion: version })
    expect(res.status).toBe(200)
    const saved = (await res.json()) as { written: string[]; problems: unknown[] }
    expect(saved.written.sort()).toEqual([
      'scenes/canada-rights-values/tour.json',
      'scenes/parliament-hill/tour.json',
    ])
    expect(saved.problems).toEqual([])
    const national = tourOf('canada-rights-values').stops.find((s) => s.id === 'parliament-hill')
    expect(national).toEqual(tourOf('parliament-hill').stops[0])
    expect(JSON.stringify(national)).toContain('(révisé)')
    expect(await checkContent({ root: f.root, skipModels: true })).toEqual([])
  })

  it('creates a new tour, adds it to the catalog, and refuses to create it twice', async () => {
    const source = tourOf('moraine-lake')
    const tour = { ...source, id: 'studio-new-tour', title: { en: 'A new tour', fr: 'Une nouvelle visite' } }
    const res = await f.json('/api/tours/studio-new-tour', 'PUT', { tour, baseVersion: null })
    expect(res.status).toBe(200)
    const saved = (await res.json()) as { written: string[] }
    expect(saved.written).toEqual(['scenes/studio-new-tour/tour.json', 'scenes/catalog.json'])
    expect((JSON.parse(read('scenes/catalog.json')) as { tours: string[] }).tours.at(-1)).toBe(
      'studio-new-tour',
    )
    expect(await checkContent({ root: f.root, skipModels: true })).toEqual([])
    const again = await f.json('/api/tours/studio-new-tour', 'PUT', { tour, baseVersion: null })
    expect(again.status).toBe(409)
    // Its id must be the one it is saved as.
    const other = await f.json('/api/tours/another-id', 'PUT', { tour, baseVersion: null })
    expect(other.status).toBe(422)
  })
})

describe('what the studio can do here', () => {
  it('says which languages have a synthetic voice, whether the narration tools are installed, and the limits', async () => {
    const info = (await (await f.api('/api/info')).json()) as Record<string, unknown>
    expect(info).toMatchObject({
      voices: ['en', 'fr'],
      tools: { espeakNg: true, ffmpeg: true },
      budgets: { maxModelBytes: 1_500_000 },
      limits: { json: 5 * 1024 * 1024, model: 512 * 1024 * 1024, recording: 50 * 1024 * 1024 },
      poster: { width: 960, height: 540 },
    })
  })
})

describe('the live check', () => {
  it('finds the schema’s and content:check’s problems in a half-written tour, by JSON path', async () => {
    const tour = tourOf('gwaii-haanas') as unknown as { stops: Record<string, unknown>[] }
    const stop = tour.stops[0] as { hotspots: Record<string, unknown>[]; discussion?: unknown }
    const h = stop.hotspots[0] as {
      title: Record<string, string>
      sources: { url: string; title: string }[]
      narration: Record<string, { audio: string; script: string }>
    }
    h.title = { en: 'A title', fr: '' }
    h.sources = [{ url: 'http://example.org/', title: 'Not https' }]
    h.narration['en']!.audio = 'audio/gwaii-haanas/not-recorded-yet.en.mp3'
    h.narration['fr']!.script = `${h.narration['fr']!.script} Une phrase de plus que l’audio ne dit pas.`
    const second = stop.hotspots[1] as { narration: Record<string, { script: string }> }
    second.narration['en']!.script = `${second.narration['en']!.script} One more sentence.`
    delete stop.discussion
    const res = await f.json('/api/check?lang=fr', 'POST', { tour })
    expect(res.status).toBe(200)
    const { problems } = (await res.json()) as {
      problems: { path: (string | number)[]; jsonPath: string; severity: string; message: string }[]
    }
    const at = (jsonPath: string) => problems.filter((p) => p.jsonPath === jsonPath)
    expect(at('$.stops[0].hotspots[0].title.fr')[0]).toMatchObject({
      path: ['stops', 0, 'hotspots', 0, 'title', 'fr'],
      severity: 'error',
    })
    expect(at('$.stops[0].hotspots[0].sources[0].url')[0]?.message).toBe('doit être une adresse https://')
    expect(at('$.stops[0].hotspots[0].narration.en.audio')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/n’existe pas \(générez ou enregistrez la narration\)/) as string,
      }),
    ])
    expect(at('$.stops[0].hotspots[0].narration.fr.captions')[0]?.message).toMatch(
      /^les sous-titres ne disent pas les mots du texte/,
    )
    expect(at('$.stops[0].hotspots[1].narration.en.captions')[0]?.message).toMatch(/one more sentence/i)
    // Nothing else about the narration of the other hotspots.
    expect(
      problems
        .filter((p) => /narration/.test(p.jsonPath))
        .map((p) => p.jsonPath)
        .sort(),
    ).toEqual([
      '$.stops[0].hotspots[0].narration.en.audio',
      '$.stops[0].hotspots[0].narration.fr.captions',
      '$.stops[0].hotspots[1].narration.en.captions',
    ])
    expect(at('$.stops[0].discussion')[0]?.message).toMatch(/questions de discussion/)
  })

  it('finds nothing in a committed tour', async () => {
    const res = await f.json('/api/check', 'POST', { tour: tourOf('inuksuk-point') })
    expect(((await res.json()) as { problems: unknown[] }).problems).toEqual([])
  })

  it('answers a tour that is not even an object with the schema’s problem at the root', async () => {
    const res = await f.json('/api/check', 'POST', { tour: 'no' })
    const { problems } = (await res.json()) as { problems: { jsonPath: string }[] }
    expect(problems[0]?.jsonPath).toBe('$')
  })
})

describe('who may talk to the studio', () => {
  const port = studioPort(0)
  const body = JSON.stringify({ tour: {} })

  it('refuses a Host that is not the studio (DNS rebinding)', async () => {
    const evil = await rawRequest(port, '/api/tours', { headers: { Host: `evil.example:${port}` } })
    expect(evil.status).toBe(403)
    expect(JSON.parse(evil.body)).toMatchObject({ error: 'bad-host' })
    expect((await rawRequest(port, '/api/tours', { headers: { Host: `localhost:${port}` } })).status).toBe(
      200,
    )
    expect(
      (await rawRequest(port, '/assets/models/pier-21.layout.json', { headers: { Host: `127.0.0.1:1` } }))
        .status,
    ).toBe(403)
  })

  it('refuses a change without the studio’s own Origin, and changes nothing', async () => {
    const before = read('scenes/moraine-lake/tour.json')
    const put = (headers: Record<string, string>) =>
      rawRequest(port, '/api/tours/moraine-lake', {
        method: 'PUT',
        headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ tour: tourOf('moraine-lake'), baseVersion: versionOf('moraine-lake') }),
      })
    for (const headers of [
      {} as Record<string, string>,
      { Origin: 'http://evil.example' },
      { Origin: `http://127.0.0.1:${port + 1}` },
      { Origin: 'null' },
    ]) {
      const res = await put(headers)
      expect(res.status).toBe(403)
      expect(JSON.parse(res.body)).toMatchObject({ error: 'bad-origin' })
    }
    expect(read('scenes/moraine-lake/tour.json')).toBe(before)
    expect((await put({ Origin: `http://127.0.0.1:${port}` })).status).toBe(200)
    expect(
      (
        await rawRequest(port, '/api/check', {
          method: 'POST',
          headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json' },
          body,
        })
      ).status,
    ).toBe(403)
  })

  it('answers errors as { error, message }, never a stack, and caps bodies', async () => {
    const missing = await f.api('/api/nothing-here')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: 'not-found' })
    const wrongMethod = await f.api('/api/tours', { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
    const bad = await f.api('/api/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).not.toMatch(/ at .*\.ts/)
    const huge = await f.api('/api/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tour: { pad: 'x'.repeat(6 * 1024 * 1024) } }),
    })
    expect(huge.status).toBe(413)
    // A model upload says its size first: one over 512 MB is refused before a byte is read.
    const model = await rawRequest(studioPort(0), '/api/import', {
      method: 'POST',
      headers: {
        Host: `127.0.0.1:${studioPort(0)}`,
        Origin: f.origin,
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': String(600 * 1024 * 1024),
      },
      body: '--x',
    })
    expect(model.status).toBe(413)
    expect(JSON.parse(model.body)).toMatchObject({ error: 'too-large' })
  })
})

describe('writes and reads stay inside scenes/ and assets/', () => {
  it('refuses .., absolute paths, backslashes and other folders', () => {
    for (const rel of [
      '../outside.json',
      'scenes/../../outside.json',
      '/etc/passwd',
      'assets/a\\b.mp3',
      'src/x.ts',
      'assets',
      'scenes//x.json',
      'assets/./x',
    ])
      expect(() => contentPath(f.root, rel), rel).toThrow(/only inside scenes\/ and assets\//)
    expect(contentPath(f.root, 'assets/audio/new-site/a.en.mp3')).toBe(
      join(f.root, 'assets/audio/new-site/a.en.mp3'),
    )
  })

  it('refuses a symbolic link that leads out, for writing and for reading', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'portage-outside-'))
    writeFileSync(join(outside, 'secret.json'), '{"secret":true}')
    symlinkSync(outside, join(f.root, 'assets', 'linked-out'))
    symlinkSync(join(outside, 'secret.json'), join(f.root, 'scenes', 'secret.json'))
    expect(() => contentPath(f.root, 'assets/linked-out/x.mp3')).toThrow(/only inside/)
    expect(() => contentPath(f.root, 'assets/linked-out/new/deeper/x.mp3')).toThrow(/only inside/)
    expect(() => contentPath(f.root, 'scenes/secret.json')).toThrow(/only inside/)
    expect(readablePath(f.root, 'assets/linked-out/secret.json')).toBeNull()
    expect((await f.api('/assets/linked-out/secret.json')).status).toBe(404)
    expect((await f.api('/scenes/secret.json')).status).toBe(404)
    // A tour folder that is a link out cannot be written through either.
    mkdirSync(join(outside, 'tour'))
    symlinkSync(join(outside, 'tour'), join(f.root, 'scenes', 'linked-tour'))
    const tour = { ...tourOf('moraine-lake'), id: 'linked-tour' }
    const res = await f.json('/api/tours/linked-tour', 'PUT', { tour, baseVersion: null })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'outside-content' })
  })

  it('refuses encoded slashes and dots in content and API paths', async () => {
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/package.json',
      '/assets/models%2fpier-21.layout.json',
      '/scenes/..%5c..%5cpackage.json',
    ])
      expect(
        (await rawRequest(studioPort(0), path, { headers: { Host: `127.0.0.1:${studioPort(0)}` } })).status,
        path,
      ).toBe(404)
    // Sent as written (fetch() would resolve the dots itself): each decoded part fails the id check.
    for (const path of ['/api/tours/..%2F..%2Fpackage', '/api/tours/%2e%2e', '/api/tours/Peggys-Cove'])
      expect(
        (await rawRequest(studioPort(0), path, { headers: { Host: `127.0.0.1:${studioPort(0)}` } })).status,
        path,
      ).toBe(400)
    expect((await f.api('/assets/models/pier-21.layout.json')).status).toBe(200)
  })
})
