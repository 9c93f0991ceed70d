/**
 * Lighthouse (the version pinned in package.json, 12.2.3: the last that runs on Node 20) on the
 * visitor's pages, as Google's tools would score them for a phone: mobile form factor and screen,
 * simulated throttling (slow 4G, a 4× slower processor), performance, accessibility and best
 * practices. Each page is run several times, each run in a fresh Chromium (cold HTTP and shader
 * caches); the report gives the medians.
 *
 * The numbers are Lighthouse's own (its `numericValue`s): LCP, FCP, TBT, Speed Index and Time to
 * Interactive are simulated from the observed trace (its network and CPU model), CLS is observed.
 * The long tasks of the median run are kept with the script they are attributed to, which is what
 * README's performance section cites when a target is missed.
 */
import lighthouse from 'lighthouse'
import * as chromeLauncher from 'chrome-launcher'
import { BENCH } from './config'
import { median } from './stats'

/** The pages a visitor opens from a shared link, by name. */
export const LIGHTHOUSE_PAGES = [
  { id: 'landing', label: 'Landing', path: '/?lang=en' },
  { id: 'tour', label: 'A tour', path: '/?tour=parliament-hill&lang=en' },
  {
    id: 'story',
    label: "A story's deep link",
    path: '/?tour=parliament-hill&stop=parliament-hill&hotspot=charter-proclamation&lang=en',
  },
  { id: 'flat', label: 'The 2D tour', path: '/?tour=parliament-hill&view=2d&lang=en' },
  { id: 'handout', label: 'The handout', path: '/?view=handout&tour=parliament-hill&lang=en' },
] as const

export type LighthousePageId = (typeof LIGHTHOUSE_PAGES)[number]['id']

/** The issue's targets (medians). TBT applies to the tour pages, the rest to every page. */
export const LIGHTHOUSE_TARGETS = {
  clsMax: 0.05,
  lcpMaxMs: 2500,
  tbtMaxMs: 600,
  accessibility: 100,
  bestPractices: 100,
  /** The pages the TBT target applies to. */
  tbtPages: ['tour', 'story'] as readonly LighthousePageId[],
} as const

/** The bench's own Chromium flags (WebGL on SwiftShader, nothing in the background), headless. */
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', ...BENCH.chromiumArgs]

export type LighthouseRun = {
  page: LighthousePageId
  rep: number
  ok: boolean
  error?: string
  scores?: { performance: number; accessibility: number; bestPractices: number }
  metrics?: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; siMs: number; ttiMs: number }
  /** Failed audits of the accessibility and best-practices categories, by id. */
  failing?: string[]
  /** The long tasks (simulated durations), longest first, with the script Lighthouse blames. */
  longTasks?: { url: string; startMs: number; durationMs: number }[]
  /** Main-thread time by kind (script evaluation, style and layout, other…), simulated ms. */
  mainThread?: Record<string, number>
}

export type LighthouseSummary = {
  page: LighthousePageId
  label: string
  path: string
  runs: number
  performance: number | null
  accessibility: number | null
  bestPractices: number | null
  fcpMs: number | null
  lcpMs: number | null
  tbtMs: number | null
  cls: number | null
  siMs: number | null
  failing: string[]
  /** The long tasks of the run whose TBT is the median. */
  longTasks: { url: string; startMs: number; durationMs: number }[]
}

type Audit = {
  score: number | null
  scoreDisplayMode?: string
  numericValue?: number
  details?: { items?: Record<string, unknown>[] }
}

async function runOnce(url: string): Promise<Omit<LighthouseRun, 'page' | 'rep'>> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  })
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      // Mobile and simulated throttling are Lighthouse's defaults; said here so a change of default
      // cannot change what the bench measures.
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
    })
    const lhr = result?.lhr
    if (!lhr) return { ok: false, error: 'no result' }
    if (lhr.runtimeError) return { ok: false, error: lhr.runtimeError.message }
    const audits = lhr.audits as Record<string, Audit>
    const value = (id: string) => audits[id]?.numericValue ?? NaN
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100)
    const failing = ['accessibility', 'best-practices'].flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((r) => r.weight > 0 && (audits[r.id]?.score ?? 1) < 1)
        .map((r) => r.id),
    )
    const longTasks = (audits['long-tasks']?.details?.items ?? []).map((i) => ({
      url: String(i.url),
      startMs: Math.round(Number(i.startTime)),
      durationMs: Math.round(Number(i.duration)),
    }))
    const mainThread = Object.fromEntries(
      (audits['mainthread-work-breakdown']?.details?.items ?? []).map((i) => [
        String(i.group),
        Math.round(Number(i.duration)),
      ]),
    )
    return {
      ok: true,
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
      },
      metrics: {
        fcpMs: value('first-contentful-paint'),
        lcpMs: value('largest-contentful-paint'),
        tbtMs: value('total-blocking-time'),
        cls: value('cumulative-layout-shift'),
        siMs: value('speed-index'),
        ttiMs: value('interactive'),
      },
      failing,
      longTasks,
      mainThread,
    }
  } finally {
    await chrome.kill()
  }
}

