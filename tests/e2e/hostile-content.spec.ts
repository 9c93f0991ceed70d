/**
 * Hostile content in the browser: script payloads in every text field show as text and run
 * nothing; fuzzed tour files never take the app down; hostile links are answered kindly; models
 * over a size, triangle or texture limit are refused with a clear message before they reach the
 * scene, and a model cannot make the app fetch anything. The security watch of fixtures.ts also
 * fails any of these tests on a CSP violation or a request leaving the origin.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { MODEL_LIMITS } from '../../src/features/stage/model-limits'
import { hostileTour, type Json } from '../unit/tour-arbitraries'
import { expect, test, waitForStopFrame } from './fixtures'
import {
  glbContainer,
  instancedModel,
  screenshot,
  texturedModel,
  twoStopTour,
  withModel,
  withTours,
} from './hostile-fixtures'

/** Script and markup that must show as text, never run or load anything. */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg/onload=window.__xss=1>',
  '"><iframe src="javascript:top.__xss=1"></iframe>',
  "'-window.__xss=1-'",
  '<a href="javascript:window.__xss=1">click</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<style>*{display:none}</style>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<object data="https://evil.example/x"></object>',
  '<img src="https://evil.example/pixel.png">',
  '{{constructor.constructor("window.__xss=1")()}}',
  '${window.__xss=1}',
  '&lt;img src=x onerror=window.__xss=1&gt;',
  '\u202Egnp.exe<b>',
] as const

type Tour = {
  title: Record<string, string>
  summary: Record<string, string>
  stops: {
    title: Record<string, string>
    place: Record<string, string>
    description: Record<string, string>
    model: { src: string; credits: Record<string, string>; licence: string }
    viewpoints: { title: Record<string, string> }[]
    hotspots: {
      title: Record<string, string>
      body: Record<string, string>
      narration: Record<string, { script: string; audio: string; captions: string }>
      sources: { url: string; title: string }[]
    }[]
  }[]
}

