/**
 * `npm run narration`: synthesise every narration track of the tours in scenes/catalog.json into
 * the MP3 and WebVTT files the tours name, skipping files whose inputs have not changed.
 *
 *   npm run narration                       build what changed
 *   npm run narration -- --only <id>        one tour, or one site (stop id / audio folder)
 *   npm run narration -- --force            rebuild everything selected, recordings included
 *   npm run narration -- --retime <mp3>     re-time the captions of a recorded voice-over
 *   npm run narration -- --adopt <mp3>      keep a recording and its hand-timed captions as they are
 *
 * Also: --jobs N (files built at once, default 2), --scenes DIR and --assets DIR (other content
 * folders, as the tests use), --noise -35dB and --min-silence 0.2 (pause detection for --retime).
 *
 * See docs/narration.md. espeak-ng and ffmpeg are needed here only, never by the app.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  buildCues,
  CAPTION_LAYOUT,
  chunkSentence,
  wrapCueText,
  writeVtt,
  type TimedSentence,
} from './captions'
import { checkNarration, mp3Duration, type Problem } from './mp3-info'
import { alignSentences, detectSilences, SILENCE_DETECTION } from './retime'
import { splitSentences } from './sentences'
import {
  AUDIO_FORMAT,
  encodeMp3,
  espeakVersion,
  hasVoice,
  spokenForm,
  synthesizeSentence,
  voiceFor,
} from './synth'
import { loadCatalog, planJobs, type Job, type LoadedTour, type Track } from './tracks'

/**
 * Bump when a code change alters the output in a way the inputs hash cannot see (how clips are
 * joined or timed, the VTT layout); changes to the tuning tables are hashed through their effect.
 */
export const PIPELINE_VERSION = 'portage-narration/1'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

