/**
 * One measured page load: a fresh browser (cold HTTP cache, cold GPU shader cache), the network
 * profile applied through the DevTools protocol before navigation, then loading figures from the
 * page's own User Timing marks and Resource Timing entries, then rendering figures at the start
 * view and during a 5 s camera orbit. The app and the plain three.js page go through exactly the
 * same steps; only the URL and the mark that ends loading differ.
 */
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import { BENCH, type Profile, type ProfileId } from './config'
import { childrenCpuMs } from './process-cpu'
import { median } from './stats'

export type PageKind = 'landing' | 'portage' | 'plain'

export type JsBytes = {
  /** JavaScript files requested before the mark. */
  files: string[]
  /** Their bodies as the page received them (decoded). */
  rawBytes: number
  /** Their bodies gzipped at level 9 here (comparable across servers; the server may send brotli). */
  gzipBytes: number
  /** What actually crossed the network for them (Resource Timing transferSize, incl. headers). */
  transferBytes: number
}

export type Run = {
  kind: PageKind
  site: string | null
  profile: ProfileId
  rep: number
  /** 1-minute load average when the run started: the machine is shared, this says how busy it was. */
  load1: number
  ok: boolean
  error?: string
  /** Milliseconds from navigation start. */
  readyMs: number | null
  stopFrameMs: number | null
  fullMs: number | null
  /** JavaScript requested before the mark that ends loading (ready for the landing, else the first model frame). */
  js: JsBytes | null
  /** Everything (document included) transferred before that mark. */
  transferBeforeMarkBytes: number | null
  /** Models fetched before the first stop frame (the proxy, on a slow network). */
  modelsBeforeFrame: string[]
  /** Every resource requested before the end mark, for waterfalls (ms from navigation start). */
  timeline: { path: string; start: number; end: number; transfer: number }[]
  frameMs: number | null
  /** The frame intervals recorded during the orbit (ms). */
  frameTimes: number[]
  /** CPU time of the whole browser (renderer, GPU process...) during the orbit, per frame. */
  cpuMsPerFrame: number | null
  orbitFrames: number | null
  /** The view changed during the orbit (start and end screenshots differ). */
  orbited: boolean | null
  drawCalls: number | null
  triangles: number | null
  textureBytes: number | null
  textures: number | null
  heapBytes: number | null
}

export type Target = { kind: PageKind; site: string | null; url: string; profile: Profile; rep: number }

const PROBE = fileURLToPath(new URL('./page-probe.js', import.meta.url))

const isJs = (url: string) => /\.m?js$/.test(new URL(url).pathname)

/** The mark that ends loading for each kind of page. */
const END_MARK: Record<PageKind, string> = {
  landing: 'portage:ready',
  portage: 'portage:stop-full',
  plain: 'plain:model-frame',
}

type Mark = { name: string; t: number }
type Resource = { name: string; start: number; end: number; transfer: number }

async function marksOf(page: Page): Promise<Mark[]> {
  return page.evaluate(() =>
    performance.getEntriesByType('mark').map((m) => ({ name: m.name, t: m.startTime })),
  )
}

async function resourcesOf(page: Page): Promise<{ resources: Resource[]; documentTransfer: number }> {
  return page.evaluate(() => ({
    resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      name: r.name,
      start: r.startTime,
      end: r.responseEnd,
      transfer: r.transferSize,
    })),
    documentTransfer:
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
        ?.transferSize ?? 0,
  }))
}

async function throttle(cdp: CDPSession, profile: Profile) {
  await cdp.send('Network.enable')
  if (profile.network)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network })
}

/**
 * Orbit the camera the way a visitor does: a left-button drag across the 3D view at constant
 * speed. Both pages use OrbitControls with the same settings, and the drag is the same number of
 * pixels on a view of the same size, so both cameras take the same path.
 */
async function orbit(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
  cpuMs: () => number,
): Promise<{ frames: number[]; cpuMs: number }> {
  const y = box.y + box.height / 2
  const x0 = box.x + box.width * BENCH.orbitFrom
  const span = box.width * BENCH.orbitSpan
  await page.mouse.move(x0, y)
  await page.evaluate(() => (window as unknown as BenchWindow).__bench.startFrames())
  const cpuStart = cpuMs()
  await page.mouse.down()
  const start = Date.now()
  for (let t = 0; t < 1;) {
    t = Math.min(1, (Date.now() - start) / BENCH.orbitMs)
    await page.mouse.move(x0 + span * t, y)
  }
  await page.mouse.up()
  const frames = await page.evaluate(() => (window as unknown as BenchWindow).__bench.stopFrames())
  return { frames, cpuMs: cpuMs() - cpuStart }
}

type BenchWindow = {
  __bench: {
    textureMemory(): { bytes: number; count: number }
    startFrames(): void
    stopFrames(): number[]
    countDraws(n: number): Promise<{ calls: number; triangles: number }[]>
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...BENCH.chromiumArgs],
  })
}

