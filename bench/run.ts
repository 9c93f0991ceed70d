/**
 * `npm run bench`: Portage against a minimal plain three.js page showing the same site model, in
 * headless Chromium, on a throttled slow mobile network and without throttling. See README
 * ("Performance") for what is measured and how to read it.
 *
 *   npm run bench                                   all sites, both profiles (writes bench/results.*)
 *   npm run bench -- --sites parliament-hill --profiles fast --runs 1   a quick look (bench/tmp/)
 *   options: --runs N (default 1), --no-build (measure the existing dist/), --out DIR,
 *            --lighthouse-runs N (default 3; 0 skips Lighthouse)
 *   npm run bench -- --lighthouse-only             only Lighthouse; its section of bench/results.*
 *                                                  is replaced, the rest kept
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { assetUrl } from '../src/core/content/catalog'
import { CatalogDocument } from '../src/core/content/schema'
import { parseTourText } from '../src/core/content/validate'
import { breakdownDir } from './bundle-breakdown'
import { runLighthouse, summariseLighthouse } from './lighthouse'
import { BENCH, PROFILES, type ProfileId } from './config'
import { canvasSizeOf, launch, measure, type Run, type Target } from './measure'
import { checkTargets, markdown, summariseLanding, summariseSite, type Machine, type Results } from './report'
import { precompress } from '../tools/build/precompress'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BASE = '/'

const { values: opts } = parseArgs({
  options: {
    sites: { type: 'string' },
    profiles: { type: 'string', default: 'slow,fast' },
    runs: { type: 'string', default: '1' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    'lighthouse-runs': { type: 'string', default: '3' },
    'lighthouse-only': { type: 'boolean', default: false },
    /** Rewrite results.md (and the summaries) from an existing results.json, without measuring. */
    report: { type: 'string' },
  },
})

type Site = { id: string; model: string; position: readonly number[]; target: readonly number[] }

/** The single-stop site tours of the catalog (multi-stop tours reuse the same site models). */
function siteTours(): Site[] {
  const catalog = CatalogDocument.parse(JSON.parse(readFileSync(join(ROOT, 'scenes/catalog.json'), 'utf8')))
  const sites: Site[] = []
  for (const id of catalog.tours) {
    const parsed = parseTourText(readFileSync(join(ROOT, `scenes/${id}/tour.json`), 'utf8'))
    if (!parsed.ok) throw new Error(`scenes/${id}/tour.json does not validate: run npm run content:check`)
    const [stop, ...more] = parsed.tour.stops
    if (!stop || more.length) continue
    const vp = stop.viewpoints.find((v) => v.id === stop.startViewpoint) ?? stop.viewpoints[0]
    if (!vp) continue
    sites.push({ id, model: assetUrl(BASE, stop.model.src), position: vp.position, target: vp.target })
  }
  return sites
}

