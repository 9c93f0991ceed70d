/**
 * The tour embedded in a lesson page on another origin (docs/embed-example.html, served from a
 * second port): events arrive at the page; commands work only from an allow-listed parent; other
 * origins, other windows and malformed messages are ignored; the embed fits small frames and
 * offers a new tab where the frame may not enter VR.
 */
import type { FrameLocator, Page } from '@playwright/test'
import { expect, test, withFixtureTours } from './fixtures'
import { HOST_ORIGIN, startHost } from './second-origin'

test.use({ allowedOrigins: [HOST_ORIGIN] })

let host: Awaited<ReturnType<typeof startHost>>
test.beforeAll(async () => {
  host = await startHost()
})
test.afterAll(async () => {
  await host.close()
})

type Event = {
  event: string
  id?: unknown
  ok?: boolean
  error?: string
  state: Record<string, unknown>
} & Record<string, unknown>

/** Serve a deployer's allow-list in place of scenes/embed.json. */
async function allowOrigins(page: Page, allowedOrigins: string[]) {
  await page.route('**/scenes/embed.json', (route) =>
    route.fulfill({ json: { version: 'portage.embed/1', allowedOrigins } }),
  )
}

/** Open the example lesson page with the tour in its iframe and wait for the tour's `ready`. */
async function openLesson(page: Page, baseURL: string, query = '') {
  // The app's server must let the lesson page frame it (playwright.config.ts sets this; a server
  // started by hand needs PORTAGE_EMBED_ORIGINS too).
  const csp = (await page.request.get(`${baseURL}/`)).headers()['content-security-policy'] ?? ''
  expect(csp, `the tour server must allow ${HOST_ORIGIN} in frame-ancestors`).toContain(HOST_ORIGIN)
  await page.goto(`${HOST_ORIGIN}/embed-example.html?portage=${encodeURIComponent(baseURL)}${query}`)
  await expect.poll(() => names(page), { timeout: 60_000 }).toContain('ready')
  return page.frameLocator('iframe')
}

const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { portageEvents: Event[] }).portageEvents)
const names = async (page: Page) => (await events(page)).map((e) => e.event)
const replies = async (page: Page) => (await events(page)).filter((e) => e.event === 'reply')
const send = (page: Page, command: Record<string, unknown>) =>
  page.evaluate((c) => (window as unknown as { portageSend: (c: unknown) => void }).portageSend(c), command)

/** The story panel shown inside the embed. */
const panelTitle = (frame: FrameLocator) =>
  frame.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })

test('events reach the lesson page; with the default allow-list its commands are ignored', async ({
  page,
  baseURL,
}) => {
  const frame = await openLesson(page, baseURL!)
  const ready = (await events(page)).find((e) => e.event === 'ready')!
  expect(ready).toMatchObject({
    protocol: 'portage/1',
    acceptsCommands: false,
    state: { tour: 'parliament-hill', stop: 'parliament-hill', hotspot: null, language: 'en' },
  })

  // A command from the page: not on the (empty) list, so nothing happens and nothing answers.
  await page.getByRole('button', { name: 'Go there' }).click()
  // What the student does inside the frame is reported.
  await frame.getByTestId('embed-stories').click()
  await frame.locator('[data-hotspot="charter-proclamation"]').click()
  await expect(panelTitle(frame)).toHaveText('The Charter of Rights and Freedoms')
  await expect.poll(() => names(page)).toEqual(['ready', 'hotspotopen', 'progress'])
  expect((await events(page))[1]).toMatchObject({ hotspot: 'charter-proclamation', value: 'human-rights' })
  expect(await replies(page)).toEqual([])
  await expect(page.getByRole('status')).toContainText('story charter-proclamation')
})

