/**
 * A content team's whole journey in Portage Studio, on a temporary copy of the content (the
 * repository is never written): a public model file (a Smithsonian scan from the importer's test
 * set) → a new stop → four hotspots placed by clicking on the model → texts in both languages with
 * sources → narration generated for every hotspot, one replaced by a recording (Chromium's fake
 * microphone) → a walkable area drawn → save → `content:check` passes on the copy → the visitor's
 * app opens the tour with its markers where they were placed (read through ?diagnostics=1).
 *
 * The studio server runs from this spec (`tsx tools/studio/server.ts --root <copy>`), on the test
 * port + 12, apart from the main config's production server.
 */
import { expect, test, type Page } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PerspectiveCamera, Vector3 } from 'three'
import { CHROMIUM_PATH } from '../../playwright.config'
import { CAMERA } from '../../src/features/stage/camera'
import { hookEmulator } from './emulator-hook'
import { PORTS } from './ports'
import { aimAt, pull } from './vr-helpers'

const REPO = resolve(import.meta.dirname, '../..')
const PORT = PORTS.studio
const STUDIO = `http://127.0.0.1:${PORT}`
const MODEL = join(REPO, 'tests/fixtures/models/smithsonian-whale/whale_cranium_draco.glb')
const SITE = 'whale-skull'

test.use({
  baseURL: STUDIO,
  viewport: { width: 1400, height: 900 },
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
      // A microphone that plays a tone, granted without asking.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
})
test.describe.configure({ mode: 'serial', timeout: 600_000 })

