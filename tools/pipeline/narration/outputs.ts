/**
 * What the narration pipeline writes, shared by `npm run narration` (build-narration.ts) and
 * Portage Studio: a synthetic track (espeak-ng per sentence, joined, MP3 by ffmpeg, timed WebVTT),
 * captions re-timed to a recording (its pauses, found by ffmpeg), and the manifest
 * (`assets/audio/manifest.json`) that remembers which files are synthetic and which are
 * recordings, so the pipeline never overwrites a recording.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  buildCues,
  CAPTION_LAYOUT,
  chunkSentence,
  wrapCueText,
  writeVtt,
  type TimedSentence,
} from './captions'
import { mp3Duration } from './mp3-info'
import { alignSentences, detectSilences, type Alignment, type Span } from './retime'
import { splitSentences } from './sentences'
import { AUDIO_FORMAT, encodeMp3, spokenForm, synthesizeSentence, voiceFor } from './synth'
import type { Job } from './tracks'

/**
 * Bump when a code change alters the output in a way the inputs hash cannot see (how clips are
 * joined or timed, the VTT layout); changes to the tuning tables are hashed through their effect.
 */
export const PIPELINE_VERSION = 'portage-narration/1'

export type ManifestEntry = {
  /** 'synthetic': built here; 'recorded': a voice-over put in place and re-timed with --retime. */
  source: 'synthetic' | 'recorded'
  /** Hash of everything the synthetic output depends on (script, voice, settings, versions). */
  inputs: string
  /** Hash of the script alone, to notice a script edited after its recording. */
  script: string
  captions: string
  audioSha256: string
  captionsSha256: string
  /** Seconds, from the MP3 frames. */
  duration: number
}

export type Manifest = {
  version: 'portage.narration-manifest/1'
  pipeline: string
  outputs: Record<string, ManifestEntry>
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

export function readManifest(file: string): Manifest {
  const empty: Manifest = { version: 'portage.narration-manifest/1', pipeline: PIPELINE_VERSION, outputs: {} }
  if (!existsSync(file)) return empty
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest
    return m.version === empty.version && typeof m.outputs === 'object' ? m : empty
  } catch {
    return empty
  }
}

/**
 * Apply `changes` (null deletes) to the manifest on disk. Read and written synchronously, so the
 * parallel builds of one run never interleave, and re-read each time, so a run does not undo the
 * entries of another run working on other files at the same time.
 */
export function updateManifest(file: string, changes: Record<string, ManifestEntry | null>): void {
  const manifest = readManifest(file)
  for (const [key, entry] of Object.entries(changes)) {
    if (entry) manifest.outputs[key] = entry
    else delete manifest.outputs[key]
  }
  // Sorted keys and one entry per line keep the committed file's diffs small and stable.
  const outputs: Record<string, ManifestEntry> = {}
  for (const key of Object.keys(manifest.outputs).sort()) {
    const e = manifest.outputs[key]
    if (e) outputs[key] = e
  }
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify({ ...manifest, pipeline: PIPELINE_VERSION, outputs }, null, 2) + '\n')
  renameSync(tmp, file)
}

