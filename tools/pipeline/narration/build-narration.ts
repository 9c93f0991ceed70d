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
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { checkNarration, mp3Duration, type Problem } from './mp3-info'
import {
  atomicWrite,
  Blocked,
  buildJob,
  inputsHash,
  readManifest,
  recordedEntry,
  retimeCaptions,
  sha256,
  updateManifest,
  type ManifestEntry,
} from './outputs'
import { SILENCE_DETECTION } from './retime'
import { espeakVersion, hasVoice } from './synth'
import { loadCatalog, planJobs, type Job, type LoadedTour, type Track } from './tracks'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

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
    const r = await retimeCaptions(job, options.assets, {
      noise: options.noise,
      minSilence: options.minSilence,
    })
    const { silences, alignment, timed } = r
    vtt = r.vtt
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
    [job.audio]: recordedEntry(job, mp3, vtt, duration),
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