let root = ''
let server: ChildProcess | null = null
let serverLog = ''

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portage-studio-'))
  for (const dir of ['scenes', 'assets']) cpSync(join(REPO, dir), join(root, dir), { recursive: true })
  server = spawn(
    join(REPO, 'node_modules/.bin/tsx'),
    ['tools/studio/server.ts', '--root', root, '--port', String(PORT)],
    {
      cwd: REPO,
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()))
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()))
  const deadline = Date.now() + 90_000
  for (;;) {
    try {
      if ((await fetch(`${STUDIO}/api/tours`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the studio server did not start:\n${serverLog}`)
    await new Promise((r) => setTimeout(r, 500))
  }
})

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r))
    server.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  }
  if (root) rmSync(root, { recursive: true, force: true })
})

/** Where each hotspot was clicked, as a fraction of the studio's 3D view (x right, y down). */
const CLICKS = [
  [0.5, 0.5],
  [0.44, 0.5],
  [0.56, 0.5],
  [0.5, 0.56],
] as const

const TEXTS = (n: number) => ({
  title: [`Whale skull, part ${n}`, `Crâne de baleine, partie ${n}`],
  body: [
    `This is part ${n} of a pilot whale's skull, scanned by the Smithsonian Institution.`,
    `Voici la partie ${n} d’un crâne de globicéphale, numérisé par la Smithsonian Institution.`,
  ],
  script: [
    `Part ${n} of the skull of a pilot whale. The Smithsonian shares the scan with everyone.`,
    `Partie ${n} du crâne d’un globicéphale. La Smithsonian partage ce modèle avec tout le monde.`,
  ],
})

async function fillPair(scope: ReturnType<Page['locator']>, label: string, [en, fr]: readonly string[]) {
  await scope.getByLabel(`${label} (English)`, { exact: true }).fill(en!)
  await scope.getByLabel(`${label} (French)`, { exact: true }).fill(fr!)
}

test('a content team builds a bilingual, narrated, sourced stop from a model file, and the visitor sees it', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/studio/?lang=en')
  await expect(page.getByRole('heading', { name: 'Tours' })).toBeVisible()

  // 1. A new site from the model file: a real progress bar, then the importer's report.
  const importer = page.getByRole('region', { name: 'New site from a model' })
  await importer.locator('input[type=file]').setInputFiles(MODEL)
  await importer.getByLabel('Site identifier').fill(SITE)
  await importer.getByRole('button', { name: 'Import' }).click()
  const report = importer.getByRole('region', { name: 'Import report' })
  await expect(report).toBeVisible({ timeout: 240_000 })
  await expect(report.getByRole('meter')).toHaveCount(4)
  await report.getByRole('button', { name: 'Edit the new stop' }).click()

  // 2. The new stop opens in the 3D view at its start viewpoint.
  const canvas = page.getByTestId('studio-canvas')
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 60_000 })
  await page.waitForTimeout(1500)
  const box = (await canvas.boundingBox())!

  // 3. Four hotspots placed by clicking on the model.
  await page.getByRole('radio', { name: 'Place a hotspot' }).click()
  const list = page.getByRole('region', { name: 'Hotspots' }).getByRole('listitem')
  for (const [i, [u, v]] of CLICKS.entries()) {
    await page.mouse.click(box.x + u * box.width, box.y + v * box.height)
    await expect(list).toHaveCount(i + 1)
  }
  // Undo takes the last one away and redo puts it back, through the keyboard.
  await page.keyboard.press('Control+z')
  await expect(list).toHaveCount(3)
  await page.keyboard.press('Control+Shift+z')
  await expect(list).toHaveCount(4)
  await page.getByRole('radio', { name: 'Select and move' }).click()

  // 4. The tour's and the stop's texts, in both languages side by side.
  const tourSection = page.getByRole('region', { name: 'Tour', exact: true })
  await fillPair(tourSection, 'Tour title', ['A whale skull', 'Un crâne de baleine'])
  await fillPair(tourSection, 'Summary', [
    'A pilot whale skull scanned by the Smithsonian.',
    'Un crâne de globicéphale numérisé par la Smithsonian.',
  ])
  const stopSection = page.getByRole('region', { name: 'Stop', exact: true })
  await fillPair(stopSection, 'Title', ['Pilot whale skull', 'Crâne de globicéphale'])
  await fillPair(stopSection, 'Place', ['Washington, D.C., United States', 'Washington (D.C.), États-Unis'])
  await fillPair(stopSection, 'Description (for people who cannot see the view)', [
    'A whale skull seen from the front.',
    'Un crâne de baleine vu de face.',
  ])
  await fillPair(stopSection, 'Model credits', ['Smithsonian Institution', 'Smithsonian Institution'])
  await stopSection.getByLabel(/^Model licence/).fill('CC0-1.0')
  await fillPair(stopSection, 'Discussion question 1', [
    'What did the whale eat?',
    'Que mangeait la baleine ?',
  ])
  await fillPair(stopSection, 'Discussion question 2', ['Why scan a skull?', 'Pourquoi numériser un crâne ?'])
  await page.getByRole('region', { name: 'Viewpoints' }).getByLabel('Title · start (English)').fill('Front')
  await page.getByRole('region', { name: 'Viewpoints' }).getByLabel('Title · start (French)').fill('Face')

  // 5. Each hotspot: texts with a source, and narration generated in both languages.
  for (let i = 0; i < CLICKS.length; i++) {
    await list.nth(i).getByRole('button').click()
    const editor = page.getByRole('region', { name: /^Hotspot “/ })
    const texts = TEXTS(i + 1)
    await fillPair(editor, 'Title', texts.title)
    await fillPair(editor, 'Story', texts.body)
    await fillPair(editor, 'Narration script', texts.script)
    await editor.getByRole('button', { name: 'Add a source' }).click()
    await editor.getByLabel('Address (https) 1').fill('https://3d.si.edu/object/3d/pilot-whale-skull')
    await editor.getByLabel('Title of the source 1').fill('Smithsonian 3D: pilot whale skull')
    for (const lang of ['English', 'French']) {
      await editor.getByRole('button', { name: `Generate (${lang})` }).click()
      await expect(editor.getByText(`Narration ready (${lang})`)).toBeVisible({ timeout: 90_000 })
    }
  }

  // 6. The first hotspot's English narration replaced by a recording from the (fake) microphone.
  await list.nth(0).getByRole('button').click()
  const first = page.getByRole('region', { name: /^Hotspot “/ })
  await first.getByRole('button', { name: 'Record (English)' }).click()
  await expect(first.getByText(/Recording… [2-9] s/)).toBeVisible({ timeout: 15_000 })
  await first.getByRole('button', { name: 'Stop recording (English)' }).click()
  await expect(first.getByText('Narration ready (English)')).toBeVisible({ timeout: 90_000 })
  // Played back with its captions: the recording's re-timed captions say the script's words.
  const player = first.locator('[data-narration="hotspot-1.en"]')
  await player.locator('audio').evaluate((a: HTMLAudioElement) => a.play())
  await expect(player.locator('[data-caption]')).toContainText('Part 1 of the skull', { timeout: 20_000 })

  // 7. A walkable area drawn by clicking points on the model.
  const areas = page.getByRole('region', { name: 'Walkable areas' }).getByRole('listitem')
  const before = await areas.count()
  await page.getByRole('radio', { name: 'Draw a walkable area' }).click()
  const corners: readonly (readonly [number, number])[] = [
    [0.47, 0.47],
    [0.53, 0.47],
    [0.53, 0.53],
    [0.47, 0.53],
  ]
  for (const [u, v] of corners) await page.mouse.click(box.x + u * box.width, box.y + v * box.height)
  await page.getByRole('button', { name: 'Finish the area (4 corners)' }).click()
  await expect(areas).toHaveCount(before + 1)

  // A poster rendered from the current view, saved in the app's poster format and named by the stop.
  await page.getByRole('button', { name: 'Render the poster from this view' }).click()
  await expect(page.getByText(/^Poster saved: posters\//)).toBeVisible({ timeout: 30_000 })

  // 8. No problem left, as the studio's live check sees it; then save.
  await expect(page.getByRole('heading', { name: /^Checks · No problem found/ })).toBeVisible({
    timeout: 20_000,
  })
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved: / })).toBeVisible({ timeout: 30_000 })
  expect(errors).toEqual([])

  // 9. content:check passes on the copy that was edited.
  const check = spawnSync(
    join(REPO, 'node_modules/.bin/tsx'),
    [join(REPO, 'tools/pipeline/content-check.ts'), '--skip-models'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
    },
  )
  expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0)
  const saved = JSON.parse(readFileSync(join(root, 'scenes', SITE, 'tour.json'), 'utf8'))
  expect(saved.stops[0].hotspots).toHaveLength(4)
  expect(existsSync(join(root, 'assets', saved.stops[0].poster))).toBe(true)

  // 10. Each hotspot was saved where it was clicked: seen from the start view, at the studio view's
  // aspect ratio, its position falls on the pixel clicked (give or take its stand-off).
  const view = saved.stops[0].viewpoints[0] as { position: V3; target: V3 }
  for (const [i, [u, v]] of CLICKS.entries()) {
    const at = project(
      saved.stops[0].hotspots[i].position,
      view.position,
      view.target,
      box.width / box.height,
    )
    expect(Math.abs(at.x - (u * 2 - 1)), `hotspot ${i + 1} x`).toBeLessThan(0.05)
    expect(Math.abs(at.y - (1 - v * 2)), `hotspot ${i + 1} y`).toBeLessThan(0.05)
  }

  // 11. The visitor's app draws the markers there: where the saved positions project with the
  // app's own camera (which keeps at least 2 m from what it looks at, so a small model's start view
  // can open a little further back than the studio's).
  await page.goto(`/?tour=${SITE}&stop=${SITE}&lang=en&diagnostics=1`)
  type Snapshot = { markers: { id: string; x: number; y: number; onScreen: boolean }[]; camera: V3 }
  const read = () =>
    page.evaluate(() => (window as unknown as { portageDiagnostics?: Snapshot }).portageDiagnostics)
  // The camera has arrived when it stops moving (two reads a second apart agree).
  await expect
    .poll(
      async () => {
        const a = await read()
        await page.waitForTimeout(1000)
        const b = await read()
        return {
          markers: b?.markers.length ?? 0,
          still: !!a && !!b && a.camera.every((c, k) => Math.abs(c - b.camera[k]!) < 1e-3),
        }
      },
      { timeout: 60_000 },
    )
    .toEqual({ markers: 4, still: true })
  const visitor = (await page.locator('canvas').first().boundingBox())!
  const snapshot = (await read())!
  for (const [i, hotspot] of (saved.stops[0].hotspots as { id: string; position: V3 }[]).entries()) {
    const marker = snapshot.markers.find((m) => m.id === hotspot.id)!
    expect(marker.onScreen, `${hotspot.id} on screen`).toBe(true)
    const drawn = {
      x: ((marker.x - visitor.x) / visitor.width) * 2 - 1,
      y: 1 - ((marker.y - visitor.y) / visitor.height) * 2,
    }
    const expected = project(hotspot.position, snapshot.camera, view.target, visitor.width / visitor.height)
    expect(Math.abs(drawn.x - expected.x), `marker ${i + 1} x`).toBeLessThan(0.03)
    expect(Math.abs(drawn.y - expected.y), `marker ${i + 1} y`).toBeLessThan(0.03)
  }
})

