/**
 * Models made by `npm run model:import` from public models no one here made, opened in the app:
 * the Smithsonian's Draco-compressed scan (its maps come out as WebP or KTX2, chosen by
 * measurement), obj2gltf's OBJ box with a KTX2 texture kept as it is, and an animated model kept
 * with --keep-animations, which the app plays in a loop, paused for reduced motion.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Document } from '@gltf-transform/core'
import { KHRTextureBasisu } from '@gltf-transform/extensions'
import type { Page } from '@playwright/test'
import { getIO } from '../../tools/pipeline/models/check-models.ts'
import { importModel } from '../../tools/pipeline/models/import-model.ts'
import { getImportIO } from '../../tools/pipeline/models/import/input.ts'
import type { DiagnosticsSnapshot } from '../../src/features/diagnostics/diagnostics'
import { expect, pixelStats, test, waitForStopFrame } from './fixtures'
import { screenshot, withModel, withTours } from './hostile-fixtures'

const FIXTURES = 'tests/fixtures/models'

/** `window.portageDiagnostics` (?diagnostics=1), with the sections a loaded feature adds. */
const diagnostics = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { portageDiagnostics: unknown }).portageDiagnostics,
  ) as Promise<DiagnosticsSnapshot>

/** The two-stop fixture tour, its first stop showing `model` from a viewpoint `size` metres away. */
function tourFor(id: string, model: string, size: number): string {
  const tour = JSON.parse(readFileSync('tests/fixtures/tours/two-stops.tour.json', 'utf8')) as {
    id: string
    title: { en: string; fr: string }
    stops: {
      model: { src: string }
      viewpoints: { position: number[]; target: number[] }[]
      hotspots: { position: number[] }[]
      walkableAreas: { polygon: number[][] }[]
    }[]
  }
  tour.id = id
  tour.title = { en: `Fixture: imported ${model}`, fr: `Essai : ${model} importé` }
  const stop = tour.stops[0]!
  stop.model.src = `models/${model}`
  stop.viewpoints[0]!.position = [size * 0.9, size * 0.7, size * 1.6]
  stop.viewpoints[0]!.target = [0, size * 0.3, 0]
  stop.hotspots[0]!.position = [0, size * 0.8, 0]
  stop.walkableAreas[0]!.polygon = [
    [-size, -size],
    [size, -size],
    [size, size],
    [-size, size],
  ]
  return JSON.stringify(tour)
}

/** A box turning about y, one clip (made here: no public animated model is committed). */
async function turningBox(): Promise<Uint8Array> {
  const doc = new Document()
  const buffer = doc.createBuffer()
  const positions: number[] = []
  const indices: number[] = []
  for (const [x, y, z] of [
    [-1, 0, -1],
    [1, 0, -1],
    [1, 0, 1],
    [-1, 0, 1],
    [-1, 2, -1],
    [1, 2, -1],
    [1, 2, 1],
    [-1, 2, 1],
  ] as const)
    positions.push(x * 0.3, y, z)
  indices.push(
    0,
    2,
    1,
    0,
    3,
    2,
    4,
    5,
    6,
    4,
    6,
    7,
    0,
    1,
    5,
    0,
    5,
    4,
    1,
    2,
    6,
    1,
    6,
    5,
    2,
    3,
    7,
    2,
    7,
    6,
    3,
    0,
    4,
    3,
    4,
    7,
  )
  const prim = doc
    .createPrimitive()
    .setAttribute(
      'POSITION',
      doc.createAccessor().setType('VEC3').setArray(new Float32Array(positions)).setBuffer(buffer),
    )
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(indices)).setBuffer(buffer))
    .setMaterial(doc.createMaterial('sail').setBaseColorFactor([0.8, 0.3, 0.2, 1]))
  const node = doc.createNode('sail').setMesh(doc.createMesh('sail').addPrimitive(prim))
  doc.createScene('mill').addChild(node)
  const times = new Float32Array([0, 1, 2, 3, 4])
  const rotations = new Float32Array(
    [0, 1, 2, 3, 4].flatMap((i) => [0, Math.sin((i * Math.PI) / 4), 0, Math.cos((i * Math.PI) / 4)]),
  )
  const sampler = doc
    .createAnimationSampler()
    .setInput(doc.createAccessor().setType('SCALAR').setArray(times).setBuffer(buffer))
    .setOutput(doc.createAccessor().setType('VEC4').setArray(rotations).setBuffer(buffer))
  doc
    .createAnimation('turn')
    .addSampler(sampler)
    .addChannel(
      doc.createAnimationChannel().setTargetNode(node).setTargetPath('rotation').setSampler(sampler),
    )
  return (await getIO()).writeBinary(doc)
}

