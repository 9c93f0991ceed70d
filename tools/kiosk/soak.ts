/**
 * `npm run soak`: a busy day of a kiosk, accelerated, in headless Chromium: the attract loop through
 * 3,000 stop changes, with visitors in between (a visit every 30 changes: touch to begin, a story
 * whose narration really plays, then "End visit" or the idle countdown's reset, in turn), 20 of them
 * in the emulated headset (`?emulate=quest3`: Enter VR, the reset ends the session), and the server
 * started as the launcher starts it, so the page's heartbeat polls it all along. At the start and
 * every 500 changes it prints the renderer's resource counters (geometries, textures, shader
 * programs, from renderer.info), the JS heap, DOM nodes and JS event listeners after a forced
 * garbage collection, and the server's open descriptors (/proc/<pid>/fd, Linux). A kiosk runs for
 * days: what one loop or visit allocates, the next must free.
 *
 * It runs the kiosk's tours (scenes/kiosk.json) plus a generated "soak" tour whose stops switch
 * between the two real Parliament Hill models (full and proxy), so models are loaded, shown,
 * hidden and shown again. The loop's length divides 50, so every sample is taken at the same
 * point of the loop. The first samples are "cold" (models load as the loop meets them, the first
 * headset sessions load the controllers' models); from the first sample after the first full loop
 * and the first `--warm-headsets` sessions on, every counter must equal its value there and the
 * heap must grow less than 5 MB, DOM nodes and listeners must come back to theirs, the server's
 * descriptors must stay flat, and no error may happen (page errors, console errors, a visit that does not go as a visitor would
 * see it). Exit code 1 otherwise. A benchmark, not a test: figures go in docs/kiosk.md.
 *
 *   npm run soak -- [--changes 3000] [--every 500] [--visit-every 30] [--headsets 20]
 *                   [--warm-headsets 3] [--stop-seconds 3] [--port 4199] [--viewport 1280x800]
 * A short run to check it: `npm run soak -- --changes 300 --every 50 --headsets 2`.
 */
import { chromium, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Tour } from '../../src/core/content/schema'
import { parseKioskConfig } from '../../src/core/kiosk/config'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const CHANGES = Number(arg('changes', '3000'))
const EVERY = Number(arg('every', '500'))
/** A visitor comes after this many stop changes of the attract loop. */
const VISIT_EVERY = Number(arg('visit-every', '30'))
/** Visits made in the emulated headset, spread over the run. */
const HEADSETS = Number(arg('headsets', '20'))
/**
 * The first headset sessions load what every later one shares and keeps (the controllers' models,
 * the cursor and ray meshes, their shaders), each when its file arrives: the renderer's baseline is
 * taken once this many sessions are done (tests/e2e/vr-tour.spec.ts sees the same warm-up).
 */
const WARM_HEADSETS = Number(arg('warm-headsets', '3'))
/** Seconds the attract loop stays on a stop: shorter makes a run faster, not lighter per change. */
const STOP_SECONDS = Number(arg('stop-seconds', '3'))
/** DOM nodes and listeners may differ from their baseline by this much at a sample (a caption's words). */
const NODE_SLACK = 40
const LISTENER_SLACK = 10
/** The server's open descriptors may differ from their baseline by this much (a request in flight). */
const FD_SLACK = 3
const PORT = Number(arg('port', process.env['PORTAGE_SOAK_PORT'] ?? '4199'))
const [WIDTH, HEIGHT] = arg('viewport', '1280x800').split('x').map(Number) as [number, number]
const HEAP_BUDGET_MB = 5
const SOAK_TOUR = 'soak'
/** Frames drawn at a stop before its counters are read. */
const DRAWN_FRAMES = 3