type V3 = [number, number, number]

/** Where `point` is drawn (normalised device coordinates) by a camera at `eye` looking at `target`. */
function project(point: V3, eye: V3, target: V3, aspect: number) {
  const camera = new PerspectiveCamera(CAMERA.fov, aspect, CAMERA.near, CAMERA.far)
  camera.position.set(...eye)
  camera.lookAt(new Vector3(...target))
  camera.updateMatrixWorld(true)
  const p = new Vector3(...point).project(camera)
  return { x: p.x, y: p.y }
}

test('in the emulated headset, an editor moves a hotspot by pointing at the model and pulling the trigger', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // The emulator announces its device as the app's does: kept as window.portageXRDevice.
  await hookEmulator(page.context())
  await page.goto('/studio/?lang=en&emulate=quest3')
  await page.getByRole('button', { name: 'Edit: Parliament Hill and the Peace Tower', exact: true }).click()
  const canvas = page.getByTestId('studio-canvas')
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 60_000 })
  const list = page.getByRole('region', { name: 'Hotspots' }).getByRole('listitem')
  await list.first().getByRole('button').click()
  const editor = page.getByRole('region', { name: /^Hotspot “/ })
  const position = editor.getByText(/^Position /)
  const before = await position.textContent()

  await page.getByRole('button', { name: 'Edit in the headset' }).click()
  await expect(canvas).toHaveAttribute('data-xr', 'true', { timeout: 30_000 })

  // The tour's start view: the editor stands on the ground under it, facing what it looks at.
  const tour = JSON.parse(readFileSync(join(root, 'scenes/parliament-hill/tour.json'), 'utf8'))
  const stop = tour.stops[0]
  const start = stop.viewpoints.find((v: { id: string }) => v.id === stop.startViewpoint)
  const facade: V3 = [-20, 18, 0] // the Centre Block's façade
  const rig = {
    x: start.position[0],
    y: stop.walkableAreas[0].y as number,
    z: start.position[2],
    yaw: Math.atan2(-(start.target[0] - start.position[0]), -(start.target[2] - start.position[2])),
  }
  await aimAt(page, { x: facade[0], y: facade[1], z: facade[2] }, { rig })
  await pull(page)

  // The change shows in the fields and in the undo history, and undoes like any edit.
  await expect(position).not.toHaveText(before!, { timeout: 20_000 })
  const undo = page.getByRole('button', { name: 'Undo', exact: true })
  await expect(undo).toHaveAttribute('title', 'Undo: moving')
  // Out of the headset (the emulator's overlay covers the page while in VR), the undo button.
  await page.evaluate(() => window.portageXRDevice!.activeSession!.end())
  await expect(canvas).toHaveAttribute('data-xr', 'false', { timeout: 30_000 })
  await undo.click()
  await expect(position).toHaveText(before!)
  expect(errors).toEqual([])
})