function sh(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`)
}

async function startServer(port: number, probe = '/bench-plain/'): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['tools/server/serve.mjs', '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  let exited = false
  server.on('exit', () => (exited = true))
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error(`tools/server/serve.mjs exited: is port ${port} in use?`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) return server
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill()
  throw new Error('tools/server/serve.mjs did not start')
}

function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown CPU'
  } catch {
    return 'unknown CPU'
  }
}

async function browserInfo(): Promise<{ chromium: string; gpu: string }> {
  const browser = await launch()
  try {
    const page = await browser.newPage()
    const gpu = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2')
      const ext = gl?.getExtension('WEBGL_debug_renderer_info')
      return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'no WebGL 2'
    })
    return { chromium: `Chromium ${browser.version()}`, gpu }
  } finally {
    await browser.close()
  }
}

const fmt = (r: Run) =>
  r.ok
    ? [
        r.readyMs !== null && `ready ${(r.readyMs / 1000).toFixed(1)} s`,
        r.stopFrameMs !== null && `frame ${(r.stopFrameMs / 1000).toFixed(1)} s`,
        r.fullMs !== null && r.kind === 'portage' && `full ${(r.fullMs / 1000).toFixed(1)} s`,
        r.js && `JS ${(r.js.gzipBytes / 1024).toFixed(0)} KB gz`,
        r.frameMs !== null && `${r.frameMs.toFixed(0)} ms/frame (${r.orbitFrames} frames)`,
        r.drawCalls !== null && `${r.drawCalls} calls`,
      ]
        .filter(Boolean)
        .join(', ')
    : `FAILED: ${r.error}`

function summarise(results: Results): Results {
  const { profiles, sites } = results.config
  const landing = profiles.map((p) => summariseLanding(p, results.runs))
  const siteRows = profiles.flatMap((p) => sites.map((s) => summariseSite(s, p, results.runs)))
  const lighthouse = results.lighthouse && {
    ...results.lighthouse,
    summary: summariseLighthouse(results.lighthouse.runs),
  }
  return { ...results, landing, sites: siteRows, targets: checkTargets(landing, siteRows), lighthouse }
}

function write(outDir: string, results: Results) {
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
  const md = markdown(results)
  writeFileSync(join(outDir, 'results.md'), md)
  return md
}

function commitOf(): string {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim()
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'scripts', 'index.html'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim()
  return dirty ? `${commit} (app code modified)` : commit
}

/** Lighthouse on the visitor's pages (bench/lighthouse.ts), against the bench's server. */
async function lighthouseSection(origin: string, reps: number): Promise<Results['lighthouse']> {
  const loadAverageStart = loadavg()
  const runs = await runLighthouse(origin, reps)
  return {
    generatedAt: new Date().toISOString(),
    commit: commitOf(),
    loadAverageStart,
    loadAverageEnd: loadavg(),
    runs,
    reps,
    summary: summariseLighthouse(runs),
  }
}

/** `--lighthouse-only`: measure with Lighthouse and replace that section of an existing result. */
async function lighthouseOnly(reps: number) {
  const outDir = opts.out ?? join(ROOT, 'bench')
  const file = join(outDir, 'results.json')
  const previous = JSON.parse(readFileSync(file, 'utf8')) as Results
  if (!opts['no-build']) sh('npm', ['run', 'build'])
  const server = await startServer(BENCH.port, '/')
  let lighthouse: Results['lighthouse']
  try {
    lighthouse = await lighthouseSection(`http://127.0.0.1:${BENCH.port}`, reps)
  } finally {
    server.kill()
  }
  const md = write(outDir, { ...previous, lighthouse })
  console.log(`\n${md}`)
  console.log(`Wrote the Lighthouse section of ${file} and results.md.`)
}

