/**
 * The share dialog: a link to the place being visited, an iframe code that works when pasted into
 * a page on another origin, and a QR code drawn locally — in English and French.
 */
import { expect, test } from './fixtures'
import { HOST_ORIGIN, startHost } from './second-origin'

const PLACE = 'tour=parliament-hill&stop=parliament-hill&hotspot=persons-case'

test('the dialog gives a link, embed code and QR code for the story being visited', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! })
  await page.goto(`/?${PLACE}&lang=en`)
  await page.getByRole('banner').getByRole('button', { name: 'Share' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share this place' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('radio', { name: 'This story: The Persons Case' })).toBeChecked()

  const link = dialog.getByTestId('share-link')
  await expect(link).toHaveValue(`${baseURL}/tours/parliament-hill/en/parliament-hill/persons-case/`)
  await dialog.getByRole('button', { name: 'Copy link' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Link copied.')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue())

  const code = dialog.getByTestId('share-embed')
  const snippet = await code.inputValue()
  expect(snippet).toContain(`src="${baseURL}/?mode=embed&amp;${PLACE.replaceAll('&', '&amp;')}&amp;lang=en"`)
  expect(snippet).toContain('allow="xr-spatial-tracking; fullscreen; autoplay; clipboard-write"')
  expect(snippet).toContain('title="Portage virtual tour: Parliament Hill and the Peace Tower"')
  expect(snippet).toContain('width="800" height="450"')
  await dialog.getByLabel('Size').selectOption('small')
  await expect(code).toHaveValue(/width="480" height="270"/)
  await dialog.getByLabel('Play the narration when a story opens').check()
  await expect(code).toHaveValue(/&amp;autoplay=1"/)
  await dialog.getByRole('button', { name: 'Copy embed code' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Embed code copied.')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue())

  // The QR code opens the same place directly; it is drawn here, from the link.
  const qr = dialog.getByRole('img', { name: /^QR code of the link / })
  await expect(qr).toHaveAttribute('data-qr-text', `${baseURL}/?${PLACE}&lang=en`)
  const storyPath = await qr.locator('path').getAttribute('d')
  expect(storyPath!.length).toBeGreaterThan(200)
  await expect(dialog.getByRole('link', { name: 'Open the handout' })).toHaveAttribute(
    'href',
    '/?view=handout&tour=parliament-hill&lang=en',
  )
  await dialog.screenshot({ path: testInfo.outputPath('share-en.png') })

  // Sharing the stop instead: the link, the code and the QR code all follow.
  await dialog.getByRole('radio', { name: /^This stop/ }).check()
  await expect(link).toHaveValue(`${baseURL}/tours/parliament-hill/en/parliament-hill/`)
  await expect(code).not.toHaveValue(/hotspot=/)
  await expect(qr).toHaveAttribute(
    'data-qr-text',
    `${baseURL}/?tour=parliament-hill&stop=parliament-hill&lang=en`,
  )
  expect(await qr.locator('path').getAttribute('d')).not.toBe(storyPath)

  // The link, followed, lands on the stop (through its link-preview page).
  const stopLink = await link.inputValue()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
  await page.goto(stopLink)
  await expect(page).toHaveURL(/\/\?tour=parliament-hill&stop=parliament-hill&lang=en$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Parliament Hill and the Peace Tower' }),
  ).toBeVisible()
  await expect(page.getByTestId('hotspot-panel')).toHaveCount(0)
})

test('in French, and the QR image can be downloaded', async ({ page }, testInfo) => {
  await page.goto(`/?${PLACE}&lang=fr`)
  await page.getByRole('banner').getByRole('button', { name: 'Partager' }).click()
  const dialog = page.getByRole('dialog', { name: 'Partager ce lieu' })
  await expect(dialog.getByRole('radio', { name: 'Ce récit : L’affaire « personne »' })).toBeChecked()
  await expect(dialog.getByTestId('share-embed')).toHaveValue(
    /title="Visite virtuelle Portage[\u00a0 ]: La colline du Parlement/,
  )
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Télécharger le code QR (PNG)' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('portage-parliament-hill-parliament-hill-persons-case-fr.png')
  await dialog.screenshot({ path: testInfo.outputPath('share-fr.png') })
})

test.describe('pasted into a page on another origin', () => {
  test.use({ allowedOrigins: [HOST_ORIGIN] })
  let host: Awaited<ReturnType<typeof startHost>>
  test.beforeAll(async () => {
    host = await startHost()
  })
  test.afterAll(async () => {
    await host.close()
  })

  test('the embed code shows the same place', async ({ page, baseURL }) => {
    await page.goto(`/?${PLACE}&lang=fr`)
    await page.getByRole('banner').getByRole('button', { name: 'Partager' }).click()
    const snippet = await page.getByTestId('share-embed').inputValue()
    await page.goto(`${HOST_ORIGIN}/embed-example.css`)
    await page.setContent(`<!doctype html><html><body><h1>Cours</h1>${snippet}</body></html>`)
    const frame = page.frameLocator('iframe')
    await expect(frame.getByTestId('hotspot-panel').getByRole('heading', { level: 2 })).toHaveText(
      'L’affaire « personne »',
    )
    await expect(frame.locator('.embed')).toHaveAttribute('data-xr-allowed', 'true')
    expect(new URL((await page.locator('iframe').getAttribute('src'))!).origin).toBe(new URL(baseURL!).origin)
  })
})