/** Every page `reps` times (pages interleaved, so a slow minute on the machine hits all alike). */
export async function runLighthouse(
  origin: string,
  reps: number,
  pages: readonly LighthousePageId[] = LIGHTHOUSE_PAGES.map((p) => p.id),
  log: (line: string) => void = console.log,
): Promise<LighthouseRun[]> {
  const runs: LighthouseRun[] = []
  for (let rep = 1; rep <= reps; rep++) {
    for (const page of LIGHTHOUSE_PAGES.filter((p) => pages.includes(p.id))) {
      let run: LighthouseRun
      try {
        run = { page: page.id, rep, ...(await runOnce(origin + page.path)) }
      } catch (e) {
        run = { page: page.id, rep, ok: false, error: (e as Error)?.message ?? String(e) }
      }
      runs.push(run)
      const m = run.metrics
      log(
        `[lighthouse r${rep}] ${page.id}: ` +
          (run.ok && m && run.scores
            ? `perf ${run.scores.performance}, a11y ${run.scores.accessibility}, bp ${run.scores.bestPractices}; ` +
              `LCP ${(m.lcpMs / 1000).toFixed(1)} s, TBT ${Math.round(m.tbtMs)} ms, CLS ${m.cls.toFixed(3)}`
            : `FAILED: ${run.error}`),
      )
    }
  }
  return runs
}

export function summariseLighthouse(runs: LighthouseRun[]): LighthouseSummary[] {
  return LIGHTHOUSE_PAGES.filter((p) => runs.some((r) => r.page === p.id)).map((p) => {
    const ok = runs.filter((r) => r.page === p.id && r.ok && r.metrics && r.scores)
    const med = (f: (r: LighthouseRun) => number) => (ok.length ? median(ok.map(f)) : null)
    const tbt = med((r) => r.metrics!.tbtMs)
    const mid = ok.find((r) => r.metrics!.tbtMs === tbt) ?? ok[0]
    return {
      page: p.id,
      label: p.label,
      path: p.path,
      runs: ok.length,
      performance: med((r) => r.scores!.performance),
      accessibility: med((r) => r.scores!.accessibility),
      bestPractices: med((r) => r.scores!.bestPractices),
      fcpMs: med((r) => r.metrics!.fcpMs),
      lcpMs: med((r) => r.metrics!.lcpMs),
      tbtMs: tbt,
      cls: med((r) => r.metrics!.cls),
      siMs: med((r) => r.metrics!.siMs),
      failing: [...new Set(ok.flatMap((r) => r.failing ?? []))],
      longTasks: mid?.longTasks ?? [],
    }
  })
}

/** Which of the issue's targets a page's medians meet. */
export function lighthouseVerdicts(s: LighthouseSummary): { target: string; met: boolean | null }[] {
  const T = LIGHTHOUSE_TARGETS
  const check = (v: number | null, ok: (v: number) => boolean) => (v === null ? null : ok(v))
  const out = [
    { target: `CLS ≤ ${T.clsMax}`, met: check(s.cls, (v) => v <= T.clsMax) },
    { target: `LCP ≤ ${T.lcpMaxMs / 1000} s`, met: check(s.lcpMs, (v) => v <= T.lcpMaxMs) },
    { target: `accessibility ${T.accessibility}`, met: check(s.accessibility, (v) => v >= T.accessibility) },
    { target: `best practices ${T.bestPractices}`, met: check(s.bestPractices, (v) => v >= T.bestPractices) },
  ]
  if (T.tbtPages.includes(s.page))
    out.push({ target: `TBT ≤ ${T.tbtMaxMs} ms`, met: check(s.tbtMs, (v) => v <= T.tbtMaxMs) })
  return out
}

const sec = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`)
const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v).toLocaleString('en')} ms`)
const num = (v: number | null) => (v === null ? '–' : String(Math.round(v)))

/** The Lighthouse section of bench/results.md. */
export function lighthouseMarkdown(summary: LighthouseSummary[], reps: number): string {
  if (!summary.length) return ''
  const lines = [
    `**Lighthouse 12.2.3** (mobile, simulated throttling: slow 4G, 4× CPU slowdown; medians of ${reps} run(s) per page, each in a fresh Chromium)`,
    '',
    '| Page | Performance | Accessibility | Best practices | FCP | LCP | TBT | CLS | Speed Index | Targets missed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...summary.map((s) => {
      const missed = lighthouseVerdicts(s)
        .filter((v) => v.met === false)
        .map((v) => v.target)
      return `| ${s.label} (\`${s.path}\`) | ${num(s.performance)} | ${num(s.accessibility)} | ${num(s.bestPractices)} | ${sec(s.fcpMs)} | ${sec(s.lcpMs)} | ${ms(s.tbtMs)} | ${s.cls === null ? '–' : s.cls.toFixed(3)} | ${sec(s.siMs)} | ${missed.length ? missed.join(', ') : 'none'} |`
    }),
    '',
  ]
  const failing = summary.filter((s) => s.failing.length)
  if (failing.length) {
    lines.push('Failing accessibility and best-practice audits (in any run):', '')
    for (const s of failing) lines.push(`- ${s.label}: ${s.failing.map((f) => `\`${f}\``).join(', ')}`)
    lines.push('')
  }
  lines.push(
    'Long tasks of the median-TBT run (simulated ms, longest first, as Lighthouse attributes them):',
    '',
    '| Page | Long tasks |',
    '| --- | --- |',
    ...summary.map(
      (s) =>
        `| ${s.label} | ${
          s.longTasks
            .slice(0, 6)
            .map((t) => `${t.durationMs} ms at ${t.startMs} ms (${shortUrl(t.url)})`)
            .join('; ') || 'none'
        } |`,
    ),
    '',
  )
  return lines.join('\n')
}

function shortUrl(url: string): string {
  if (!/^https?:/.test(url)) return url
  const path = new URL(url).pathname
  return path === '/' ? 'the page' : (path.split('/').pop() ?? path).replace(/-[\w-]{8}\.js$/, '.js')
}