/** Size of the app's 3D view in the bench viewport, so the plain page can draw the same pixels. */
export async function canvasSizeOf(url: string): Promise<{ width: number; height: number }> {
  const browser = await launch()
  try {
    const page = await browser.newPage({
      viewport: BENCH.viewport,
      deviceScaleFactor: BENCH.deviceScaleFactor,
    })
    await page.goto(url)
    // After the first stop frame: before it, the canvas may still have its default 300×150 size
    // (R3F sizes it once it has measured its container), and the plain page would draw fewer pixels.
    await page.waitForFunction(() => performance.getEntriesByName('portage:stop-frame').length > 0, null, {
      timeout: BENCH.loadTimeoutMs,
    })
    const box = await page.locator('[data-testid="stage"] canvas').first().boundingBox()
    if (!box || (box.width === 300 && box.height === 150))
      throw new Error(`the 3D view was not laid out: ${JSON.stringify(box)}`)
    return { width: box.width, height: box.height }
  } finally {
    await browser.close()
  }
}

export async function measure(target: Target, screenshotPath: string | null): Promise<Run> {
  const run: Run = {
    kind: target.kind,
    site: target.site,
    profile: target.profile.id,
    rep: target.rep,
    load1: Math.round(loadavg()[0]! * 10) / 10,
    ok: false,
    readyMs: null,
    stopFrameMs: null,
    fullMs: null,
    js: null,
    transferBeforeMarkBytes: null,
    modelsBeforeFrame: [],
    timeline: [],
    frameMs: null,
    frameTimes: [],
    cpuMsPerFrame: null,
    orbitFrames: null,
    orbited: null,
    drawCalls: null,
    triangles: null,
    textureBytes: null,
    textures: null,
    heapBytes: null,
  }
  const browser = await launch()
  try {
    const context = await browser.newContext({
      viewport: BENCH.viewport,
      deviceScaleFactor: BENCH.deviceScaleFactor,
    })
    await context.addInitScript({ path: PROBE })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await throttle(cdp, target.profile)
    const bodies = new Map<string, Promise<Buffer | null>>()
    page.on('response', (r) => {
      if (isJs(r.url()))
        bodies.set(
          r.url(),
          r.body().catch(() => null),
        )
    })

    await page.goto(target.url, { waitUntil: 'commit' })
    const endMark = END_MARK[target.kind]
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, endMark, {
      timeout: BENCH.loadTimeoutMs,
      polling: 100,
    })

    const marks = await marksOf(page)
    const at = (name: string) => marks.find((m) => m.name === name)?.t ?? null
    if (target.kind === 'plain') {
      run.stopFrameMs = run.fullMs = at('plain:model-frame')
    } else {
      run.readyMs = at('portage:ready')
      run.stopFrameMs = at('portage:stop-frame')
      run.fullMs = at('portage:stop-full')
    }
    const markMs = target.kind === 'landing' ? run.readyMs : run.stopFrameMs
    const { resources, documentTransfer } = await resourcesOf(page)
    const before = resources.filter((r) => markMs !== null && r.start <= markMs)
    const scripts = before.filter((r) => isJs(r.name))
    let gzipBytes = 0
    let rawBytes = 0
    for (const s of scripts) {
      const body = await bodies.get(s.name)
      if (!body) throw new Error(`no body recorded for ${s.name}`)
      rawBytes += body.length
      gzipBytes += gzipSync(body, { level: 9 }).length
    }
    run.js = {
      files: scripts.map((s) => new URL(s.name).pathname),
      rawBytes,
      gzipBytes,
      transferBytes: scripts.reduce((sum, s) => sum + s.transfer, 0),
    }
    run.transferBeforeMarkBytes = documentTransfer + before.reduce((sum, r) => sum + r.transfer, 0)
    const endMs = target.kind === 'landing' ? run.readyMs : run.fullMs
    run.timeline = resources
      .filter((r) => endMs !== null && r.start <= endMs)
      .map((r) => ({
        path: new URL(r.name).pathname,
        start: Math.round(r.start),
        end: Math.round(r.end),
        transfer: r.transfer,
      }))
    run.modelsBeforeFrame = before.filter((r) => r.name.endsWith('.glb')).map((r) => new URL(r.name).pathname)

    if (target.kind !== 'landing') {
      await page.waitForTimeout(BENCH.settleMs)
      const canvas = page.locator('canvas').first()
      const box = await canvas.boundingBox()
      if (!box) throw new Error('no canvas')
      const startShot = await canvas.screenshot(screenshotPath ? { path: screenshotPath } : {})

      const draws = await page.evaluate(
        (n) => (window as unknown as BenchWindow).__bench.countDraws(n),
        BENCH.countFrames,
      )
      run.drawCalls = median(draws.map((d) => d.calls))
      run.triangles = median(draws.map((d) => d.triangles))
      const tex = await page.evaluate(() => (window as unknown as BenchWindow).__bench.textureMemory())
      run.textureBytes = tex.bytes
      run.textures = tex.count
      await cdp.send('HeapProfiler.collectGarbage')
      run.heapBytes = (await cdp.send('Runtime.getHeapUsage')).usedSize

      // The bench runs one browser at a time, so our chromium child is this run's browser.
      const { frames, cpuMs } = await orbit(page, box, () => childrenCpuMs())
      run.frameMs = median(frames)
      run.cpuMsPerFrame = frames.length && Number.isFinite(cpuMs) ? cpuMs / frames.length : null
      run.frameTimes = frames.map((f) => Math.round(f * 10) / 10)
      run.orbitFrames = frames.length
      run.orbited = !(await canvas.screenshot()).equals(startShot)
    }
    run.ok = true
  } catch (e) {
    run.error = e instanceof Error ? e.message.split('\n')[0] : String(e)
  } finally {
    await browser.close()
  }
  return run
}
