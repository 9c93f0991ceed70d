/** Summaries of the raw runs, the targets check, and the markdown table. */
import type { ChunkBreakdown } from './bundle-breakdown'
import { PROFILES, TARGETS, type ProfileId } from './config'
import { lighthouseMarkdown, type LighthouseRun, type LighthouseSummary } from './lighthouse'
import type { Run } from './measure'
import { median, quantile, ratio, round } from './stats'

export type Machine = {
  cpus: number
  cpuModel: string
  gpu: string
  chromium: string
  node: string
  loadAverageStart: number[]
  loadAverageEnd: number[]
  commit: string
}

type Figures = {
  jsGzipBytes: number | null
  jsRawBytes: number | null
  jsTransferBytes: number | null
  transferBeforeFrameBytes: number | null
  readyMs: number | null
  stopFrameMs: number | null
  fullMs: number | null
  frameMs: number | null
  cpuMsPerFrame: number | null
  drawCalls: number | null
  triangles: number | null
  textureBytes: number | null
  textures: number | null
  heapBytes: number | null
}

export type SiteSummary = {
  site: string
  profile: ProfileId
  runs: number
  failed: number
  portage: Figures
  plain: Figures
  /** Median over repetitions of Portage / plain, each pair measured back to back. */
  ratio: Partial<Record<keyof Figures, number | null>>
  /** Frame time Portage / plain of each back-to-back pair: the spread shows the noise. */
  frameRatios: number[]
  /** The same for CPU time per frame. */
  cpuRatios: number[]
  /** Every orbit changed the view (a sanity check of the camera drive). */
  orbited: boolean
}

export type LandingSummary = {
  profile: ProfileId
  runs: number
  failed: number
  readyMs: number | null
  jsGzipBytes: number | null
  jsRawBytes: number | null
  jsTransferBytes: number | null
  files: string[]
}

export type Results = {
  generatedAt: string
  machine: Machine
  config: { sites: string[]; profiles: ProfileId[]; runs: number; notes: string[] }
  landing: LandingSummary[]
  sites: SiteSummary[]
  targets: TargetCheck[]
  bundle: { app: ChunkBreakdown[]; plain: ChunkBreakdown[] }
  runs: Run[]
  /** Lighthouse on the visitor's pages (bench/lighthouse.ts); absent in results made before it. */
  lighthouse?: {
    generatedAt: string
    commit: string
    loadAverageStart: number[]
    loadAverageEnd: number[]
    runs: LighthouseRun[]
    reps: number
    summary: LighthouseSummary[]
  }
}

/**
 * 'inconclusive' when the spread of the back-to-back pairs straddles the target: on a shared
 * machine the noise can be larger than the tolerance being checked.
 */
export type Verdict = 'met' | 'missed' | 'inconclusive' | 'not measured'
export type TargetCheck = { target: string; verdict: Verdict; measured: string }

const verdict = (met: boolean | null): Verdict => (met === null ? 'not measured' : met ? 'met' : 'missed')

const FIGURES: (keyof Figures)[] = [
  'jsGzipBytes',
  'jsRawBytes',
  'jsTransferBytes',
  'transferBeforeFrameBytes',
  'readyMs',
  'stopFrameMs',
  'fullMs',
  'frameMs',
  'cpuMsPerFrame',
  'drawCalls',
  'triangles',
  'textureBytes',
  'textures',
  'heapBytes',
]

function figuresOf(run: Run): Figures {
  return {
    jsGzipBytes: run.js?.gzipBytes ?? null,
    jsRawBytes: run.js?.rawBytes ?? null,
    jsTransferBytes: run.js?.transferBytes ?? null,
    transferBeforeFrameBytes: run.transferBeforeMarkBytes,
    readyMs: run.readyMs,
    stopFrameMs: run.stopFrameMs,
    fullMs: run.fullMs,
    frameMs: run.frameMs,
    cpuMsPerFrame: run.cpuMsPerFrame,
    drawCalls: run.drawCalls,
    triangles: run.triangles,
    textureBytes: run.textureBytes,
    textures: run.textures,
    heapBytes: run.heapBytes,
  }
}

function medianFigures(runs: Run[]): Figures {
  const figs = runs.map(figuresOf)
  return Object.fromEntries(FIGURES.map((k) => [k, median(figs.map((f) => f[k]))])) as Figures
}