test.describe('imported public models open in the app', () => {
  // Importing a scan takes a while on a busy two-core machine.
  test.describe.configure({ timeout: 300_000 })

  test('a Draco-compressed Smithsonian scan, imported with the default command', async ({ page }) => {
    const result = await importModel(join(FIXTURES, 'smithsonian-whale/whale_cranium_draco.glb'), {
      siteId: 'pilot-whale',
    })
    expect(result.problems).toEqual([])
    const formats = result.report.textures.map((t) => t.to.mimeType)
    await withModel(page, 'pilot-whale.glb', result.glb)
    await withTours(page, { 'fixture-whale': tourFor('fixture-whale', 'pilot-whale.glb', 0.5) })
    await page.goto('/?lang=en&diagnostics=1&tour=fixture-whale')
    await waitForStopFrame(page, 'broken-stop')
    await expect(page.getByTestId('model-error')).toHaveCount(0)
    await page.waitForTimeout(500)
    const stats = pixelStats(await page.locator('canvas').screenshot())
    expect(stats.variance, 'the scan is drawn').toBeGreaterThan(100)
    const d = await diagnostics(page)
    // The scan's maps reached the GPU, whatever format the measurement chose for them.
    expect(d.textures, `textures as ${formats.join(', ')}`).toBeGreaterThanOrEqual(formats.length)
    await screenshot(page, 'imported-whale')
  })

  test('an OBJ box with a KTX2 texture kept as it is (fr)', async ({ page }) => {
    const io = await getImportIO()
    const obj2gltf = (await import('obj2gltf')).default
    const glb = (await obj2gltf(join(FIXTURES, 'obj2gltf-box-textured/box-textured.obj'), {
      binary: true,
      secure: true,
      logger: () => {},
    })) as Buffer
    const doc = await io.readBinary(new Uint8Array(glb))
    const ktx2 = new Uint8Array(readFileSync(join(FIXTURES, 'gltf-transform/test.ktx2')))
    doc.getRoot().listTextures()[0]?.setImage(ktx2).setMimeType('image/ktx2')
    doc.createExtension(KHRTextureBasisu).setRequired(true)
    const result = await importModel(await io.writeBinary(doc), { siteId: 'ktx2-box' })
    expect(result.problems).toEqual([])
    expect(result.report.textures[0]?.to.mimeType).toBe('image/ktx2')
    await withModel(page, 'ktx2-box.glb', result.glb)
    await withTours(page, { 'fixture-ktx2': tourFor('fixture-ktx2', 'ktx2-box.glb', 2) })
    await page.goto('/?lang=fr&diagnostics=1&tour=fixture-ktx2')
    await waitForStopFrame(page, 'broken-stop')
    await expect(page.getByTestId('model-error')).toHaveCount(0)
    await page.waitForTimeout(500)
    expect((await diagnostics(page)).textures).toBeGreaterThanOrEqual(1)
    await screenshot(page, 'imported-ktx2-box')
  })

  test.describe('an animated model kept with --keep-animations', () => {
    let glb: Uint8Array
    test.beforeAll(async () => {
      const result = await importModel(await turningBox(), { siteId: 'mill', keepAnimations: true })
      expect(result.problems).toEqual([])
      expect(result.report.animations).toEqual(['turn'])
      glb = result.glb
    })

    test('plays in a loop, counted in the diagnostics', async ({ page }) => {
      await withModel(page, 'mill.glb', glb)
      await withTours(page, { 'fixture-mill': tourFor('fixture-mill', 'mill.glb', 3) })
      await page.goto('/?lang=en&diagnostics=1&tour=fixture-mill')
      await waitForStopFrame(page, 'broken-stop')
      await expect
        .poll(async () => (await diagnostics(page))['animation'], { timeout: 30_000 })
        .toMatchObject({ clips: 1, playing: true, pausedForReducedMotion: false })
      // The clip lasts 4 s; it keeps going past its end (a loop, not a single play).
      await expect
        .poll(
          async () => ((await diagnostics(page))['animation'] as { secondsPlayed: number }).secondsPlayed,
          {
            timeout: 60_000,
          },
        )
        .toBeGreaterThan(4.5)
      // The node's rotation, read back from the scene, changes from one moment to the next.
      const pose = async () => ((await diagnostics(page))['animation'] as { pose: number[] }).pose
      const before = await pose()
      expect(before).toHaveLength(4)
      await expect.poll(pose, { timeout: 10_000 }).not.toEqual(before)
    })

    test.describe('with reduced motion', () => {
      test.use({ reducedMotion: 'reduce' })
      test('is paused', async ({ page }) => {
        await withModel(page, 'mill.glb', glb)
        await withTours(page, { 'fixture-mill': tourFor('fixture-mill', 'mill.glb', 3) })
        await page.goto('/?lang=en&diagnostics=1&tour=fixture-mill')
        await waitForStopFrame(page, 'broken-stop')
        await expect
          .poll(async () => (await diagnostics(page))['animation'], { timeout: 30_000 })
          .toMatchObject({ clips: 1, playing: false, pausedForReducedMotion: true, secondsPlayed: 0 })
        const pose = async () => ((await diagnostics(page))['animation'] as { pose: number[] }).pose
        const before = await pose()
        await page.waitForTimeout(1000)
        expect((await diagnostics(page))['animation']).toMatchObject({ secondsPlayed: 0 })
        // Held at the clip's first frame (no rotation yet: the identity quaternion).
        expect(await pose()).toEqual(before)
        expect(before).toEqual([0, 0, 0, 1])
      })
    })
  })
})
