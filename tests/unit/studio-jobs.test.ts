/**
 * Portage Studio's long work, on a real server and the real pipelines: a public model (obj2gltf's
 * textured box: OBJ + MTL + PNG, uploaded as the browser sends them) imported with the importer's
 * own progress events and a draft stop; a narration synthesised with espeak-ng and ffmpeg; a
 * recording (WebM/Opus made here with ffmpeg, as MediaRecorder makes it) saved over it with its
 * captions re-timed and registered as recorded; a poster rendered from a PNG.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Stop, Tour } from '../../src/core/content/schema'
import { parseVtt } from '../../src/core/content/webvtt'
import { checkNarration, mp3Duration } from '../../tools/pipeline/narration/mp3-info'
import { inputsHash, readManifest } from '../../tools/pipeline/narration/outputs'
import { espeakVersion } from '../../tools/pipeline/narration/synth'
import { jobEvents, studioOnCopy, type StudioFixture } from './studio-fixture'

const BOX = join(import.meta.dirname, '../fixtures/models/obj2gltf-box-textured')
const SCRIPT = 'The box is a test of the importer. It has a texture on each face. This is the third sentence.'
let f: StudioFixture

beforeAll(async () => {
  f = await studioOnCopy(1)
})
afterAll(() => f.close())

async function upload(files: string[], fields: Record<string, string>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const name of files) form.append('files', new Blob([readFileSync(join(BOX, name))]), name)
  return f.api('/api/import', { method: 'POST', body: form })
}

describe('importing a model', () => {
  let draftStop: Stop

  it('runs the importer as a job, with its progress, its report and a draft stop', async () => {
    const res = await upload(['box-textured.obj', 'box-textured.mtl', 'cesium.png'], {
      site: 'studio-box',
      up: 'y',
      units: 'm',
    })
    expect(res.status).toBe(202)
    const { job } = (await res.json()) as { job: string }
    const events = await jobEvents(f, job)
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data)
    const steps = [...new Set(progress.map((p) => p['step']))]
    expect(steps).toEqual(
      expect.arrayContaining([
        'reading',
        'cleaning up',
        'textures',
        'compressing',
        'making the proxy',
        'validating',
        'writing',
      ]),
    )
    for (const p of progress) expect(p['done']).toBeLessThanOrEqual(p['total'] as number)
    const last = events.at(-1)
    expect(last?.event).toBe('done')
    const done = last?.data as {
      report: { siteId: string; model: { bytes: number; triangles: number }; textures: unknown[] }
      problems: unknown[]
      model: string
      proxy: string
      bounds: { min: number[]; max: number[] }
      draftStop: Stop
    }
    expect(done.report.siteId).toBe('studio-box')
    expect(done.report.model.triangles).toBe(12)
    expect(done.report.textures).toHaveLength(1)
    expect(done.problems).toEqual([])
    expect(done.model).toBe('models/studio-box.glb')
    expect(done.proxy).toBe('models/studio-box.proxy.glb')
    expect(readFileSync(join(f.root, 'assets', done.model)).byteLength).toBe(done.report.model.bytes)
    expect(existsSync(join(f.root, 'assets', done.proxy))).toBe(true)
    // The box is 2 m on a side, placed on the ground in the middle.
    expect(done.bounds.min[1]).toBeCloseTo(0)
    expect(done.bounds.max[1]).toBeCloseTo(2)
    draftStop = done.draftStop
    expect(draftStop).toMatchObject({
      id: 'studio-box',
      model: { src: done.model, proxy: done.proxy },
      hotspots: [],
    })
    expect(draftStop.viewpoints[0]?.target).toEqual([0, 1, 0])
  })

  it('checks the draft: its model within budget, its empty texts flagged by path', async () => {
    const tour = {
      version: 'portage.tour/1',
      id: 'studio-box',
      languages: ['en', 'fr'],
      title: { en: 'Box', fr: 'Boîte' },
      summary: { en: 'A box.', fr: 'Une boîte.' },
      stops: [draftStop],
    }
    const { problems } = (await (await f.json('/api/check', 'POST', { tour })).json()) as {
      problems: { jsonPath: string }[]
    }
    const paths = problems.map((p) => p.jsonPath)
    expect(paths).toEqual(
      expect.arrayContaining(['$.stops[0].title.en', '$.stops[0].hotspots', '$.stops[0].model.licence']),
    )
    expect(paths.some((p) => p.startsWith('$.stops[0].model.src'))).toBe(false)
  })

  it('says in plain words what is wrong with a file that is not a model, as the job’s error', async () => {
    const form = new FormData()
    form.append('site', 'studio-broken')
    form.append('files', new Blob([new Uint8Array(64).fill(7)]), 'broken.glb')
    const res = await f.api('/api/import', { method: 'POST', body: form })
    const events = await jobEvents(f, ((await res.json()) as { job: string }).job)
    expect(events.at(-1)).toMatchObject({ event: 'error' })
    expect(events.at(-1)?.data['message']).toMatch(/does not start like a binary glTF/)
    expect(existsSync(join(f.root, 'assets/models/studio-broken.glb'))).toBe(false)
  })

  it('refuses a procedural site id, a file that is not a model, and an OBJ without its MTL', async () => {
    const procedural = await upload(['box-textured.obj'], { site: 'parliament-hill' })
    expect(procedural.status).toBe(400)
    expect(((await procedural.json()) as { message: string }).message).toMatch(/procedural/)
    const notModel = await upload(['cesium.png'], { site: 'studio-png' })
    expect(notModel.status).toBe(422)
    const noMtl = await upload(['box-textured.obj'], { site: 'studio-no-mtl' })
    const events = await jobEvents(f, ((await noMtl.json()) as { job: string }).job)
    expect(events.at(-1)?.data['message']).toMatch(/copy the .mtl and its textures beside the .obj/)
  })
})

describe('narration', () => {
  const target = { tour: 'studio-box', stop: 'studio-box', hotspot: 'box-intro', lang: 'en' }
  /** A take of the synthetic narration as a browser records it: ffmpeg's output options, a file. */
  const take = (name: string, options: string[]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'portage-recording-')), name)
    const input = join(f.root, 'assets', audio)
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...options, file])
    return file
  }
  /** Send a recording to the studio as its browser app does; the answer must be 200. */
  const upload = async (file: string, type: string) => {
    const query = new URLSearchParams({ ...target, script: SCRIPT })
    const res = await f.api(`/api/narration/recording?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: readFileSync(file),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { audio: string; captions: string; duration: number; atPauses: number }
  }
  const audio = 'audio/studio-box/box-intro.en.mp3'
  const captions = 'captions/studio-box/box-intro.en.vtt'
  /** A one-stop tour naming the track, for the pipeline's own narration check. */
  const tourWith = (script: string) =>
    ({
      id: 'studio-box',
      languages: ['en'],
      stops: [
        { id: 'studio-box', hotspots: [{ id: 'box-intro', narration: { en: { script, audio, captions } } }] },
      ],
    }) as unknown as Tour
  let synthetic: Buffer

  it('synthesises a hotspot’s narration and captions with the pipeline, registered as synthetic', async () => {
    const res = await f.json('/api/narration/synthesize', 'POST', { ...target, script: SCRIPT })
    expect(res.status).toBe(202)
    const events = await jobEvents(f, ((await res.json()) as { job: string }).job)
    const done = events.at(-1)
    expect(done?.event).toBe('done')
    expect(done?.data).toMatchObject({ audio, captions })
    // A sentence at a time, as espeak-ng speaks them.
    expect(events.filter((e) => e.data['step'] === 'speaking').map((e) => e.data['done'])).toEqual([
      0, 1, 2, 3,
    ])
    synthetic = readFileSync(join(f.root, 'assets', audio))
    expect(done?.data['duration']).toBeCloseTo(mp3Duration(new Uint8Array(synthetic)), 2)
    expect(done?.data['duration']).toBeGreaterThan(3)
    const { cues } = parseVtt(readFileSync(join(f.root, 'assets', captions), 'utf8'))
    expect(cues.length).toBeGreaterThanOrEqual(3)
    expect(checkNarration(tourWith(SCRIPT), join(f.root, 'assets'))).toEqual([])
    const entry = readManifest(join(f.root, 'assets/audio/manifest.json')).outputs[audio]
    expect(entry?.source).toBe('synthetic')
    // What `npm run narration` would compute for the same script: it finds the file up to date.
    expect(entry?.inputs).toBe(
      inputsHash({ audio, captions, lang: 'en', script: SCRIPT, tracks: [] }, await espeakVersion()),
    )
  })

  it('saves a recording over it, re-times its captions from its pauses, and registers it as recorded', async () => {
    // A voice-over as Chromium's MediaRecorder makes it: WebM with Opus, 48 kHz, slower than the voice.
    const webm = take('take.webm', [
      '-af',
      'atempo=0.8,apad=pad_dur=0.5',
      '-ar',
      '48000',
      '-c:a',
      'libopus',
      '-b:a',
      '64k',
    ])
    const body = await upload(webm, 'audio/webm;codecs=opus')
    expect(body).toMatchObject({ audio, captions })
    const recorded = readFileSync(join(f.root, 'assets', audio))
    expect(recorded.equals(synthetic)).toBe(false)
    // Slowed to 80 %: about 1.25 times as long, plus the half second of silence after.
    expect(body.duration).toBeGreaterThan(mp3Duration(new Uint8Array(synthetic)) * 1.2)
    expect(body.atPauses).toBe(2)
    const { cues } = parseVtt(readFileSync(join(f.root, 'assets', captions), 'utf8'))
    expect(cues.at(-1)!.end).toBeLessThanOrEqual(body.duration)
    expect(cues.at(-1)!.end).toBeGreaterThan(mp3Duration(new Uint8Array(synthetic)))
    expect(checkNarration(tourWith(SCRIPT), join(f.root, 'assets'))).toEqual([])
    const entry = readManifest(join(f.root, 'assets/audio/manifest.json')).outputs[audio]
    expect(entry?.source).toBe('recorded')
  })

  it('takes Safari’s recordings too (MP4 with AAC)', async () => {
    const m4a = take('take.m4a', ['-c:a', 'aac', '-b:a', '96k'])
    expect((await upload(m4a, 'audio/mp4')).atPauses).toBe(2)
    expect(checkNarration(tourWith(SCRIPT), join(f.root, 'assets'))).toEqual([])
  })

  it('does not synthesise over the recording unless asked to replace it', async () => {
    const recorded = readFileSync(join(f.root, 'assets', audio))
    const refused = await f.json('/api/narration/synthesize', 'POST', { ...target, script: SCRIPT })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ error: 'recording-exists' })
    expect(readFileSync(join(f.root, 'assets', audio)).equals(recorded)).toBe(true)
    const res = await f.json('/api/narration/synthesize', 'POST', {
      ...target,
      script: SCRIPT,
      replace: true,
    })
    const events = await jobEvents(f, ((await res.json()) as { job: string }).job)
    expect(events.at(-1)?.event).toBe('done')
    expect(readFileSync(join(f.root, 'assets', audio)).equals(synthetic)).toBe(true)
    expect(readManifest(join(f.root, 'assets/audio/manifest.json')).outputs[audio]?.source).toBe('synthetic')
  })

  it('refuses a recording that is not audio, or without a script to time', async () => {
    const query = new URLSearchParams({ ...target, script: SCRIPT })
    const notAudio = await f.api(`/api/narration/recording?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'audio/webm' },
      body: 'not a recording',
    })
    expect(notAudio.status).toBe(415)
    const noScript = new URLSearchParams({ ...target, tour: 'peggys-cove' })
    const res = await f.api(`/api/narration/recording?${noScript}`, {
      method: 'POST',
      headers: { 'Content-Type': 'audio/webm' },
      body: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]),
    })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: 'no-script' })
  })
})

describe('posters', () => {
  it('writes the stop’s poster as npm run posters does: 960 × 540 WebP', async () => {
    const png = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#3a6ea5' } })
      .png()
      .toBuffer()
    const res = await f.api('/api/poster?tour=studio-box&stop=studio-box', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: png,
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ poster: 'posters/studio-box.webp' })
    const meta = await sharp(readFileSync(join(f.root, 'assets/posters/studio-box.webp'))).metadata()
    expect(meta).toMatchObject({ format: 'webp', width: 960, height: 540 })
    const jpeg = await f.api('/api/poster?stop=studio-box', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array([0xff, 0xd8, 0xff]),
    })
    expect(jpeg.status).toBe(415)
  })
})