type ManifestEntry = {
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

type Manifest = {
  version: 'portage.narration-manifest/1'
  pipeline: string
  outputs: Record<string, ManifestEntry>
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

function readManifest(file: string): Manifest {
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
function updateManifest(file: string, changes: Record<string, ManifestEntry | null>): void {
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

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
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
function inputsHash(job: Job, espeak: string): string {
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
class Blocked extends Error {}

type Built = { job: Job; seconds: number; bytes: number; sentences: number; cues: number; took: number }

/**
 * Synthesise one job into its MP3 and VTT, replacing them atomically. With `keepExisting`, an MP3
 * already there is only ever replaced by identical bytes (so a lost manifest heals itself, and an
 * unregistered recording is left alone).
 */
async function buildJob(
  job: Job,
  assetsDir: string,
  workDir: string,
  keepExisting: boolean,
): Promise<Built & { entry: Omit<ManifestEntry, 'inputs'> }> {
  const t0 = performance.now()
  const rate = AUDIO_FORMAT.sampleRate
  const sentences = splitSentences(job.script, job.lang)
  const pause = Math.round(AUDIO_FORMAT.pause * rate)
  const clips: Int16Array[] = []
  for (const [i, text] of sentences.entries()) {
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

/** Why a job must be (re)built, or null to skip it; `blocked` when a hand-placed file is in the way. */
function staleness(
  job: Job,
  hash: string,
  entry: ManifestEntry | undefined,
  assetsDir: string,
  force: boolean,
): { rebuild: string | null; blocked?: string } {
  const audioFile = join(assetsDir, job.audio)
  const captionsFile = join(assetsDir, job.captions)
  const audioExists = existsSync(audioFile)
  if (force) return { rebuild: 'forced' }
  // Unknown to the manifest (a lost manifest, or a recording put in place): rebuild, but keep the
  // result only if it is the file that is there already (see buildJob).
  if (!entry) return { rebuild: audioExists ? 'not in the manifest' : 'new' }
  if (!audioExists) return { rebuild: 'audio missing' }
  // A recording, or a file replaced by hand, is never overwritten without --force.
  const audioChanged = sha256(new Uint8Array(readFileSync(audioFile))) !== entry.audioSha256
  const scriptChanged = entry.script !== sha256(job.script).slice(0, 16)
  const retime = `npm run narration -- --retime ${job.audio}`
  const orForce = 'or use --force to go back to the synthetic voice'
  if (entry.source === 'recorded') {
    if (audioChanged)
      return {
        rebuild: null,
        blocked: `assets/${job.audio} (recorded) changed since it was re-timed: run ${retime}`,
      }
    if (scriptChanged)
      return {
        rebuild: null,
        blocked: `the script of assets/${job.audio} (recorded) changed since the recording: re-record it and run ${retime}, ${orForce}`,
      }
    return { rebuild: null }
  }
  if (audioChanged)
    return {
      rebuild: null,
      blocked: `assets/${job.audio} was replaced since it was built: if it is a recording, run ${retime}; ${orForce}`,
    }
  if (entry.inputs !== hash) return { rebuild: 'script or settings changed' }
  if (entry.captions !== job.captions) return { rebuild: 'captions path changed' }
  if (!existsSync(captionsFile)) return { rebuild: 'captions missing' }
  if (sha256(readFileSync(captionsFile)) !== entry.captionsSha256)
    return { rebuild: 'captions edited by hand' }
  return { rebuild: null }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

function selectTracks(tours: readonly LoadedTour[], only: string | undefined): Track[] {
  const all = tours.flatMap((t) => t.tracks)
  if (!only) return all
  return all.filter((t) => t.tourId === only || t.stopId === only || t.audio.split('/')[1] === only)
}

function reportTours(tours: readonly LoadedTour[], problems: readonly string[]): boolean {
  let ok = problems.length === 0
  for (const p of problems) console.error(`✗ ${p}`)
  for (const t of tours) {
    if (!t.issues.length) continue
    ok = false
    const shown = t.issues.slice(0, 8)
    console.error(
      `✗ ${relative(process.cwd(), t.file)} does not validate (${t.issues.length} issue${t.issues.length > 1 ? 's' : ''}); building the ${t.tracks.length} narration track(s) it can read:`,
    )
    for (const i of shown) console.error(`    ${i.path || '(document)'}: ${i.message}`)
    if (t.issues.length > shown.length)
      console.error(`    … and ${t.issues.length - shown.length} more (npm run content:check)`)
  }
  return ok
}

async function build(options: {
  scenes: string
  assets: string
  only?: string
  force: boolean
  jobs: number
}): Promise<number> {
  const t0 = performance.now()
  const { tours, problems } = loadCatalog(options.scenes)
  let ok = reportTours(tours, problems)
  const tracks = selectTracks(tours, options.only)
  if (options.only && tracks.length === 0) {
    console.error(
      `✗ no narration track matches --only ${options.only} (a tour id, a stop id or an audio folder)`,
    )
    return 1
  }
  const { jobs, conflicts } = planJobs(tracks)
  for (const c of conflicts) console.error(`✗ conflict: ${c}`)
  if (conflicts.length) ok = false

  const manifestFile = join(options.assets, 'audio', 'manifest.json')
  const manifest = readManifest(manifestFile)
  const espeak = await espeakVersion()
  const todo: { job: Job; hash: string; reason: string }[] = []
  let skipped = 0
  let noVoice = 0
  for (const job of jobs) {
    // A language with no synthetic voice (an Indigenous language, say) is narrated by recordings:
    // keep them when present, and say what is missing rather than stopping every other file.
    if (!hasVoice(job.lang)) {
      if (existsSync(join(options.assets, job.audio)) && existsSync(join(options.assets, job.captions)))
        skipped++
      else {
        console.error(`✗ ${job.audio}: no synthetic voice for "${job.lang}"; record it (docs/narration.md)`)
        noVoice++
      }
      continue
    }
    const hash = inputsHash(job, espeak)
    const state = staleness(job, hash, manifest.outputs[job.audio], options.assets, options.force)
    if (state.blocked) {
      console.warn(`! ${state.blocked}`)
      skipped++
    } else if (state.rebuild) todo.push({ job, hash, reason: state.rebuild })
    else skipped++
  }
  console.log(
    `narration: ${jobs.length} file pair(s) from ${tracks.length} track(s); ${todo.length} to build, ${skipped} up to date`,
  )

  const workRoot = await mkdtemp(join(tmpdir(), 'portage-narration-'))
  let failed = 0
  try {
    let next = 0
    const worker = async (w: number) => {
      const dir = join(workRoot, String(w))
      await mkdir(dir, { recursive: true })
      for (let item = todo[next++]; item; item = todo[next++]) {
        try {
          const built = await buildJob(item.job, options.assets, dir, item.reason === 'not in the manifest')
          const { source, ...rest } = built.entry
          // Saved after each file so an interrupted run keeps what it finished.
          updateManifest(manifestFile, { [item.job.audio]: { source, inputs: item.hash, ...rest } })
          console.log(
            `✓ ${item.job.audio} (${item.reason}): ${built.seconds.toFixed(2)} s, ${kb(built.bytes)}, ${built.sentences} sentence(s), ${built.cues} cue(s), built in ${built.took.toFixed(1)} s`,
          )
        } catch (e) {
          if (e instanceof Blocked) console.warn(`! ${e.message}`)
          else {
            failed++
            console.error(`✗ ${item.job.audio}: ${(e as Error).message}`)
          }
        }
      }
    }
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.jobs, todo.length)) }, (_, w) => worker(w)),
    )
  } finally {
    await rm(workRoot, { recursive: true, force: true })
  }
  // Forget outputs whose files are gone (a hotspot removed or renamed), but only on a full run: with
  // --only, the rest of the manifest is not this run's business. With nothing built or forgotten,
  // the committed manifest is left byte-for-byte as it is.
  const gone: Record<string, null> = {}
  if (!options.only)
    for (const key of Object.keys(readManifest(manifestFile).outputs))
      if (!existsSync(join(options.assets, key))) gone[key] = null
  if (Object.keys(gone).length > 0 || !existsSync(manifestFile)) updateManifest(manifestFile, gone)

  const checkProblems = checkBuilt(tours, tracks, options.assets)
  for (const p of checkProblems) console.error(`✗ ${p.tour} ${p.path}: ${p.message}`)
  console.log(
    `narration: done in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${failed} failed, ${noVoice} without a voice, ${checkProblems.length} check problem(s)`,
  )
  return ok && failed === 0 && noVoice === 0 && checkProblems.length === 0 ? 0 : 1
}

/** The narration check on what was selected, so a run ends by proving its own output. */
function checkBuilt(
  tours: readonly LoadedTour[],
  tracks: readonly Track[],
  assetsDir: string,
): (Problem & { tour: string })[] {
  const selected = new Set(tracks.map((t) => `${t.tourId}\u0000${t.path}`))
  const out: (Problem & { tour: string })[] = []
  for (const t of tours) {
    if (!t.tour) continue
    for (const p of checkNarration(t.tour, assetsDir)) {
      const trackPath = p.path.replace(/\.(audio|captions)$/, '')
      if (selected.has(`${t.tour.id}\u0000${trackPath}`)) out.push({ ...p, tour: t.id })
    }
  }
  return out
}

/** --retime (captions from the recording's pauses) and --adopt (captions kept as they are). */
async function retime(
  target: string,
  options: { scenes: string; assets: string; noise?: string; minSilence?: number; adopt?: boolean },
): Promise<number> {
  const abs = isAbsolute(target) ? target : resolve(process.cwd(), target)
  const fromAssets = relative(options.assets, abs)
  const rel = !fromAssets.startsWith('..') && existsSync(abs) ? fromAssets : target.replace(/^assets\//, '')
  const { tours } = loadCatalog(options.scenes)
  const { jobs, conflicts } = planJobs(tours.flatMap((t) => t.tracks).filter((t) => t.audio === rel))
  const job = jobs[0]
  if (!job) {
    console.error(
      conflicts.length
        ? `✗ ${conflicts.join('\n✗ ')}`
        : `✗ no tour in the catalog names audio "${rel}" (give the path under assets/)`,
    )
    return 1
  }
  const audioFile = join(options.assets, job.audio)
  const captionsFile = join(options.assets, job.captions)
  const mp3 = new Uint8Array(await readFile(audioFile))
  const duration = mp3Duration(mp3)
  let vtt: string
  if (options.adopt) {
    // Captions timed by hand: keep them exactly, and only record the pair as a recording.
    if (!existsSync(captionsFile)) {
      console.error(`✗ --adopt keeps the captions as they are, but assets/${job.captions} does not exist`)
      return 1
    }
    vtt = readFileSync(captionsFile, 'utf8')
    console.log(
      `adopted assets/${job.audio} (${duration.toFixed(2)} s) and assets/${job.captions} as a recording`,
    )
  } else {
    const sentences = splitSentences(job.script, job.lang)
    const silences = await detectSilences(audioFile, { noise: options.noise, minSilence: options.minSilence })
    const alignment = alignSentences(
      sentences.map((s) => s.length),
      silences,
      duration,
    )
    const timed = sentences.map((text, i) => ({ text, ...(alignment.spans[i] ?? { start: 0, end: 0 }) }))
    vtt = writeVtt(buildCues(timed, job.lang, duration))
    await atomicWrite(captionsFile, vtt)
    console.log(
      `retimed assets/${job.captions} to assets/${job.audio} (${duration.toFixed(2)} s, ${silences.length} pause(s) found):`,
    )
    timed.forEach((s, i) =>
      console.log(
        `  ${String(i + 1).padStart(3)}  ${s.start.toFixed(2).padStart(7)} → ${s.end.toFixed(2).padStart(7)}  ${s.text.slice(0, 70)}`,
      ),
    )
    console.log(
      `  ${alignment.atPauses} sentence break(s) at pauses, ${alignment.interpolated} placed by character count`,
    )
    if (alignment.interpolated)
      console.warn(
        `! ${alignment.interpolated} break(s) fell inside speech: check those cues by ear; try --noise -30dB or --min-silence 0.15 for a noisy or fast reading`,
      )
  }

  updateManifest(join(options.assets, 'audio', 'manifest.json'), {
    [job.audio]: {
      source: 'recorded',
      inputs: '',
      script: sha256(job.script).slice(0, 16),
      captions: job.captions,
      audioSha256: sha256(mp3),
      captionsSha256: sha256(vtt),
      duration: Math.round(duration * 1000) / 1000,
    },
  })

  const problems = checkBuilt(tours, job.tracks, options.assets)
  for (const p of problems) console.error(`✗ ${p.tour} ${p.path}: ${p.message}`)
  return problems.length ? 1 : 0
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      force: { type: 'boolean', default: false },
      retime: { type: 'string' },
      adopt: { type: 'string' },
      noise: { type: 'string' },
      'min-silence': { type: 'string' },
      scenes: { type: 'string' },
      assets: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(
      readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .match(/\/\*\*([\s\S]*?)\*\//)?.[1]
        ?.replace(/^ \* ?/gm, ''),
    )
    return 0
  }
  const scenes = resolve(values.scenes ?? join(ROOT, 'scenes'))
  const assets = resolve(values.assets ?? join(ROOT, 'assets'))
  if (values.adopt) return retime(values.adopt, { scenes, assets, adopt: true })
  if (values.retime) {
    const minSilence = values['min-silence'] === undefined ? undefined : Number(values['min-silence'])
    return retime(values.retime, {
      scenes,
      assets,
      noise: values.noise ?? SILENCE_DETECTION.noise,
      minSilence,
    })
  }
  // Two jobs keep both cores of a small machine busy without starving others working on it.
  const jobs = values.jobs ? Math.max(1, Number(values.jobs) | 0) : Math.min(2, availableParallelism())
  return build({ scenes, assets, only: values.only, force: values.force, jobs })
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const usage = String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')
    console.error(usage ? `✗ ${(e as Error).message} (see --help)` : `✗ ${(e as Error).stack ?? String(e)}`)
    process.exitCode = 1
  },
)
