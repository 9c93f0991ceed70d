/**
 * The language of the content, held in place (issue 19): French typography as written in Canada, and
 * the forms that were corrected (old Haida spellings, calques, dated names) kept from coming back.
 *
 * French typography follows the federal convention (the Translation Bureau's): a no-break space
 * before ":" and inside « », no space before ";", "?" and "!", and a no-break space in numbers
 * ("400 000"), before "%" and after "no"/"nos". The tours use U+00A0 for all of these, and so does
 * the interface: one convention everywhere.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')
const NBSP = '\u00a0'

/** Every French string of a tour: localized fields and French narration scripts, with their path. */
export function frenchStrings(doc: unknown): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  const walk = (v: unknown, path: string, french: boolean) => {
    if (typeof v === 'string') {
      if (french) out.push({ path, text: v })
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, french))
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        // A French narration track holds the script and two file paths; only the script is text.
        if (french && (k === 'audio' || k === 'captions')) continue
        walk(x, path ? `${path}.${k}` : k, french || k === 'fr')
      }
  }
  walk(doc, '', false)
  return out
}

/** The typography problems of one French string, as short messages (empty when it is right). */
export function frenchTypographyProblems(text: string): string[] {
  const problems: string[] = []
  const around = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 12), i + 12))
  for (const m of text.matchAll(/:(?=\s|$)/g))
    if (m.index > 0 && text[m.index - 1] !== NBSP)
      problems.push(`no no-break space before ":" at ${around(m.index)}`)
  for (const m of text.matchAll(/«(?!\u00a0)/g))
    problems.push(`no no-break space after "«" at ${around(m.index)}`)
  for (const m of text.matchAll(/(?<!\u00a0)»/g))
    problems.push(`no no-break space before "»" at ${around(m.index)}`)
  for (const m of text.matchAll(/\s[;?!]/g))
    problems.push(`a space before "${m[0].trim()}" at ${around(m.index)}`)
  for (const m of text.matchAll(/\d[^\S\u00a0]\d{3}(?!\d)/g))
    problems.push(`an ordinary space in a number at ${around(m.index)}`)
  for (const m of text.matchAll(/\d(?!\u00a0%)[^\S]?%/g))
    problems.push(`no no-break space before "%" at ${around(m.index)}`)
  for (const m of text.matchAll(/\bnos?[^\S\u00a0]\d/g))
    problems.push(`an ordinary space after "no" at ${around(m.index)}`)
  if (text.includes('\u202f'))
    problems.push('a narrow no-break space (U+202F): the convention here is U+00A0')
  return problems
}

/**
 * Forms corrected in issue 19 that must not come back, in any language: names as the Haida Nation
 * and Parks Canada write them (SG̱ang Gwaay, Hlk’yah G̱awG̱a, with G + U+0331), the Anishinabe
 * Algonquin Nation as it writes its own name, Parks Canada's French title of the Legacy Pole,
 * calques, and claims the sources did not support.
 */
