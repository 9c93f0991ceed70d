/**
 * The lesson handout: every stop's stories with transcripts and sources, the values covered and
 * the discussion questions, in the chosen language; no 3D code; and a PDF that holds all of it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Tour } from '../../src/core/content/schema'
import { expect, test } from './fixtures'

const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
const national = JSON.parse(readFileSync('scenes/canada-rights-values/tour.json', 'utf8')) as Tour
const stop = tour.stops[0]!
/** One space between words, whatever the line breaks. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * The text of a PDF, read back with pdfjs-dist (a JavaScript library, so a fresh machine needs no
 * system tool): the runs of each page in order, a space where a run starts apart from the one
 * before it (a PDF positions words; it does not always hold the space between them), a line
 * break at each end of line.
 */
async function pdfText(file: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise
  let text = ''
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    let end: number | null = null
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue
      const x = item.transform[4] as number
      if (end !== null && x - end > 0.5) text += ' '
      text += item.str
      end = x + item.width
      if (item.hasEOL) {
        text += '\n'
        end = null
      }
    }
    text += '\n'
  }
  await pdf.destroy()
  return text
}

for (const lang of ['fr', 'en'] as const) {
  test(`the ${lang} handout has every story, transcript, value, question and source — without 3D`, async ({
    page,
  }) => {
    await page.goto(`/?view=handout&tour=${tour.id}&lang=${lang}`)
    const handout = page.getByTestId('handout')
    await expect(handout.getByRole('heading', { level: 1 })).toHaveText(tour.title[lang]!)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    for (const h of stop.hotspots) {
      const story = handout.locator(`[data-story="${h.id}"]`)
      await expect(story.getByRole('heading', { level: 3 })).toHaveText(h.title[lang]!)
      await expect(story.locator('blockquote')).toHaveText(h.narration[lang]!.script)
      for (const s of h.sources)
        await expect(story.getByRole('link', { name: s.title })).toHaveAttribute('href', s.url)
    }
    const values = new Set(stop.hotspots.map((h) => h.value))
    await expect(handout.locator('[data-value]')).toHaveCount(values.size)
    const questions = handout.locator(`[data-stop="${stop.id}"] .handout-discussion li`)
    await expect(questions).toHaveText(stop.discussion!.map((q) => q[lang]!))
    // A document, not the 3D tour: three.js never loaded.
    expect(await page.evaluate(() => '__THREE__' in window)).toBe(false)
    await expect(page.locator('canvas')).toHaveCount(0)
  })
}

test('the national tour’s handout asks two questions at each of its eight stops, in both languages', async ({
  page,
}) => {
  expect(national.stops).toHaveLength(8)
  for (const lang of ['en', 'fr'] as const) {
    await page.goto(`/?view=handout&tour=${national.id}&lang=${lang}`)
    const handout = page.getByTestId('handout')
    await expect(handout.getByRole('heading', { level: 1 })).toHaveText(national.title[lang]!)
    for (const s of national.stops) {
      expect(s.discussion, `${s.id} has discussion questions`).toHaveLength(2)
      await expect(handout.locator(`[data-stop="${s.id}"] .handout-discussion li`)).toHaveText(
        s.discussion!.map((q) => q[lang]!),
      )
    }
    // No stop falls back to the "no questions yet" note.
    await expect(handout.locator('.handout-note')).toHaveCount(0)
  }
})

test('it prints to PDF with its transcripts, questions and sources', async ({ page }, testInfo) => {
  await page.goto(`/?view=handout&tour=${tour.id}&lang=fr`)
  await expect(page.getByTestId('handout')).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' })).toBeHidden()
  const file = testInfo.outputPath('handout-fr.pdf')
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: false }))
  const text = flat(await pdfText(file))
  expect(text).toContain(flat(tour.title.fr!))
  expect(text).toMatch(/transcription/i)
  for (const h of stop.hotspots) {
    // A whole sentence of each transcript, as printed.
    const sentence = h.narration['fr']!.script.split(/(?<=\.) /)[0]!
    expect(text).toContain(flat(sentence))
    for (const s of h.sources) expect(text.replace(/ /g, '')).toContain(s.url)
  }
  for (const q of stop.discussion!) expect(text).toContain(flat(q.fr!))
  expect(text).toContain('Valeurs abordées')
  // Screen-only parts stay off paper.
  expect(text).not.toContain('Imprimer ou enregistrer en PDF')
})

test('an unknown tour offers the tours that have a handout', async ({ page }) => {
  await page.goto('/?view=handout&tour=atlantis&lang=en')
  await expect(page.getByRole('alert')).toHaveText('There is no tour “atlantis”. Choose one:')
  await page.getByRole('link', { name: tour.title.en }).click()
  await expect(page.getByTestId('handout').getByRole('heading', { level: 1 })).toHaveText(tour.title.en!)
})
