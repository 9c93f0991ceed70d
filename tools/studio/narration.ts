/**
 * Narration from the studio, through the narration pipeline itself (tools/pipeline/narration):
 * - `POST /api/narration/synthesize`: the synthetic voice and timed captions for one hotspot and
 *   language (espeak-ng, ffmpeg), as a job; the manifest records the pair as synthetic, exactly as
 *   `npm run narration` would have built it (so that command finds it up to date);
 * - `POST /api/narration/recording`: a voice-over recorded in the browser (MediaRecorder's WebM,
 *   Ogg or MP4), converted to MP3 at the pipeline's settings, saved over the narration file, its captions
 *   re-timed from its pauses (`--retime`'s code), and registered as a recording so the pipeline
 *   never overwrites it.
 * Files are named as the tours name them: `audio/<stop>/<hotspot>.<lang>.mp3` and
 * `captions/<stop>/<hotspot>.<lang>.vtt`.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LANGUAGE_CODE } from '../../src/core/content/rules'
import {
  atomicWrite,
  buildJob,
  inputsHash,
  readManifest,
  recordedEntry,
  retimeCaptions,
  updateManifest,
} from '../pipeline/narration/outputs'
import { espeakVersion, hasVoice, AUDIO_FORMAT, encodeMp3, readWav, run } from '../pipeline/narration/synth'
import { checkId, contentPath } from './guard'
import { HttpError } from './http'

let tools: Promise<{ espeakNg: boolean; ffmpeg: boolean }> | undefined
/** Whether the programs narration needs are installed (asked once). */
export function narrationTools(): Promise<{ espeakNg: boolean; ffmpeg: boolean }> {
  const has = (cmd: string, arg: string) =>
    run(cmd, [arg]).then(
      () => true,
      () => false,
    )
  tools ??= Promise.all([has('espeak-ng', '--version'), has('ffmpeg', '-version')]).then(
    ([espeakNg, ffmpeg]) => ({
      espeakNg,
      ffmpeg,
    }),
  )
  return tools
}

