/**
 * A guide and three followers on their own devices (issue 16): one in French on a desktop, one in
 * the emulated headset, one on the 2D tour. They stay in step through stops, stories, narration,
 * "look here", "pause all" and the end of the session, each in their own language.
 */
import { expect, test } from './fixtures'
import { audio, device, enterHeadset, expectInStep, joinAs, startGuide, where } from './live-helpers'
import { xr } from './vr-helpers'

test.describe.configure({ timeout: 480_000 })

test('a guide leads three followers: French desktop, headset and 2D tour', async ({
  page: guide,
  browser,
  baseURL,
}) => {
  const code = await startGuide(guide)
  // The join code, link and QR code, large enough for a room.
  await guide.getByRole('button', { name: 'Show the join code' }).click()
  const card = guide.getByTestId('live-code')
  await expect(card).toBeVisible()
  await expect(card.getByTestId('live-code-text')).toHaveText(`${code.slice(0, 4)}-${code.slice(4)}`)
  // Readable from the back of a room (the live mode's style sheet arrived with its code).
  const codeSize = await card
    .getByTestId('live-code-text')
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
  expect(codeSize).toBeGreaterThanOrEqual(40)
  await expect(card.getByTestId('live-link')).toHaveText(`${baseURL}/?join=${code}`)
  await expect(card.getByRole('img', { name: 'QR code of the join link' })).toHaveAttribute(
    'data-qr-text',
    `${baseURL}/?join=${code}`,
  )
  await card.getByRole('button', { name: 'Close' }).click()

  const fr = await device(browser, baseURL!)
  const vr = await device(browser, baseURL!)
  const flat = await device(browser, baseURL!, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  // The headset follower first: its emulated frames are slow on CPU rendering while other pages draw.
  await joinAs(vr.page, code, 'lang=en&emulate=quest3')
  await vr.page.bringToFront()
  await enterHeadset(vr.page)
  await joinAs(fr.page, code, 'lang=fr', 'Ana')
  await joinAs(flat.page, code, 'lang=en&view=2d')
  const followers = [fr.page, vr.page, flat.page]
  await expectInStep(guide, followers)

  // The guide sees the group: three, one in a headset and one on the 2D tour, and the names given.
  await expect(guide.getByTestId('live-followers')).toContainText('3 following', { timeout: 15_000 })
  await expect(guide.getByTestId('live-followers')).toContainText('1 in a headset · 1 on the 2D tour', {
    timeout: 15_000,
  })
  await expect.poll(async () => (await where(guide))?.live?.followers).toBe(3)
  await guide.getByText('Names given (1)').click()
  await expect(guide.getByText('Ana', { exact: true })).toBeVisible()

  // Stops.
  await guide.getByRole('button', { name: 'Next stop' }).click()
  await expectInStep(guide, followers)
  expect((await where(fr.page))!.stop).toBe('old-quebec')

  // A story, with its narration in each follower's own language.
  await guide
    .getByRole('button', { name: /Two histories, one city/ })
    .first()
    .click()
  await expectInStep(guide, followers)
  await expect.poll(async () => (await audio(fr.page))?.src ?? '', { timeout: 20_000 }).toMatch(/\.fr\.mp3$/)
  await expect
    .poll(async () => (await audio(flat.page))?.src ?? '', { timeout: 20_000 })
    .toMatch(/\.en\.mp3$/)
  await expect.poll(async () => (await audio(fr.page))?.playing, { timeout: 20_000 }).toBe(true)
  await expect(fr.page.locator('.captions')).toContainText(/[a-zà-ÿ]/, { timeout: 20_000 })
  await expect.poll(async () => (await xr(vr.page)).captionLang, { timeout: 45_000 }).toBe('en')
  await expect(guide.getByTestId('live-looking')).toContainText(/of 3 are looking at the story/)

  // Narration: pause and resume (the guide's page in front, so its own audio plays too).
  await guide.bringToFront()
  const play = guide.getByRole('button', { name: /Play narration|Resume narration/ })
  if (await play.isVisible()) await play.click()
  await expect.poll(async () => (await audio(guide))?.playing, { timeout: 20_000 }).toBe(true)
  await guide.getByRole('button', { name: 'Pause narration' }).click()
  await expect.poll(async () => (await audio(fr.page))?.playing, { timeout: 10_000 }).toBe(false)
  await expect.poll(async () => (await audio(flat.page))?.playing, { timeout: 10_000 }).toBe(false)
  await guide.getByRole('button', { name: /Resume narration|Play narration/ }).click()
  await expect.poll(async () => (await audio(fr.page))?.playing, { timeout: 10_000 }).toBe(true)

  // "Look here": the guide clicks a point of the site; a follower looking elsewhere gets an arrow.
  await guide.getByRole('button', { name: 'Look here' }).click()
  const stage = guide.locator('canvas').first()
  const box = (await stage.boundingBox())!
  await guide.mouse.click(box.x + box.width / 2, box.y + box.height * 0.6)
  await expect(guide.getByRole('button', { name: 'Clear the mark' })).toBeVisible()
  // The French follower looks away (free look between the guide's moves): the arrow shows the way.
  // Orbiting turns round the point looked at, which the guide's mark is near: it would stay in view.
  // So the follower pans (right-button drag) by most of the view's width: the mark leaves it.
  const frCanvas = (await fr.page.locator('canvas').first().boundingBox())!
  // A page in the background draws no frames (nor moves its arrow): bring the follower's to the front.
  await fr.page.bringToFront()
  const y = frCanvas.y + frCanvas.height / 2
  await fr.page.mouse.move(frCanvas.x + frCanvas.width * 0.1, y)
  await fr.page.mouse.down({ button: 'right' })
  await fr.page.mouse.move(frCanvas.x + frCanvas.width * 0.9, y, { steps: 12 })
  await fr.page.mouse.up({ button: 'right' })
  await expect(fr.page.getByTestId('live-arrow')).toBeVisible({ timeout: 15_000 })
  await expect(fr.page.getByTestId('live-arrow')).toHaveAccessibleName('Regardez ici')
  // "Bring everyone to my view" brings the French follower back: the point is in view, no arrow.
  await guide.getByRole('button', { name: 'Bring everyone to my view' }).click()
  await fr.page.bringToFront()
  await expect(fr.page.getByTestId('live-arrow')).toBeHidden({ timeout: 15_000 })

  // Pause all: every follower is asked to look up; in the headset, as a notice in the world.
  await guide.getByRole('button', { name: 'Pause all' }).click()
  await expect(fr.page.getByTestId('live-paused')).toContainText('En pause à la demande de votre guide')
  await expect(flat.page.getByTestId('live-paused')).toContainText('Paused by your guide')
  // A headset's page is the one in front while its session runs (a page in the background draws no
  // immersive frames): the tests put it there before reading what the headset shows.
  await vr.page.bringToFront()
  await expect
    .poll(async () => (await xr(vr.page)).notice, { timeout: 45_000 })
    .toContain('Paused by your guide')
  await expect.poll(async () => (await audio(fr.page))?.playing).toBe(false)
  await guide.getByRole('button', { name: 'Resume all' }).click()
  await expect(fr.page.getByTestId('live-paused')).toBeHidden()
  await vr.page.bringToFront()
  await expect.poll(async () => (await xr(vr.page)).notice, { timeout: 45_000 }).toBe('')

  // The guide moves again; the headset follower arrives too (through the comfort fade).
  await guide.getByRole('button', { name: 'Next stop' }).click()
  await expectInStep(guide, followers)

  // The end of the session, for everyone.
  guide.once('dialog', (d) => void d.accept())
  await guide.getByRole('button', { name: 'End the session' }).click()
  await expect(guide.getByTestId('live-ended')).toContainText('The session has ended')
  await expect(fr.page.getByTestId('live-ended')).toContainText('La visite de groupe est terminée')
  await expect(flat.page.getByTestId('live-ended')).toContainText('The group tour has ended')
  await vr.page.bringToFront()
  await expect
    .poll(async () => (await xr(vr.page)).notice, { timeout: 45_000 })
    .toContain('The group tour has ended')
  for (const f of followers) await expect.poll(async () => (await where(f))?.live?.connected).toBe(false)

  for (const d of [fr, vr, flat]) {
    expect(d.errors, 'uncaught errors in a follower').toEqual([])
    await d.context.close()
  }
})

test('a follower leaves the group and tours alone from where they are', async ({
  page: guide,
  browser,
  baseURL,
}) => {
  const code = await startGuide(guide)
  const f = await device(browser, baseURL!)
  await joinAs(f.page, code)
  await guide.getByRole('button', { name: 'Next stop' }).click()
  await expectInStep(guide, [f.page])
  await f.page.getByRole('button', { name: 'Leave the group' }).click()
  await expect(f.page.getByText('You left the group.')).toBeVisible()
  expect(new URL(f.page.url()).searchParams.get('join')).toBeNull()
  await expect(guide.getByTestId('live-followers')).toContainText('Nobody has joined yet', {
    timeout: 15_000,
  })
  await guide.getByRole('button', { name: 'Next stop' }).click()
  await guide.waitForTimeout(1500)
  expect((await where(f.page))!.stop).toBe('old-quebec')
  await f.context.close()
})