test.describe('script payloads in every text field', () => {
  /** The two-stop fixture tour with a payload (numbered, so each is findable) in every text field. */
  function hostileTourJson(): { json: string; shown: Record<string, string> } {
    const tour = JSON.parse(twoStopTour('fixture-xss', 'parliament-hill.glb')) as Tour
    let n = 0
    const next = () => `${PAYLOADS[n % PAYLOADS.length]} #${++n}`
    const fill = (t: Record<string, string>) => {
      for (const l of Object.keys(t)) t[l] = next()
    }
    fill(tour.title)
    fill(tour.summary)
    for (const s of tour.stops) {
      fill(s.title)
      fill(s.place)
      fill(s.description)
      fill(s.model.credits)
      s.model.licence = next()
      s.viewpoints.forEach((v) => fill(v.title))
      for (const h of s.hotspots) {
        fill(h.title)
        fill(h.body)
        for (const track of Object.values(h.narration)) track.script = next()
        for (const src of h.sources) {
          src.title = next()
          src.url = `https://evil.example/"><script>window.__xss=1</script>`
        }
      }
    }
    // The first stop is the one visited (its model is real: twoStopTour gave it parliament-hill).
    const stop = tour.stops[0]!
    const h = stop.hotspots[0]!
    const shown = {
      tourTitle: tour.title['en']!,
      summary: tour.summary['en']!,
      stopTitle: stop.title['en']!,
      place: stop.place['en']!,
      description: stop.description['en']!,
      credits: stop.model.credits['en']!,
      licence: stop.model.licence,
      hotspotTitle: h.title['en']!,
      body: h.body['en']!,
      script: h.narration['en']!.script,
      source: h.sources[0]!.title,
    }
    return { json: JSON.stringify(tour), shown }
  }

  test('show literally on the landing page, the stop, the story, its sources, transcript and captions', async ({
    page,
  }) => {
    const { json, shown } = hostileTourJson()
    const tour = JSON.parse(json) as Tour
    const track = tour.stops[0]!.hotspots[0]!.narration['en']!
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await withTours(page, { 'fixture-xss': json })
    // Real audio, and captions whose cues are payloads too (markup is stripped, entities decoded).
    await page.route(`**/assets/${track.audio}`, (r) =>
      r.fulfill({
        contentType: 'audio/mpeg',
        body: readFileSync('assets/audio/parliament-hill/persons-case.en.mp3'),
      }),
    )
    const cue = '&lt;img src=x onerror=window.__xss=1&gt; <script>window.__xss=1</script>'
    await page.route(`**/assets/${track.captions}`, (r) =>
      r.fulfill({ contentType: 'text/vtt', body: `WEBVTT\n\n00:00:00.000 --> 00:00:30.000\n${cue}\n` }),
    )

    await page.goto('/?lang=en')
    const card = page.locator('[data-tour="fixture-xss"]')
    await expect(card.getByRole('heading', { name: shown['tourTitle'] })).toBeVisible()
    await expect(card.getByText(shown['summary']!, { exact: true })).toBeVisible()
    await card.getByRole('button', { name: 'Start the tour' }).click()

    await expect(page.getByRole('heading', { level: 1, name: shown['stopTitle'] })).toBeVisible()
    await expect(page.getByText(shown['place']!, { exact: true })).toBeVisible()
    await page.getByText('What the 3D view shows').click()
    await expect(page.getByText(shown['description']!, { exact: true })).toBeVisible()
    await expect(
      page.getByText(`Model: ${shown['credits']} (${shown['licence']})`, { exact: true }),
    ).toBeVisible()

    await page.locator('[data-hotspot="fixture-story-1"]').click()
    const panel = page.getByTestId('hotspot-panel')
    await expect(panel.getByRole('heading', { name: shown['hotspotTitle'] })).toBeVisible()
    await expect(panel.getByText(shown['body']!, { exact: true })).toBeVisible()
    const link = panel.getByRole('link', { name: shown['source'] })
    // The attribute holds the URL as written: one attribute, nothing broken out of it.
    await expect(link).toHaveAttribute('href', `https://evil.example/"><script>window.__xss=1</script>`)
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    await panel.getByText('Transcript', { exact: true }).click()
    await expect(panel.getByText(shown['script']!, { exact: true })).toBeVisible()
    await expect(page.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
    await expect(page.getByTestId('captions').locator('p')).toHaveText(
      '<img src=x onerror=window.__xss=1> window.__xss=1',
    )
    await waitForStopFrame(page, 'broken-stop')
    await screenshot(page, 'xss-payloads')

    // Nothing ran, nothing was added to the page but text.
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(dialogs).toEqual([])
    const injected = await page.evaluate(
      () =>
        document.querySelectorAll(
          'body script, iframe, object, embed, base, meta[http-equiv], body style, body link, img[src="x"], img[src*="evil"], a[href^="javascript:"]',
        ).length,
    )
    expect(injected).toBe(0)
  })

  test('hostile link parameters are described, never echoed; ids are quoted, shortened', async ({ page }) => {
    // Before: each value was quoted back whole in the notice, markup, a right-to-left override
    // (which reverses the institution's own sentence around it) or a 20 kB essay alike.
    const payload = '<img src=x onerror=window.__xss=1>'
    const reversed = 'centre-block\u202E.eb dluohs uoy'
    const essay = 'Visit our site for the real story. '.repeat(200)
    await page.goto(
      `/?tour=parliament-hill&stop=${encodeURIComponent(reversed)}&hotspot=${encodeURIComponent(essay)}` +
        `&lang=${encodeURIComponent('"><svg onload=window.__xss=1>')}`,
    )
    const notices = page.getByTestId('notices')
    await expect(notices).toContainText("This link names a stop that isn't in this tour")
    await expect(notices).toContainText("This link asks for a language that isn't available.")
    const text = (await notices.textContent()) ?? ''
    for (const echoed of ['\u202E', 'svg', 'real story', 'eb dluohs']) expect(text).not.toContain(echoed)
    expect(text.length).toBeLessThan(1000)

    await page.goto(`/?tour=${encodeURIComponent(payload)}&lang=fr`)
    await expect(notices).toContainText(
      'Ce lien désigne une visite qui n’existe pas ici. Voici toutes les visites.',
    )
    expect(await notices.textContent()).not.toContain('img')

    // An id-like value is quoted, shortened to 32 characters.
    const longId = `${'atlantis-'.repeat(40)}x`
    await page.goto(`/?tour=${longId}&lang=en`)
    await expect(notices).toContainText(`We couldn't find the tour “${longId.slice(0, 31)}…”`)
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0)

    // The printed handout names no hostile tour either.
    await page.goto(`/?view=handout&tour=${encodeURIComponent(reversed)}&lang=en`)
    await expect(page.getByRole('alert')).toHaveText("This link names a tour that isn't here. Choose one:")
  })
})