export async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  // Same folder as the target so the rename cannot cross file systems.
  const tmp = join(dirname(file), `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
  await writeFile(tmp, data)
  await rename(tmp, file)
}

/**
 * Hash of everything a synthetic file depends on. The script enters as what is actually used (the
 * sentences, their spoken forms and their caption pieces), so a change to the splitter, the
 * pronunciation table or the caption costs rebuilds exactly the files it affects.
 */
export function inputsHash(job: Job, espeak: string): string {
  const sentences = splitSentences(job.script, job.lang).map((s) => [
    s,
    spokenForm(s, job.lang),
    chunkSentence(s, job.lang).map((piece) => wrapCueText(piece, job.lang)),
  ])
  return sha256(
    JSON.stringify({
      pipeline: PIPELINE_VERSION,
      espeak,
      voice: voiceFor(job.lang),
      audio: AUDIO_FORMAT,
      layout: CAPTION_LAYOUT,
      lang: job.lang,
      captions: job.captions,
      sentences,
    }),
  )
}

/** A file the run must not overwrite: reported as a warning, not a failure. */
export class Blocked extends Error {}

export type Built = {
  job: Job
  seconds: number
  bytes: number
  sentences: number
  cues: number
  took: number
}

/**
 * Synthesise one job into its MP3 and VTT, replacing them atomically. With `keepExisting`, an MP3
 * already there is only ever replaced by identical bytes (so a lost manifest heals itself, and an
 * unregistered recording is left alone).
 */
export async function buildJob(
  job: Job,
  assetsDir: string,
  workDir: string,
  keepExisting: boolean,
  /** Told after each sentence is spoken (the studio shows it as a progress bar). */
  progress?: (step: string, done: number, total: number) => void,
): Promise<Built & { entry: Omit<ManifestEntry, 'inputs'> }> {
  const t0 = performance.now()
  const rate = AUDIO_FORMAT.sampleRate
  const sentences = splitSentences(job.script, job.lang)
  const pause = Math.round(AUDIO_FORMAT.pause * rate)
  const clips: Int16Array[] = []
  for (const [i, text] of sentences.entries()) {
    progress?.('speaking', i, sentences.length)
    let clip = await synthesizeSentence(text, job.lang, join(workDir, `${i}.wav`))
    // A sentence espeak-ng renders as silence (only symbols, say) still needs a moment on screen.
    if (clip.length < rate * 0.2) clip = new Int16Array(Math.round(rate * 0.2))
    clips.push(clip)
  }
  const total = clips.reduce((a, c) => a + c.length, 0) + pause * Math.max(0, clips.length - 1)
  const pcm = new Int16Array(total)
  const timed: TimedSentence[] = []
  let at = 0
  clips.forEach((clip, i) => {
    pcm.set(clip, at)
    timed.push({ text: sentences[i] ?? '', start: at / rate, end: (at + clip.length) / rate })
    at += clip.length + pause
  })

  progress?.('speaking', sentences.length, sentences.length)
  const mp3Tmp = join(workDir, 'out.mp3')
  await encodeMp3(pcm, rate, mp3Tmp)
  const mp3 = new Uint8Array(await readFile(mp3Tmp))
  const seconds = mp3Duration(mp3)
  // The MP3 holds exactly the PCM (the LAME tag trims encoder delay and padding); cap the captions
  // at the shorter of the two so they can never run past the audio, whatever a player does.
  const cues = buildCues(timed, job.lang, Math.min(seconds, total / rate))
  const vtt = writeVtt(cues)
  const audioFile = join(assetsDir, job.audio)
  if (
    keepExisting &&
    existsSync(audioFile) &&
    sha256(new Uint8Array(await readFile(audioFile))) !== sha256(mp3)
  )
    throw new Blocked(
      `assets/${job.audio} exists, is not in the manifest and is not what the pipeline builds: if it is a recording, run npm run narration -- --retime ${job.audio}; to replace it with the synthetic voice, use --force`,
    )
  await atomicWrite(audioFile, mp3)
  await atomicWrite(join(assetsDir, job.captions), vtt)
  return {
    job,
    seconds,
    bytes: mp3.length,
    sentences: sentences.length,
    cues: cues.length,
    took: (performance.now() - t0) / 1000,
    entry: {
      source: 'synthetic',
      script: sha256(job.script).slice(0, 16),
      captions: job.captions,
      audioSha256: sha256(mp3),
      captionsSha256: sha256(vtt),
      duration: Math.round(seconds * 1000) / 1000,
    },
  }
}

/** The manifest entry of a recording whose captions were re-timed (or adopted) from it. */
export function recordedEntry(
  job: Pick<Job, 'script' | 'captions'>,
  mp3: Uint8Array,
  vtt: string,
  duration: number,
): ManifestEntry {
  return {
    source: 'recorded',
    inputs: '',
    script: sha256(job.script).slice(0, 16),
    captions: job.captions,
    audioSha256: sha256(mp3),
    captionsSha256: sha256(vtt),
    duration: Math.round(duration * 1000) / 1000,
  }
}

/**
 * Captions re-timed to the recording at `assets/<job.audio>`: its pauses (ffmpeg silencedetect),
 * the sentence breaks chosen among them, the cues built as for a synthetic track. Writes nothing.
 */
export async function retimeCaptions(
  job: Pick<Job, 'audio' | 'lang' | 'script'>,
  assetsDir: string,
  options: { noise?: string; minSilence?: number } = {},
): Promise<{
  vtt: string
  mp3: Uint8Array
  duration: number
  silences: Span[]
  alignment: Alignment
  timed: TimedSentence[]
}> {
  const audioFile = join(assetsDir, job.audio)
  const mp3 = new Uint8Array(await readFile(audioFile))
  const duration = mp3Duration(mp3)
  const sentences = splitSentences(job.script, job.lang)
  const silences = await detectSilences(audioFile, { noise: options.noise, minSilence: options.minSilence })
  const alignment = alignSentences(
    sentences.map((s) => s.length),
    silences,
    duration,
  )
  const timed = sentences.map((text, i) => ({ text, ...(alignment.spans[i] ?? { start: 0, end: 0 }) }))
  const vtt = writeVtt(buildCues(timed, job.lang, duration))
  return { vtt, mp3, duration, silences, alignment, timed }
}