function pairRatios(pairs: (readonly [Run, Run])[], pick: (r: Run) => number | null): number[] {
  return pairs
    .map(([p, q]) => ratio(pick(p), pick(q)))
    .filter((v): v is number => v !== null)
    .map((v) => Math.round(v * 1000) / 1000)
}

export function summariseSite(site: string, profile: ProfileId, runs: Run[]): SiteSummary {
  const mine = runs.filter((r) => r.site === site && r.profile === profile && r.kind !== 'landing')
  const ok = mine.filter((r) => r.ok)
  const portage = ok.filter((r) => r.kind === 'portage')
  const plain = ok.filter((r) => r.kind === 'plain')
  const pairs = portage
    .map((p) => [p, plain.find((q) => q.rep === p.rep)] as const)
    .filter((pair): pair is readonly [Run, Run] => pair[1] !== undefined)
  const pairRatio = (a: (f: Figures) => number | null, b: (f: Figures) => number | null) =>
    median(pairs.map(([p, q]) => ratio(a(figuresOf(p)), b(figuresOf(q)))))
  const same = (k: keyof Figures) =>
    pairRatio(
      (f) => f[k],
      (f) => f[k],
    )
  return {
    site,
    profile,
    runs: portage.length,
    failed: mine.length - ok.length,
    portage: medianFigures(portage),
    plain: medianFigures(plain),
    ratio: {
      jsGzipBytes: same('jsGzipBytes'),
      jsTransferBytes: same('jsTransferBytes'),
      // The plain page shows only the full model: its first frame is compared with both of ours.
      stopFrameMs: pairRatio(
        (f) => f.stopFrameMs,
        (f) => f.fullMs,
      ),
      fullMs: same('fullMs'),
      frameMs: same('frameMs'),
      cpuMsPerFrame: same('cpuMsPerFrame'),
      drawCalls: same('drawCalls'),
      triangles: same('triangles'),
      textureBytes: same('textureBytes'),
      heapBytes: same('heapBytes'),
    },
    frameRatios: pairRatios(pairs, (r) => r.frameMs),
    cpuRatios: pairRatios(pairs, (r) => r.cpuMsPerFrame),
    orbited: ok.every((r) => r.orbited !== false),
  }
}

export function summariseLanding(profile: ProfileId, runs: Run[]): LandingSummary {
  const mine = runs.filter((r) => r.kind === 'landing' && r.profile === profile)
  const ok = mine.filter((r) => r.ok)
  return {
    profile,
    runs: ok.length,
    failed: mine.length - ok.length,
    readyMs: median(ok.map((r) => r.readyMs)),
    jsGzipBytes: median(ok.map((r) => r.js?.gzipBytes)),
    jsRawBytes: median(ok.map((r) => r.js?.rawBytes)),
    jsTransferBytes: median(ok.map((r) => r.js?.transferBytes)),
    files: ok[0]?.js?.files ?? [],
  }
}

const kb = (b: number | null) => (b === null ? '–' : `${round(b / 1024)}`)
const mb = (b: number | null) => (b === null ? '–' : `${round(b / 1024 / 1024, 1)}`)
const s = (ms: number | null) => (ms === null ? '–' : (ms / 1000).toFixed(1))
const ms = (x: number | null) => (x === null ? '–' : `${round(x)}`)
const n = (x: number | null) => (x === null ? '–' : `${round(x)}`)
const x = (r: number | null | undefined) => (r === null || r === undefined ? '–' : `×${r.toFixed(2)}`)