test('commands from an allowed origin drive the tour, and every event arrives', async ({ page, baseURL }) => {
  await allowOrigins(page, [HOST_ORIGIN])
  const frame = await openLesson(page, baseURL!)
  expect((await events(page))[0]).toMatchObject({ event: 'ready', acceptsCommands: true })

  // goTo, through the page's own form.
  await page.getByRole('button', { name: 'Go there' }).click()
  await expect(panelTitle(frame)).toHaveText('The Persons Case')
  await expect
    .poll(() => replies(page))
    .toEqual([
      expect.objectContaining({
        command: 'goTo',
        ok: true,
        state: expect.objectContaining({ hotspot: 'persons-case' }),
      }),
    ])
  expect(await names(page)).toEqual(['ready', 'hotspotopen', 'progress', 'reply'])
  // Narration does not start by itself in an embed.
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'idle')

  await page.getByRole('button', { name: 'Français' }).click()
  await expect(panelTitle(frame)).toHaveText('L’affaire « personne »')
  await expect.poll(() => names(page)).toContain('languagechange')

  await page.getByRole('button', { name: 'Play narration' }).click()
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await page.getByRole('button', { name: 'Pause narration' }).click()
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'paused')
  await page.getByRole('button', { name: 'Play narration' }).click()
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  // Let the story play to its end, fast (the test server does not serve byte ranges, so seeking
  // far ahead is not reliable): the page hears narrationend.
  await frame.getByTestId('narration-audio').evaluate((a: HTMLAudioElement) => (a.playbackRate = 16))
  await expect.poll(() => names(page), { timeout: 45_000 }).toContain('narrationend')
  expect((await events(page)).find((e) => e.event === 'narrationend')).toMatchObject({
    hotspot: 'persons-case',
  })

  await page.getByRole('button', { name: 'Get state' }).click()
  await expect
    .poll(async () => (await replies(page)).at(-1))
    .toMatchObject({
      command: 'getState',
      ok: true,
      state: { tour: 'parliament-hill', hotspot: 'persons-case', language: 'fr', narration: 'ended' },
    })

  // A command that names nothing real is refused with a reason, and nothing moves.
  await send(page, { command: 'goTo', hotspot: 'no-such-story', id: 'typo' })
  await expect
    .poll(async () => (await replies(page)).at(-1))
    .toMatchObject({ id: 'typo', ok: false, error: 'unknown-hotspot' })
  await expect(panelTitle(frame)).toHaveText('L’affaire « personne »')

  // Opening every story completes the tour: progress events, then tourcomplete, once.
  const stories = [
    'centre-block-renewal',
    'charter-proclamation',
    'official-languages-act',
    'survivors-flag',
    'peacekeeping-monument',
  ]
  for (const hotspot of stories) await send(page, { command: 'goTo', hotspot })
  await expect.poll(() => names(page)).toContain('tourcomplete')
  const all = await events(page)
  expect(all.filter((e) => e.event === 'tourcomplete')).toHaveLength(1)
  expect(all.filter((e) => e.event === 'progress').at(-1)).toMatchObject({
    progress: { hotspotsVisited: 6, hotspotsTotal: 6, complete: true },
  })
  expect(all.filter((e) => e.event === 'reply').every((e) => e.ok !== undefined)).toBe(true)
})

test('stopchange is sent when the tour moves to another stop', async ({ page, baseURL }) => {
  await withFixtureTours(page, { 'fixture-two-stops': 'tests/fixtures/tours/two-stops.tour.json' })
  await allowOrigins(page, [HOST_ORIGIN])
  const frame = await openLesson(page, baseURL!, '&tour=fixture-two-stops')
  const historyLength = await page.evaluate(() => history.length)
  await send(page, { command: 'goTo', stop: 'working-stop' })
  await expect.poll(() => names(page)).toContain('stopchange')
  expect((await events(page)).find((e) => e.event === 'stopchange')).toMatchObject({
    tour: 'fixture-two-stops',
    stop: 'working-stop',
    stopIndex: 1,
  })
  // And when the student uses the frame's own buttons.
  await frame.getByRole('button', { name: 'Previous stop' }).click()
  await expect
    .poll(async () => (await events(page)).filter((e) => e.event === 'stopchange').map((e) => e.stop))
    .toEqual(['working-stop', 'broken-stop'])
  // Moving inside the frame adds nothing to the lesson page's history.
  expect(await page.evaluate(() => history.length)).toBe(historyLength)
})