export const REMOVED_FORMS: readonly [RegExp, string][] = [
  [
    /SGang|GawGa|Sgang Gwaay/,
    'Haida names are spelled SG̱ang Gwaay and Hlk’yah G̱awG̱a (G with a macron below)',
  ],
  [/Algonquin Anishinaabe|algonquin anishinaabe/, 'the Nation’s own name is the Anishinabe Algonquin Nation'],
  [/mât du Legs/, 'Parks Canada calls it the « mât héraldique commémoratif »'],
  [/a renversé cette décision/, 'a court « infirme » a decision'],
  [/a projeté une mer/, 'a calque of "drove seas ashore"'],
  [/atelier d[’']estampe/, 'a printmaking studio is an « atelier de gravure »'],
  [/Numérisez|numérisent/, 'one « balaie » a QR code'],
  [/joystick/i, 'the French word is « manette »'],
  [/LGBTQ2\+/, 'current federal usage is 2SLGBTQI+'],
  [
    /Bilinguisme officiel|Official bilingualism/,
    'the value covers every official language: « Langues officielles »',
  ],
  [
    /Loi sur le parc des montagnes Rocheuses/,
    'the 1887 Act’s French title is « Acte concernant le Parc canadien des Montagnes Rocheuses »',
  ],
  [/Les inuksuit d[’']Inuksugalait et le Nunavut/, 'the French title names the same site as the English one'],
  [
    /rises 100 metres above it\b|Above the museum, the glass Tower/,
    'the Tower of Hope rises 100 metres above the ground',
  ],
  [/The Pier 21 Society estimates/, 'the estimate was the Society’s, before the national museum replaced it'],
  [/Over the landing hung a sign in English and French/, 'no source shows a bilingual sign'],
  [/temporary measure, the Coast Guard|solution temporaire, la Garde côtière/, 'not supported by a source'],
  [/also honours Lester B\. Pearson|rend aussi hommage à Lester B\. Pearson/, 'the monument quotes Pearson'],
]

const tourFiles = readdirSync(join(ROOT, 'scenes'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `scenes/${d.name}/tour.json`)
const captionFiles = readdirSync(join(ROOT, 'assets', 'captions'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.vtt'))
  .map((f) => `assets/captions/${f}`)
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
/** Every interface locale file: the page's (core/i18n) and each mode's own (core/kiosk, …). */
const localeFiles = (lang: string) =>
  readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.split(/[\\/]/).slice(-2).join('/') === `locales/${lang}.json`)
    .map((f) => `src/${f.split('\\').join('/')}`)
    .sort()

describe('French typography', () => {
  it('finds each problem it is meant to find, and accepts correct text', () => {
    expect(
      frenchTypographyProblems(
        `Le 1er avril 1999${NBSP}: «${NBSP}Nunavut${NBSP}», 70${NBSP}% et 400${NBSP}000.`,
      ),
    ).toEqual([])
    expect(frenchTypographyProblems('Voici : oui')).toHaveLength(1)
    expect(frenchTypographyProblems('« personne »')).toHaveLength(2)
    expect(frenchTypographyProblems('Pourquoi ? Parce que ; voilà !')).toHaveLength(3)
    expect(frenchTypographyProblems('plus de 400 000 objets')).toHaveLength(1)
    expect(frenchTypographyProblems('environ 70 %')).toHaveLength(1)
    expect(frenchTypographyProblems('environ 70%')).toHaveLength(1)
    expect(frenchTypographyProblems('Traité no 1')).toHaveLength(1)
    expect(frenchTypographyProblems(`Étape${'\u202f'}:`)).toHaveLength(2)
    expect(frenchTypographyProblems('https://example.org et 11:00')).toEqual([])
  })

  it.each(tourFiles)('holds in every French string of %s', (file) => {
    const problems = frenchStrings(JSON.parse(read(file))).flatMap(({ path, text }) =>
      frenchTypographyProblems(text).map((p) => `${path}: ${p}`),
    )
    expect(problems).toEqual([])
  })

  it('holds in the French interface strings', () => {
    expect(localeFiles('fr')).toContain('src/core/kiosk/locales/fr.json')
    expect(localeFiles('fr')).toContain('src/core/live/locales/fr.json')
    const problems = localeFiles('fr').flatMap((file) =>
      Object.entries(JSON.parse(read(file)) as Record<string, string>).flatMap(([key, text]) =>
        frenchTypographyProblems(text).map((p) => `${file} ${key}: ${p}`),
      ),
    )
    expect(problems).toEqual([])
  })

  it('finds the French strings of a tour and only those', () => {
    const doc = {
      title: { en: 'A : b', fr: 'Un' },
      stops: [
        { narration: { fr: { script: 'Deux', audio: 'a.mp3', captions: 'a.vtt' }, en: { script: 'x' } } },
      ],
    }
    expect(frenchStrings(doc).map((s) => s.text)).toEqual(['Un', 'Deux'])
  })
})

describe('forms removed in issue 19', () => {
  const files = [...tourFiles, ...captionFiles, ...localeFiles('en'), ...localeFiles('fr')]
  it('are caught by the check', () => {
    const hits = (text: string) => REMOVED_FORMS.filter(([re]) => re.test(text)).length
    expect(hits('SGang Gwaay and Hlk’yah GawGa on Algonquin Anishinaabe land')).toBe(2)
    expect(hits('SG\u0331ang Gwaay, Hlk’yah G\u0331awG\u0331a, Anishinabe Algonquin Nation')).toBe(0)
  })
  it.each(files)('do not appear in %s', (file) => {
    const text = read(file)
    const found = REMOVED_FORMS.filter(([re]) => re.test(text)).map(([re, why]) => `${re.source}: ${why}`)
    expect(found).toEqual([])
  })
})