export function checkTargets(landing: LandingSummary[], sites: SiteSummary[]): TargetCheck[] {
  const checks: TargetCheck[] = []
  const landingKB = median(landing.map((l) => l.jsGzipBytes))
  checks.push({
    target: `Landing page: at most ${TARGETS.landingJsGzipKB} KB of gzip JavaScript`,
    verdict: verdict(landingKB === null ? null : landingKB / 1024 <= TARGETS.landingJsGzipKB),
    measured: `${kb(landingKB)} KB`,
  })
  const frameJs = sites.map((r) => r.portage.jsGzipBytes).filter((v): v is number => v !== null)
  const maxJs = frameJs.length ? Math.max(...frameJs) : null
  checks.push({
    target: `JavaScript before the first stop frame: at most ${TARGETS.stopFrameJsGzipKB} KB gzip`,
    verdict: verdict(maxJs === null ? null : maxJs / 1024 <= TARGETS.stopFrameJsGzipKB),
    measured: `${kb(maxJs)} KB (largest of all sites)`,
  })
  const slow = sites.filter((r) => r.profile === 'slow')
  if (slow.length) {
    const late = slow.filter((r) => (r.portage.stopFrameMs ?? Infinity) > TARGETS.slowStopFrameS * 1000)
    const times = slow.map((r) => r.portage.stopFrameMs ?? Infinity)
    checks.push({
      target: `Throttled: first stop frame within ${TARGETS.slowStopFrameS} s for every site`,
      verdict: verdict(late.length === 0),
      measured: `${s(Math.min(...times))}–${s(Math.max(...times))} s; ${late.length} of ${slow.length} sites over`,
    })
    const slower = slow.filter((r) => (r.ratio.stopFrameMs ?? Infinity) > 1)
    const ratios = slow.map((r) => r.ratio.stopFrameMs ?? Infinity)
    checks.push({
      target: 'Throttled: first stop frame no slower than the plain page showing the full model',
      verdict: verdict(slower.length === 0),
      measured: `Portage / plain ${x(Math.min(...ratios))}–${x(Math.max(...ratios))}; ${slower.length} of ${slow.length} sites slower`,
    })
  }
  // Frame time: every back-to-back pair of every site and profile, pooled (the model differs, the
  // question, Portage's overhead on the same model and view, does not).
  const pooled = (pick: (r: SiteSummary) => number[], what: string) => {
    const all = sites.flatMap(pick)
    if (!all.length) return
    const [q1, mid, q3] = [0.25, 0.5, 0.75].map((q) => quantile(all, q)!) as [number, number, number]
    const limit = TARGETS.frameTimeRatio
    checks.push({
      target: `${what} within ${round((limit - 1) * 100)}% of the plain page`,
      verdict: q3 <= limit ? 'met' : q1 > limit ? 'missed' : 'inconclusive',
      measured:
        `Portage / plain: median ${x(mid)} over ${all.length} back-to-back pairs; middle half ${x(q1)}–${x(q3)}, ` +
        `all ${x(Math.min(...all))}–${x(Math.max(...all))}`,
    })
  }
  pooled((r) => r.frameRatios, 'Frame time')
  pooled((r) => r.cpuRatios, 'CPU time per frame (companion measure, less sensitive to load)')
  return checks
}