const readJson = <T>(path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T

/** The soak tour: stops alternating the full and proxy models of a real site, one story each. */
function soakTour(stops: number): Tour {
  const site = readJson<Tour>('dist/scenes/parliament-hill/tour.json')
  const base = site.stops[0]!
  const models = [base.model.src, base.model.proxy ?? base.model.src]
  return {
    ...site,
    id: SOAK_TOUR,
    poster: undefined,
    stops: Array.from({ length: stops }, (_, i) => ({
      ...base,
      id: `soak-${i + 1}`,
      poster: undefined,
      model: { ...base.model, src: models[i % 2]!, proxy: undefined },
      // Hotspot ids are unique in a tour.
      hotspots: base.hotspots.slice(0, 1).map((h) => ({ ...h, id: `${h.id}-${i + 1}` })),
    })),
  }
}

type Sample = {
  changes: number
  arrivals: number
  geometries: number
  textures: number
  programs: number
  heapMB: number
  /** DOM nodes and JS event listeners of the page (CDP Performance.getMetrics, after GC). */
  nodes: number
  listeners: number
  /** Open descriptors of the server process (/proc/<pid>/fd; -1 where there is no /proc). */
  serverFds: number
  fps: number
  /** A story was open in the attract loop at that moment (its panel and captions are DOM nodes). */
  story: boolean
  /** Headset sessions made before this sample. */
  vr: number
}

type Counters = {
  arrivals: number
  geometries: number
  textures: number
  programs: number
  fps: number
  story: boolean
}

/**
 * Wait until the loop is back at its first stop (at least `arrivals` stops in), with that stop's
 * model loaded, and read the renderer's counters there and then, in one go; then the heap.
 */
/** The server's open descriptors, counted in /proc (Linux); -1 elsewhere. */
function openDescriptors(pid: number | undefined): number {
  try {
    return pid ? readdirSync(`/proc/${pid}/fd`).length : -1
  } catch {
    return -1
  }
}

async function sample(
  page: Page,
  arrivals: number,
  first: { tour: string; stop: string },
  serverPid: number | undefined,
): Promise<Omit<Sample, 'vr'>> {
  const read = (min: number) =>
    page.evaluate(
      ([min, tour, stop]) => {
        const k = (window as unknown as { portageKiosk?: { stopChanges: number; model: string | null } })
          .portageKiosk
        const d = (
          window as unknown as {
            portageDiagnostics?: {
              tour: string | null
              stop: string | null
              frames: number
              geometries: number
              textures: number
              programs: number
              fps: number
              hotspot: string | null
            }
          }
        ).portageDiagnostics
        if (!k || !d || k.stopChanges < (min as number) || k.model !== 'loaded') return null
        if (d.tour !== tour || d.stop !== stop) return null
        const { frames, geometries, textures, programs, fps } = d
        return {
          arrivals: k.stopChanges,
          frames,
          geometries,
          textures,
          programs,
          fps,
          story: d.hotspot !== null,
        }
      },
      [min, first.tour, first.stop] as const,
    )
  let c: (Counters & { frames: number }) | null = null
  for (let at: (Counters & { frames: number }) | null = null; !c;) {
    const now = await read(arrivals)
    if (!now) at = null
    // Arrived: wait for the stop to be drawn a few times (its markers and model uploaded), still there.
    else if (!at || now.arrivals !== at.arrivals) at = now
    else if (now.frames >= at.frames + DRAWN_FRAMES) c = now
    if (!c) await new Promise((r) => setTimeout(r, 100))
  }
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  // Twice: the first pass can leave objects that only the second one can free (weak refs, finalizers).
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  await cdp.detach()
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  return {
    ...c,
    changes: c.arrivals - 1,
    heapMB: metric('JSHeapUsedSize') / 1e6,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    serverFds: openDescriptors(serverPid),
  }
}

type KioskView = { phase: string; stopChanges: number }
const kioskView = (page: Page) =>
  page.evaluate(() => (window as unknown as { portageKiosk: KioskView }).portageKiosk)

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`soak: waited ${timeoutMs / 1000} s for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** What one visitor does, as they would; a step that does not happen is an error of the run. */
async function visit(page: Page, n: number, headset: boolean, errors: string[]) {
  const fail = (what: string) => errors.push(`visit ${n}${headset ? ' (headset)' : ''}: ${what}`)
  let step = 'touch to begin'
  try {
    const invite = n % 2 ? 'Touchez pour commencer' : 'Touch to begin'
    await page.getByRole('button', { name: invite }).click({ timeout: 60_000 })
    await until('the visit', async () => (await kioskView(page)).phase === 'visit')
    // A story, with its narration really playing (the audio element's clock moves on).
    step = 'open a story'
    await page.locator('aside.sidebar .hotspot-item').first().click({ timeout: 60_000 })
    await until(
      'the narration to play',
      () =>
        page.evaluate(() => {
          const a = document.querySelector('audio')
          return Boolean(a && !a.paused && a.currentTime > 0.5)
        }),
      60_000,
    ).catch(() => fail('narration did not play'))
    if (headset) {
      step = 'enter VR'
      await page
        .getByRole('button', { name: /Enter VR|Entrer en réalité virtuelle/ })
        .click({ timeout: 60_000 })
      await until('the immersive session', () =>
        page.evaluate(
          () =>
            (window as unknown as { portageDiagnostics: { xr?: { presenting: boolean } } }).portageDiagnostics
              .xr?.presenting === true,
        ),
      )
    }
    // Done listening: the story closes (its narration stops), then the visitor leaves.
    // In the headset the page is out of sight: the visitor listens, then walks away (the story ends
    // or the reset closes it). On the screen they close the story themselves.
    step = 'close the story'
    if (!headset)
      await page.locator('aside.sidebar .hotspot-item[aria-current="true"]').click({ timeout: 60_000 })
    step = 'leave'
    if (!headset && n % 2 === 0)
      await page
        .getByRole('button', { name: /End visit/ })
        .first()
        .click({ timeout: 60_000 })
    // Otherwise nobody touches any more: the idle countdown, then the reset (which ends VR).
    await until('the reset to the attract loop', async () => (await kioskView(page)).phase === 'attract')
    if (headset)
      await until('the immersive session to end', () =>
        page.evaluate(
          () =>
            (window as unknown as { portageDiagnostics: { xr?: { presenting: boolean } } }).portageDiagnostics
              .xr?.presenting !== true,
        ),
      )
  } catch (e) {
    fail(
      `${step}: ${(e as Error).message.split('\n')[0]!} (the kiosk's phase: ${(await kioskView(page).catch(() => null))?.phase})`,
    )
    // Whatever happened, the next visitor finds the attract loop (as the kiosk would give it).
    await until('the attract loop', async () => (await kioskView(page)).phase === 'attract', 180_000).catch(
      () => {},
    )
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npm run build` first')
  const catalog = readJson<{ version: string; tours: string[] }>('dist/scenes/catalog.json')
  const { config } = parseKioskConfig(
    // The repository's configuration: no build publishes one (docs/security.md).
    readFileSync(join(ROOT, 'scenes/kiosk.json'), 'utf8'),
  )
  const kioskTours = (config.tours.length ? config.tours : catalog.tours).filter((id) =>
    catalog.tours.includes(id),
  )
  const kioskStops = kioskTours.reduce(
    (n, id) => n + readJson<Tour>(`dist/scenes/${id}/tour.json`).stops.length,
    0,
  )
  // The loop's length must divide the sampling period, so every sample is at the same point.
  const loop = [5, 10, 25, 50, 100].find((n) => n >= kioskStops + 2 && EVERY % n === 0)
  if (!loop) throw new Error(`the kiosk's ${kioskStops} stops do not fit a loop that divides ${EVERY}`)
  const tour = soakTour(loop - kioskStops)

  // Started as the launcher starts it (an IPC channel, a launch secret): the kiosk page finds its
  // launcher and polls the server with its heartbeat every 5 s, as on a real kiosk.
  const server = spawn(process.execPath, [join(ROOT, 'tools/server/serve.mjs'), '--port', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, PORTAGE_KIOSK_SECRET: randomBytes(24).toString('base64url') },
  })
  let heartbeats = 0
  server.on('message', (m: { type?: string }) => {
    if (m.type === 'heartbeat') heartbeats++
  })
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--js-flags=--expose-gc',
      '--no-first-run',
    ],
  })
  try {
    // The offline copy is the service worker's business, not the page's memory: off here.
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: HEIGHT },
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => {
      errors.push(`page error: ${e.message}`)
      console.error(`page error: ${e.message}`)
    })
    page.on('console', (m) => {
      if (m.type() !== 'error') return
      errors.push(`console error: ${m.text()}`)
      console.error(`console error: ${m.text()}`)
    })
    await page.route('**/scenes/catalog.json', (r) =>
      r.fulfill({ json: { ...catalog, tours: [...catalog.tours, SOAK_TOUR] } }),
    )
    await page.route(`**/scenes/${SOAK_TOUR}/tour.json`, (r) => r.fulfill({ json: tour }))
    await page.route('**/scenes/kiosk.json', (r) =>
      r.fulfill({
        json: {
          version: 'portage.kiosk/1',
          tours: [...kioskTours, SOAK_TOUR],
          language: 'en',
          // A visitor who stops touching is reset soon (the countdown is drawn, then the reset); not
          // so soon that a slow, CPU-rendered page resets a visitor between two of their touches.
          idleTimeoutSeconds: 10,
          warningSeconds: 3,
          volume: 0.5,
          // Accelerated: long enough on a stop to draw it, stories opened and closed quickly.
          attract: {
            narration: 'muted',
            languages: ['en', 'fr'],
            stopSeconds: STOP_SECONDS,
            hotspotMinSeconds: 0,
            hotspotMaxSeconds: 0.3,
            pauseSeconds: 0,
          },
        },
      }),
    )
    const started = Date.now()
    await page.goto(`http://127.0.0.1:${PORT}/?mode=kiosk&diagnostics=1&emulate=quest3`, {
      timeout: 60_000,
    })
    // Every 30 changes before the last sample.
    const visits = Math.floor((CHANGES - 1) / VISIT_EVERY)
    const headsets = Math.min(HEADSETS, visits)
    // Headset visits spread evenly over the visits.
    const headsetVisit = (n: number) => headsets > 0 && n % Math.max(1, Math.floor(visits / headsets)) === 0
    console.log(
      `soak: ${CHANGES} stop changes, a loop of ${loop} stops (${kioskTours.join(', ')} + ${tour.stops.length} soak stops), ` +
        `${WIDTH}×${HEIGHT}, sample every ${EVERY}; a visit every ${VISIT_EVERY} changes (${visits}, ` +
        `${headsets} in the headset), the server polled by the page's heartbeat`,
    )
    console.log(
      'changes  geometries  textures  programs  heap MB  DOM nodes  listeners  story  server fds  visits  vr   fps   elapsed',
    )
    const samples: Sample[] = []
    // stopChanges counts arrivals at a stop: arrival n + 1 is n changes after the first one. A
    // sample missed (the loop moved on while the heap was measured) is taken a loop later.
    const first = { tour: kioskTours[0] ?? SOAK_TOUR, stop: '' }
    first.stop = kioskTours[0]
      ? readJson<Tour>(`dist/scenes/${kioskTours[0]}/tour.json`).stops[0]!.id
      : tour.stops[0]!.id
    let visited = 0
    let inHeadset = 0
    for (let n = 0; n <= CHANGES;) {
      // The visitors due before this sample, each when the loop has made its changes.
      while ((visited + 1) * VISIT_EVERY < n && visited < visits) {
        const due = (visited + 1) * VISIT_EVERY
        await until(`stop change ${due}`, async () => (await kioskView(page)).stopChanges >= due, 600_000)
        visited++
        const headset = headsetVisit(visited) && inHeadset < headsets
        if (headset) inHeadset++
        await visit(page, visited, headset, errors)
      }
      const s = { ...(await sample(page, n + 1, first, server.pid)), vr: inHeadset }
      samples.push(s)
      console.log(
        `${String(s.changes).padStart(7)}  ${String(s.geometries).padStart(10)}  ${String(s.textures).padStart(8)}  ` +
          `${String(s.programs).padStart(8)}  ${s.heapMB.toFixed(2).padStart(7)}  ${String(s.nodes).padStart(9)}  ` +
          `${String(s.listeners).padStart(9)}  ${(s.story ? 'open' : '-').padStart(5)}  ${String(s.serverFds).padStart(10)}  ${String(visited).padStart(6)}  ` +
          `${String(inHeadset).padStart(2)}  ${s.fps.toFixed(1).padStart(4)}  ` +
          `${((Date.now() - started) / 60_000).toFixed(1)} min`,
      )
      n = Math.max(n + EVERY, s.changes + loop)
    }

    // Warm from the first full loop on and the first headset sessions done: nothing may grow after.
    const warmHeadsets = Math.min(WARM_HEADSETS, inHeadset)
    const warm = samples.find((s) => s.changes >= loop && s.vr >= warmHeadsets) ?? samples.at(-1)!
    const firstLoop = samples.find((s) => s.changes >= loop) ?? samples[0]!
    const last = samples.at(-1)!
    const problems: string[] = []
    for (const s of samples.filter((x) => x.changes >= warm.changes))
      for (const key of ['geometries', 'textures', 'programs'] as const)
        if (s[key] !== warm[key]) problems.push(`${key} ${warm[key]} → ${s[key]} at ${s.changes} changes`)
    for (const s of samples.filter((x) => x.changes >= warm.changes)) {
      // DOM and listeners are compared with the first warm sample in the same state (a story of
      // the loop open or not at that moment: its panel is some 80 nodes).
      const base = samples.find((x) => x.changes >= warm.changes && x.story === s.story)!
      if (Math.abs(s.nodes - base.nodes) > NODE_SLACK)
        problems.push(`DOM nodes ${base.nodes} → ${s.nodes} at ${s.changes} changes`)
      if (Math.abs(s.listeners - base.listeners) > LISTENER_SLACK)
        problems.push(`listeners ${base.listeners} → ${s.listeners} at ${s.changes} changes`)
      if (s.serverFds >= 0 && Math.abs(s.serverFds - warm.serverFds) > FD_SLACK)
        problems.push(`server descriptors ${warm.serverFds} → ${s.serverFds} at ${s.changes} changes`)
    }
    if (visited < visits) problems.push(`${visited} of ${visits} visits made`)
    if (heartbeats === 0) problems.push('the page never polled the server (no heartbeat)')
    problems.push(...errors)
    const growth = last.heapMB - warm.heapMB
    if (growth >= HEAP_BUDGET_MB)
      problems.push(`heap grew ${growth.toFixed(2)} MB (budget ${HEAP_BUDGET_MB} MB)`)
    const fromFirstLoop = last.heapMB - firstLoop.heapMB
    console.log(
      `\nbaseline (after the first loop and ${warm.vr} headset sessions, ${warm.changes} changes): ` +
        `${warm.geometries} geometries, ${warm.textures} textures, ${warm.programs} programs, ` +
        `${warm.heapMB.toFixed(2)} MB heap; heap growth to ${last.changes} changes: ` +
        `${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB (${fromFirstLoop >= 0 ? '+' : ''}${fromFirstLoop.toFixed(2)} MB ` +
        `from the first loop, ${firstLoop.changes} changes)`,
    )
    if (warm === last && samples.length > 1 && last.changes > firstLoop.changes)
      problems.push(`no sample after the warm-up (${warmHeadsets} headset sessions): run longer`)
    if (problems.length) {
      console.log(`FAIL:\n  ${problems.join('\n  ')}`)
      process.exitCode = 1
    } else
      console.log(
        `PASS: counters back to their baseline, heap growth under 5 MB, DOM and listeners back, server ` +
          `descriptors flat, ${visited} visits (${inHeadset} in the headset), ${heartbeats} heartbeats, no error`,
      )
  } finally {
    await browser.close()
    server.kill()
  }
}

main().catch((e: Error) => {
  console.error(`soak: ${e.message}`)
  process.exit(1)
})
