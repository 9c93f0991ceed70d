/**
 * Split a narration script into sentences, one audio clip and one caption timing each.
 *
 * A sentence ends at . ! ? or … (after any closing quotes or brackets) when whitespace and a capital
 * letter, a digit or an opening quote follow. That rule alone already keeps decimals ("3.5 m"),
 * "etc." or "a.m." before a lower-case word, and French « … » dialogue together; the abbreviation
 * lists below catch the titles and short forms that a capital follows without ending anything.
 */

export type Lang = string

/**
 * Abbreviations that never end a sentence, without the final period. Lower-case entries match in any
 * case; an entry with a capital matches exactly ("No. 5", but "they said no. Then"). Single capitals
 * (initials: "John A. Macdonald", "M. Tremblay") are handled by rule. Missing a real sentence end
 * here only makes a longer clip, while a false split breaks the voice's intonation mid-sentence.
 */
export const NON_FINAL_ABBREVIATIONS = {
  en: [
    'st',
    'ste',
    'mt',
    'ft',
    'dr',
    'mr',
    'mrs',
    'ms',
    'prof',
    'rev',
    'hon',
    'gen',
    'col',
    'lt',
    'capt',
    'sgt',
    'sr',
    'jr',
    'No',
    'vs',
    'e.g',
    'i.e',
    'cf',
    'approx',
    'ca',
    'a.m',
    'p.m',
  ],
  fr: [
    'st',
    'ste',
    'mm',
    'mme',
    'mmes',
    'mlle',
    'mgr',
    'dr',
    'pr',
    'me',
    'av',
    'apr',
    'env',
    'p',
    'cf',
    'c.-à-d',
    'n°',
    'No',
    'boul',
    'ch',
    'vol',
    'éd',
  ],
} as const satisfies Record<string, readonly string[]>

const TERMINATORS = '.!?…'
// Closing marks that may sit between the terminator and the space: quotes, brackets, and in
// French the (narrow) no-break space before a closing guillemet (an ordinary space is tolerated
// before the unambiguous closers » and ”, as writers often type one).
const CLOSERS = `"'”’»)]\u00a0\u202f`
const BREAKABLE_SPACE = /[ \t\n\r\f\v\u2028\u2029]/

/** Base language subtag in lower case: "fr-CA" → "fr". */
export function baseLang(lang: Lang): string {
  return lang.toLowerCase().split('-')[0] ?? lang
}

/**
 * Sentences of `script`, trimmed, with runs of ordinary whitespace collapsed to one space (no-break
 * spaces are kept: French typography needs them). A blank line always ends a sentence.
 */
export function splitSentences(script: string, lang: Lang): string[] {
  const list = (NON_FINAL_ABBREVIATIONS as Record<string, readonly string[]>)[baseLang(lang)] ?? []
  const abbreviations: Abbreviations = {
    exact: new Set(list.filter((a) => a !== a.toLowerCase())),
    anyCase: new Set(list.filter((a) => a === a.toLowerCase())),
  }
  const out: string[] = []
  for (const paragraph of script.split(/\n[ \t]*\n/)) {
    const text = paragraph.replace(/[ \t\n\r\f\v]+/g, ' ').trim()
    let start = 0
    for (let i = 0; i < text.length; i++) {
      if (!TERMINATORS.includes(text[i] ?? '')) continue
      let j = i + 1
      while (j < text.length && TERMINATORS.includes(text[j] ?? '')) j++
      for (;;) {
        const c = text[j]
        if (c !== undefined && CLOSERS.includes(c)) j++
        else if (c === ' ' && (text[j + 1] === '»' || text[j + 1] === '”')) j += 2
        else break
      }
      if (j >= text.length || !BREAKABLE_SPACE.test(text[j] ?? '')) continue
      const next = text.slice(j + 1)
      if (!/^[\p{Lu}\p{N}"“«'‘(¿¡]/u.test(next)) continue
      if (text[i] === '.' && isNonFinalAbbreviation(text.slice(start, i), abbreviations)) continue
      out.push(text.slice(start, j).trim())
      start = j + 1
      i = j
    }
    const rest = text.slice(start).trim()
    if (rest) out.push(rest)
  }
  return out
}

type Abbreviations = { exact: ReadonlySet<string>; anyCase: ReadonlySet<string> }

function isNonFinalAbbreviation(before: string, abbreviations: Abbreviations): boolean {
  // The word the period closes: from the last space or opening mark up to the period.
  const word = /[^\s\u00a0\u202f(«"“]*$/.exec(before)?.[0] ?? ''
  if (/^\p{Lu}$/u.test(word)) return true // an initial
  // Dotted initials and short forms: "J.-C", "U.S", "Ph.D" end in a capital or a dotted piece.
  if (/^(\p{L}{1,2}\.-?)+\p{Lu}$/u.test(word)) return true
  return abbreviations.exact.has(word) || abbreviations.anyCase.has(word.toLowerCase())
}