test('fuzzed tour files: each is a card with its problems, the app and the other tours keep working', async ({
  page,
}) => {
  const valid = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Json
  // A fixed seed: the same twelve hostile documents on every run (the unit tests explore more).
  const docs = fc.sample(hostileTour(valid), { seed: 20240611, numRuns: 12 })
  const tours = Object.fromEntries(docs.map((doc, i) => [`fuzz-${i}`, JSON.stringify(doc)]))
  tours['fuzz-not-json'] = '{"version": "portage.tour/1", "stops": [ '
  tours['fuzz-huge-string'] = JSON.stringify({ ...(valid as object), title: { en: 'x'.repeat(1_000_000) } })
  await withTours(page, tours)
  await page.goto('/?lang=en')
  for (const id of Object.keys(tours)) await expect(page.locator(`[data-tour="${id}"]`)).toBeVisible()
  const broken = page.locator('.tour-card-broken')
  expect(await broken.count()).toBeGreaterThanOrEqual(Object.keys(tours).length - 2)
  // Problems are listed with their paths.
  await broken.first().getByText('Show the problems').click()
  await expect(broken.first().locator('.issues code').first()).toHaveText(/\S/)
  expect(await page.evaluate(() => (({}) as Record<string, unknown>)['polluted'])).toBeUndefined()
  await page.locator('[data-tour="parliament-hill"]').getByRole('button', { name: 'Start the tour' }).click()
  await waitForStopFrame(page, 'parliament-hill')
})

test.describe('models over a limit are refused before they reach the scene', () => {
  test('a download larger than the limit, by its declared size (fr)', async ({ page }) => {
    // The body is small; the declared length is what is refused, before a byte is read.
    await withModel(page, 'huge.glb', Buffer.alloc(1024), {
      'content-length': String(MODEL_LIMITS.maxBytes + 1),
    })
    await withTours(page, { 'fixture-huge': twoStopTour('fixture-huge', 'huge.glb') })
    await page.goto('/?lang=fr&tour=fixture-huge')
    const error = page.getByTestId('model-error')
    await expect(error).toHaveAttribute('data-reason', 'too-large')
    await expect(error).toContainText(
      'trop volumineux pour être téléchargé ici (64 Mo; la limite est de 64 Mo)',
    )
    await expect(error.getByRole('button')).toHaveCount(0)
    await screenshot(page, 'model-too-large')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await waitForStopFrame(page, 'working-stop')
  })

  test('a small file that asks for millions of triangles (instancing)', async ({ page }) => {
    await withModel(page, 'instanced.glb', await instancedModel(200_000))
    await withTours(page, { 'fixture-tris': twoStopTour('fixture-tris', 'instanced.glb') })
    await page.goto('/?lang=en&tour=fixture-tris')
    const error = page.getByTestId('model-error')
    await expect(error).toHaveAttribute('data-reason', 'too-complex')
    await expect(error).toContainText(
      'too detailed to show safely on this device (2,400,000 triangles; the limit is 2,000,000)',
    )
    await screenshot(page, 'model-too-complex')
    await page.getByRole('button', { name: 'Next stop' }).click()
    await waitForStopFrame(page, 'working-stop')
  })

  test('a texture wider than the limit (fr)', async ({ page }) => {
    await withModel(page, 'wide.glb', await texturedModel(MODEL_LIMITS.maxTextureSize + 4, 4))
    await withTours(page, { 'fixture-tex': twoStopTour('fixture-tex', 'wide.glb') })
    await page.goto('/?lang=fr&tour=fixture-tex')
    const error = page.getByTestId('model-error')
    await expect(error).toHaveAttribute('data-reason', 'texture-too-large')
    await expect(error).toContainText('une image trop grande pour cet appareil (4 100 × 4 pixels')
    await screenshot(page, 'model-texture')
    await page.getByRole('button', { name: 'Étape suivante' }).click()
    await waitForStopFrame(page, 'working-stop')
  })

  test('a model that points at a file on another origin is refused without a request', async ({ page }) => {
    // Without the check, GLTFLoader would fetch the buffer: the CSP would block it and report a
    // violation, and the security watch would fail this test.
    const remote = glbContainer({
      asset: { version: '2.0' },
      buffers: [{ uri: 'https://evil.example/payload.bin', byteLength: 36 }],
      bufferViews: [{ buffer: 0, byteLength: 36 }],
      accessors: [
        { bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 1] },
      ],
      meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
      nodes: [{ mesh: 0 }],
      scenes: [{ nodes: [0] }],
    })
    await withModel(page, 'remote.glb', remote)
    await withTours(page, { 'fixture-remote': twoStopTour('fixture-remote', 'remote.glb') })
    await page.goto('/?lang=en&tour=fixture-remote')
    await expect(page.getByTestId('model-error')).toHaveAttribute('data-reason', 'corrupt')
  })
})