test('commands from an origin not on the list, from another window, and malformed ones are ignored', async ({
  page,
  baseURL,
}) => {
  const guardConsole: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith(baseURL!)) guardConsole.push(m.text())
  })
  // Only some other school may command the tour.
  await allowOrigins(page, ['http://127.0.0.1:4294'])
  const frame = await openLesson(page, baseURL!)
  expect((await events(page))[0]).toMatchObject({ acceptsCommands: false })
  await send(page, { command: 'goTo', hotspot: 'persons-case' })
  await send(page, { command: 'setLanguage', language: 'fr' })
  // A real action inside the frame, after them: its event arrives, theirs never did.
  await frame.getByTestId('embed-stories').click()
  await frame.locator('[data-hotspot="survivors-flag"]').click()
  await expect.poll(() => names(page)).toEqual(['ready', 'hotspotopen', 'progress'])
  await expect(panelTitle(frame)).toHaveText('The Survivors’ Flag')
  await expect(frame.locator('html')).toHaveAttribute('lang', 'en')
})

test('on the list, but not the parent window: a sibling frame is ignored; malformed messages too', async ({
  page,
  baseURL,
}) => {
  await allowOrigins(page, [HOST_ORIGIN])
  const frame = await openLesson(page, baseURL!)
  const tourOrigin = new URL(baseURL!).origin
  // A sibling frame of the same (allowed) origin posts a valid command to the tour.
  await page.evaluate(
    (tourOrigin) =>
      new Promise<void>((resolve) => {
        const sibling = document.createElement('iframe')
        const command = { protocol: 'portage/1', command: 'goTo', hotspot: 'persons-case', id: 'sibling' }
        sibling.srcdoc = `<script>parent.frames[0].postMessage(${JSON.stringify(command)}, ${JSON.stringify(tourOrigin)})</script>`
        sibling.onload = () => resolve()
        document.body.append(sibling)
      }),
    tourOrigin,
  )
  // Malformed and unknown messages from the parent itself.
  const malformed: unknown[] = [
    'goTo',
    null,
    42,
    [],
    ['portage/1', 'goTo'],
    { command: 'goTo', hotspot: 'persons-case' },
    { protocol: 'portage/2', command: 'goTo', hotspot: 'persons-case' },
    { protocol: 'portage/1', command: 'goTo', hotspot: 7 },
    { protocol: 'portage/1', command: 'goTo', stop: { toString: 'persons-case' } },
    { protocol: 'portage/1', command: 'selfDestruct' },
    { protocol: 'portage/1', command: 'setLanguage' },
    { protocol: 'portage/1', command: 'getState', id: { nested: true } },
    { protocol: 'portage/1', command: 'goTo', hotspot: 'x'.repeat(10_000) },
  ]
  await page.evaluate(
    ({ malformed, tourOrigin }) => {
      const tour = document.querySelector('iframe')!.contentWindow!
      // Built here: an own "__proto__" key would not survive the trip from the test to the page.
      const proto = JSON.parse(
        '{"protocol":"portage/1","command":"goTo","__proto__":{"hotspot":"persons-case"}}',
      )
      for (const m of [...malformed, proto]) tour.postMessage(m, tourOrigin)
      tour.postMessage({ protocol: 'portage/1', command: 'getState', id: 'after' }, tourOrigin)
    },
    { malformed, tourOrigin },
  )
  // Only the last, valid command was answered, and the tour has not moved.
  await expect.poll(() => replies(page)).toHaveLength(1)
  expect((await replies(page))[0]).toMatchObject({
    id: 'after',
    ok: true,
    state: { hotspot: null, language: 'en' },
  })
  expect(await names(page)).toEqual(['ready', 'reply'])
  await expect(frame.getByTestId('hotspot-panel')).toHaveCount(0)
})