async function main() {
  const lighthouseReps = Math.max(0, Number(opts['lighthouse-runs']) || 0)
  if (opts['lighthouse-only']) return lighthouseOnly(Math.max(1, lighthouseReps))
  if (opts.report) {
    const results = summarise(JSON.parse(readFileSync(opts.report, 'utf8')) as Results)
    write(dirname(opts.report), results)
    console.log(markdown(results))
    return
  }
  const all = siteTours()
  const wanted = opts.sites?.split(',').filter(Boolean)
  const sites = wanted ? all.filter((s) => wanted.includes(s.id)) : all
  if (wanted && sites.length !== wanted.length)
    throw new Error(`unknown site in --sites; known: ${all.map((s) => s.id).join(', ')}`)
  const profiles = (opts.profiles ?? '').split(',').filter(Boolean) as ProfileId[]
  for (const p of profiles) if (!(p in PROFILES)) throw new Error(`unknown profile ${p}: use slow, fast`)
  const reps = Math.max(1, Number(opts.runs) || 1)
  const complete = sites.length === all.length && profiles.length === 2
  const outDir = opts.out ?? join(ROOT, complete ? 'bench' : 'bench/tmp')
  const shots = join(ROOT, 'bench/tmp/screens')
  mkdirSync(shots, { recursive: true })

  if (!opts['no-build']) sh('npm', ['run', 'build'])
  sh(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'bench/vite.plain.config.ts'])
  // The plain page lives in dist/ only while the bench runs (so it never ships with the app).
  const plainDir = join(ROOT, 'dist/bench-plain')
  cpSync(join(ROOT, 'bench/tmp/plain-dist'), plainDir, { recursive: true })
  // The app's files are precompressed by its postbuild step; the plain page gets the same
  // brotli/gzip siblings, so both are delivered alike by tools/server/serve.mjs.
  await precompress(plainDir, { cacheDir: null })
  const port = BENCH.port
  const server = await startServer(port)
  const origin = `http://127.0.0.1:${port}`
  const loadStart = loadavg()
  const started = Date.now()
  const runs: Run[] = []
  let lighthouse: Results['lighthouse']
  try {
    const info = await browserInfo()
    const size = await canvasSizeOf(`${origin}/?tour=${sites[0]!.id}&lang=en`)
    console.log(`3D view ${size.width}×${size.height} CSS px; ${info.gpu}`)
    const plainUrl = (s: Site) =>
      `${origin}/bench-plain/?${new URLSearchParams({
        model: s.model,
        pos: s.position.join(','),
        target: s.target.join(','),
        w: String(size.width),
        h: String(size.height),
      })}`

    for (let rep = 1; rep <= reps; rep++) {
      for (const id of profiles) {
        const profile = PROFILES[id]
        const landing = await measure(
          { kind: 'landing', site: null, url: `${origin}/?lang=en`, profile, rep },
          null,
        )
        runs.push(landing)
        console.log(`[${id} r${rep}] landing: ${fmt(landing)}`)
        for (const [i, site] of sites.entries()) {
          const portage: Target = {
            kind: 'portage',
            site: site.id,
            url: `${origin}/?tour=${site.id}&lang=en`,
            profile,
            rep,
          }
          const plain: Target = { kind: 'plain', site: site.id, url: plainUrl(site), profile, rep }
          // Alternate which page goes first, so drift in the machine's load favours neither.
          const order = (i + rep) % 2 ? [plain, portage] : [portage, plain]
          for (const t of order) {
            const shot = rep === 1 ? join(shots, `${id}-${site.id}-${t.kind}.png`) : null
            const run = await measure(t, shot)
            runs.push(run)
            console.log(`[${id} r${rep}] ${site.id} ${t.kind}: ${fmt(run)}`)
          }
        }
      }
    }
    if (lighthouseReps > 0) lighthouse = await lighthouseSection(origin, lighthouseReps)
  } finally {
    server.kill()
    rmSync(plainDir, { recursive: true, force: true })
  }

  const { chromium, gpu } = await browserInfo()
  const machine: Machine = {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    gpu: `${gpu} (SwiftShader, no GPU)`,
    chromium,
    node: process.versions.node,
    loadAverageStart: loadStart,
    loadAverageEnd: loadavg(),
    commit: commitOf(),
  }
  const results = summarise({
    generatedAt: new Date().toISOString(),
    machine,
    config: {
      sites: sites.map((s) => s.id),
      profiles,
      runs: reps,
      notes: [
        'Fresh browser per page load: cold HTTP cache and cold GPU shader cache.',
        'JS gzip: bodies of the .js responses requested before the mark, gzipped at level 9 by the bench.',
        'Frame time: median requestAnimationFrame interval during a 5 s left-button drag across 80% of the 3D view.',
        'CPU ms per frame: CPU time of all the browser processes during the drag, divided by the frames drawn.',
        'Draw calls and triangles: counted at the WebGL draw calls over a few frames at the start view.',
        'Texture memory: estimated from the WebGL texture uploads (width × height × bytes per texel, all levels).',
        'JS heap: Runtime.getHeapUsage after HeapProfiler.collectGarbage, at the start view.',
      ],
    },
    landing: [],
    sites: [],
    targets: [],
    bundle: {
      app: breakdownDir(join(ROOT, 'dist/app')),
      plain: breakdownDir(join(ROOT, 'bench/tmp/plain-dist/app')),
    },
    runs,
    lighthouse,
  })
  const md = write(outDir, results)
  console.log(`\n${md}`)
  console.log(
    `Wrote ${join(outDir, 'results.json')} and results.md in ${((Date.now() - started) / 60000).toFixed(1)} min.`,
  )
}

await main()