export function markdown(r: Results): string {
  const out: string[] = []
  const m = r.machine
  out.push(
    `Measured ${r.generatedAt.slice(0, 10)} at commit ${m.commit}: ${m.cpus} CPU cores (${m.cpuModel}), ` +
      `${m.gpu}; ${m.chromium} headless, Node ${m.node}. Load average ${m.loadAverageStart.map((v) => v.toFixed(1)).join(' / ')} ` +
      `at the start, ${m.loadAverageEnd.map((v) => v.toFixed(1)).join(' / ')} at the end (1/5/15 min; the machine was shared). ` +
      `${r.config.runs} run(s) per page, site and profile, Portage and the plain page back to back in alternating order; ` +
      `figures are medians, ratios are medians of the back-to-back pairs.`,
    '',
  )
  out.push('**Landing page** (`/?lang=en`, JavaScript requested before `portage:ready`)', '')
  out.push('| Profile | Interactive | JS gzip | JS transferred |', '| --- | ---: | ---: | ---: |')
  for (const l of r.landing)
    out.push(
      `| ${PROFILES[l.profile].label} | ${s(l.readyMs)} s | ${kb(l.jsGzipBytes)} KB | ${kb(l.jsTransferBytes)} KB |`,
    )
  out.push('')
  for (const profile of r.config.profiles) {
    const rows = r.sites.filter((row) => row.profile === profile)
    if (!rows.length) continue
    out.push(
      `**Loading, ${PROFILES[profile].label}** (Portage / plain three.js, times from navigation start)`,
      '',
    )
    out.push(
      '| Site | JS gzip before first frame, KB | JS transferred (as served, compressed), KB | Interactive | First stop frame (plain: full model) | ratio | Full model | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const row of rows)
      out.push(
        `| ${row.site}${row.failed ? ` (${row.failed} failed)` : ''} | ${kb(row.portage.jsGzipBytes)} / ${kb(row.plain.jsGzipBytes)} | ` +
          `${kb(row.portage.jsTransferBytes)} / ${kb(row.plain.jsTransferBytes)} | ${s(row.portage.readyMs)} s | ` +
          `${s(row.portage.stopFrameMs)} / ${s(row.plain.fullMs)} s | ${x(row.ratio.stopFrameMs)} | ` +
          `${s(row.portage.fullMs)} / ${s(row.plain.fullMs)} s | ${x(row.ratio.fullMs)} |`,
      )
    out.push('')
  }
  out.push(
    '**Rendering** (start view, then a 5 s orbit; Portage / plain three.js; frame time is the median ' +
      'requestAnimationFrame interval, CPU ms per frame the CPU time of all the browser processes during the orbit / frames)',
    '',
  )
  out.push(
    '| Site | Profile | Frame ms | ratio | CPU ms per frame | ratio | Draw calls | Triangles | Texture memory, KB | JS heap, MB | ratio |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const row of r.sites)
    out.push(
      `| ${row.site}${row.orbited ? '' : ' (orbit did not move the view!)'} | ${row.profile} | ${ms(row.portage.frameMs)} / ${ms(row.plain.frameMs)} | ${x(row.ratio.frameMs)} | ` +
        `${ms(row.portage.cpuMsPerFrame)} / ${ms(row.plain.cpuMsPerFrame)} | ${x(row.ratio.cpuMsPerFrame)} | ` +
        `${n(row.portage.drawCalls)} / ${n(row.plain.drawCalls)} | ${n(row.portage.triangles)} / ${n(row.plain.triangles)} | ` +
        `${kb(row.portage.textureBytes)} / ${kb(row.plain.textureBytes)} | ${mb(row.portage.heapBytes)} / ${mb(row.plain.heapBytes)} | ${x(row.ratio.heapBytes)} |`,
    )
  out.push('')
  out.push(...bundleTable(r.bundle))
  out.push('**Targets**', '', '| Target | Measured | Met |', '| --- | --- | --- |')
  for (const t of r.targets) out.push(`| ${t.target} | ${t.measured} | ${t.verdict} |`)
  out.push('')
  if (r.lighthouse) {
    const l = r.lighthouse
    out.push(
      `Lighthouse measured ${l.generatedAt.slice(0, 16).replace('T', ' ')} UTC at commit ${l.commit}; load average ` +
        `${l.loadAverageStart.map((v) => v.toFixed(1)).join(' / ')} at the start, ` +
        `${l.loadAverageEnd.map((v) => v.toFixed(1)).join(' / ')} at the end.`,
      '',
      lighthouseMarkdown(l.summary, l.reps),
    )
  }
  return out.join('\n')
}

/** Minified bytes per package over all chunks of each build (app: landing + tour view + 3D view). */
function bundleTable(bundle: Results['bundle']): string[] {
  const totals = (chunks: ChunkBreakdown[]) => {
    const m = new Map<string, { bytes: number; gzipBytes: number }>()
    for (const c of chunks)
      for (const p of c.packages) {
        const t = m.get(p.name) ?? { bytes: 0, gzipBytes: 0 }
        t.bytes += p.bytes
        t.gzipBytes += p.gzipBytes
        m.set(p.name, t)
      }
    return m
  }
  const app = totals(bundle.app)
  const plain = totals(bundle.plain)
  const names = [...new Set([...app.keys(), ...plain.keys()])]
    .map((name) => ({ name, size: (app.get(name)?.bytes ?? 0) + (plain.get(name)?.bytes ?? 0) }))
    .filter((p) => p.size >= 1024)
    .sort((a, b) => b.size - a.size)
  const cell = (t: { bytes: number; gzipBytes: number } | undefined) =>
    t ? `${kb(t.bytes)} / ${kb(t.gzipBytes)}` : '–'
  return [
    '**What the JavaScript is made of** (minified KB / gzip KB of each package on its own, from the source maps; ' +
      'Portage: all chunks, including those loaded only on demand (the zod schema, the KTX2 and Draco loaders, the kiosk, embed and handout code))',
    '',
    '| Package | Portage | plain three.js |',
    '| --- | ---: | ---: |',
    ...names.map(({ name }) => `| ${name} | ${cell(app.get(name))} | ${cell(plain.get(name))} |`),
    '',
  ]
}