for (const size of [
  { width: 320, height: 240 },
  { width: 800, height: 450 },
]) {
  test(`the embed fits a ${size.width}×${size.height} frame, and offers a new tab where VR is not allowed`, async ({
    page,
    baseURL,
  }, testInfo) => {
    const frame = await openLesson(
      page,
      baseURL!,
      `&width=${size.width}&height=${size.height}&xr=0&hotspot=official-languages-act`,
    )
    const doc = frame.locator('html')
    // Nothing overflows the frame: no scroll bars in someone else's page.
    const box = await doc.evaluate(() => ({
      sw: document.documentElement.scrollWidth,
      sh: document.documentElement.scrollHeight,
      w: innerWidth,
      h: innerHeight,
    }))
    expect(box).toEqual({ sw: size.width, sh: size.height, w: size.width, h: size.height })
    // The story the link named is open in the drawer; the bar's controls are inside the frame.
    await expect(panelTitle(frame)).toHaveText('Two official languages')
    for (const control of [frame.getByTestId('embed-stories'), frame.getByTestId('embed-narration')]) {
      const b = (await control.boundingBox())!
      expect(b.width).toBeGreaterThanOrEqual(44)
      expect(b.height).toBeGreaterThanOrEqual(44)
    }
    const open = frame.getByTestId('embed-open-full')
    await expect(open).toHaveAccessibleName('Open full screen / in VR (opens in a new tab)')
    await expect(open).toHaveAttribute('target', '_blank')
    const href = await open.getAttribute('href')
    expect(href).toBe('/?tour=parliament-hill&stop=parliament-hill&hotspot=official-languages-act&lang=en')
    const iframe = page.locator('iframe')
    await iframe.screenshot({ path: testInfo.outputPath(`embed-${size.width}x${size.height}-story.png`) })
    await frame.getByRole('button', { name: 'Hide the stories' }).click()
    await iframe.screenshot({ path: testInfo.outputPath(`embed-${size.width}x${size.height}-view.png`) })

    // The new tab opens the same place in the full app.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), open.click()])
    await expect(
      tab!.getByRole('heading', { level: 1, name: 'Parliament Hill and the Peace Tower' }),
    ).toBeVisible()
    await expect(tab!.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })).toHaveText(
      'Two official languages',
    )
    await tab!.close()
  })
}

test('where the frame allows VR, the button only opens full screen; controls and options come from the URL', async ({
  page,
  baseURL,
}) => {
  const frame = await openLesson(page, baseURL!, '&controls=stories,open&captions=0&lang=fr')
  await expect(frame.locator('.embed')).toHaveAttribute('data-xr-allowed', 'true')
  await expect(frame.getByTestId('embed-open-full')).toHaveAccessibleName(
    'Ouvrir en plein écran (s’ouvre dans un nouvel onglet)',
  )
  // Only the controls asked for.
  await expect(frame.getByRole('button', { name: 'Partager' })).toHaveCount(0)
  await expect(frame.getByRole('button', { name: 'English' })).toHaveCount(0)
  await expect(frame.locator('.embed-title')).toHaveCount(0)
  // autoplay=1 is needed for narration to start by itself; captions=0 hides them.
  await frame.getByTestId('embed-stories').click()
  await frame.locator('[data-hotspot="persons-case"]').click()
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'idle')
  await frame
    .getByTestId('narration')
    .getByRole('button', { name: 'Écouter la narration', exact: true })
    .click()
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await expect(frame.getByTestId('captions')).toHaveCount(0)
})

test('autoplay=1 starts the narration of a story as it opens', async ({ page, baseURL }) => {
  const frame = await openLesson(page, baseURL!, '&autoplay=1')
  await frame.getByTestId('embed-stories').click()
  await frame.locator('[data-hotspot="persons-case"]').click()
  await expect(frame.getByTestId('narration')).toHaveAttribute('data-status', 'playing')
  await expect(frame.getByTestId('captions').locator('p')).toHaveText(/\S/)
})