async function needTools(which: ('espeakNg' | 'ffmpeg')[]) {
  const found = await narrationTools()
  const missing = which.filter((t) => !found[t]).map((t) => (t === 'espeakNg' ? 'espeak-ng' : 'ffmpeg'))
  if (missing.length)
    throw new HttpError(
      503,
      'tool-missing',
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed on this computer: install ${missing.length > 1 ? 'them' : 'it'} (Debian, Ubuntu: apt-get install ${missing.join(' ')}), then try again.`,
    )
}

/** Longest script accepted, characters (a hotspot's narration is a minute or two). */
export const MAX_SCRIPT = 10_000

export interface TrackTarget {
  stop: string
  hotspot: string
  lang: string
}

export function checkTarget(input: Record<string, unknown>): TrackTarget {
  const stop = checkId(input['stop'], 'stop')
  const hotspot = checkId(input['hotspot'], 'hotspot')
  const lang = input['lang']
  if (typeof lang !== 'string' || !LANGUAGE_CODE.test(lang))
    throw new HttpError(400, 'bad-request', 'lang must be a language code such as "en" or "fr".')
  if (input['tour'] !== undefined) checkId(input['tour'], 'tour')
  return { stop, hotspot, lang }
}

export function checkScript(script: unknown): string {
  if (typeof script !== 'string' || !script.trim())
    throw new HttpError(422, 'no-script', 'Write the narration script first: it is what the voice says.')
  if (script.length > MAX_SCRIPT)
    throw new HttpError(
      413,
      'too-large',
      `A script is at most ${MAX_SCRIPT.toLocaleString('en-CA')} characters.`,
    )
  return script.trim()
}

/** The asset paths of a track, as the tour names them, proven inside assets/. */
export function trackPaths(root: string, t: TrackTarget) {
  const audio = `audio/${t.stop}/${t.hotspot}.${t.lang}.mp3`
  const captions = `captions/${t.stop}/${t.hotspot}.${t.lang}.vtt`
  return {
    audio,
    captions,
    audioFile: contentPath(root, `assets/${audio}`),
    captionsFile: contentPath(root, `assets/${captions}`),
    manifest: contentPath(root, 'assets/audio/manifest.json'),
  }
}

/**
 * Refuses (409) to synthesise over a voice-over recorded for this track, unless asked to replace
 * it: like `npm run narration`, which never overwrites a recording without --force.
 */
export function guardRecording(root: string, target: TrackTarget, replace: boolean): void {
  if (replace) return
  const paths = trackPaths(root, target)
  const entry = readManifest(paths.manifest).outputs[paths.audio]
  if (entry?.source === 'recorded' && existsSync(paths.audioFile))
    throw new HttpError(
      409,
      'recording-exists',
      `assets/${paths.audio} is a recorded voice-over: generating the synthetic voice would replace it. Ask again with "replace": true to replace it.`,
    )
}

/** Synthesises the track; resolves to `{ audio, captions, duration }` (paths under assets/). */
export async function synthesize(
  root: string,
  target: TrackTarget,
  script: string,
  progress?: (step: string, done: number, total: number) => void,
) {
  if (!hasVoice(target.lang))
    throw Object.assign(
      new Error(`There is no synthetic voice for "${target.lang}": record this narration instead.`),
      { expected: true },
    )
  await needTools(['espeakNg', 'ffmpeg'])
  const paths = trackPaths(root, target)
  const job = { audio: paths.audio, captions: paths.captions, lang: target.lang, script, tracks: [] }
  const work = await mkdtemp(join(tmpdir(), 'portage-studio-voice-'))
  try {
    const built = await buildJob(job, join(root, 'assets'), work, false, progress)
    const { source, ...rest } = built.entry
    updateManifest(paths.manifest, {
      [paths.audio]: { source, inputs: inputsHash(job, await espeakVersion()), ...rest },
    })
    return { audio: paths.audio, captions: paths.captions, duration: built.entry.duration }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * A recording's container, from its first bytes: MediaRecorder gives WebM (Chromium), Ogg
 * (Firefox) or MP4 (Safari).
 */
export function recordingKind(bytes: Uint8Array): 'webm' | 'ogg' | 'mp4' | null {
  const at = (i: number, text: string) => [...text].every((c, k) => bytes[i + k] === c.charCodeAt(0))
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm'
  if (at(0, 'OggS')) return 'ogg'
  if (at(4, 'ftyp')) return 'mp4'
  return null
}

/**
 * Saves a recording over the track: decoded by ffmpeg to the pipeline's mono PCM, encoded to MP3
 * exactly as a synthetic track is (same rate, bit rate and flags), captions re-timed from its
 * pauses, registered in the manifest as recorded.
 */
export async function saveRecording(root: string, target: TrackTarget, script: string, bytes: Uint8Array) {
  await needTools(['ffmpeg'])
  const kind = recordingKind(bytes)
  if (!kind)
    throw new HttpError(
      415,
      'unsupported-type',
      'The recording must be WebM, Ogg or MP4 audio, as the browser records it.',
    )
  const paths = trackPaths(root, target)
  const work = await mkdtemp(join(tmpdir(), 'portage-studio-recording-'))
  try {
    const input = join(work, `in.${kind}`)
    await writeFile(input, bytes)
    const wavFile = join(work, 'in.wav')
    const rate = AUDIO_FORMAT.sampleRate
    try {
      await run('ffmpeg', [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-y',
        '-i',
        input,
        '-ac',
        '1',
        '-ar',
        String(rate),
        '-c:a',
        'pcm_s16le',
        wavFile,
      ])
    } catch (e) {
      throw new HttpError(
        422,
        'bad-recording',
        `The recording cannot be read: ${(e as Error).message.split('\n')[0] ?? ''}`,
      )
    }
    const wav = readWav(new Uint8Array(await readFile(wavFile)))
    if (wav.samples.length < rate * 0.3)
      throw new HttpError(
        422,
        'too-short',
        'The recording is shorter than a third of a second: record it again.',
      )
    const mp3Tmp = join(work, 'out.mp3')
    await encodeMp3(wav.samples, rate, mp3Tmp)
    await atomicWrite(paths.audioFile, new Uint8Array(await readFile(mp3Tmp)))
    const job = { audio: paths.audio, lang: target.lang, script, captions: paths.captions }
    const timed = await retimeCaptions(job, join(root, 'assets'))
    await atomicWrite(paths.captionsFile, timed.vtt)
    updateManifest(paths.manifest, {
      [paths.audio]: recordedEntry(job, timed.mp3, timed.vtt, timed.duration),
    })
    return {
      audio: paths.audio,
      captions: paths.captions,
      duration: Math.round(timed.duration * 1000) / 1000,
      /** Sentence breaks found at pauses, and those placed by length inside speech (to check by ear). */
      atPauses: timed.alignment.atPauses,
      interpolated: timed.alignment.interpolated,
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
