/**
 * Captions from timed sentences: each sentence becomes one cue, or several when it is too long to
 * read as one, and the cues are written as WebVTT.
 *
 * A cue holds at most two lines of 42 characters (the common broadcast limit, which still reads
 * well on a headset's small caption panel). Long sentences are cut at natural breaks, chosen by a
 * small dynamic programme so that the pieces stay balanced and no cue begins with a dangling "the".
 */
import { formatVttTimestamp, type Cue } from '../../../src/core/content/webvtt'
import { baseLang, type Lang } from './sentences'

export const CAPTION_LAYOUT = {
  maxLineChars: 42,
  maxLines: 2,
  /** A sentence up to this long stays one cue (when it wraps into two lines). */
  maxCueChars: 84,
} as const

/** Costs for cutting a sentence into cues and a cue into lines; lower is better. */
const CHUNK_COSTS = {
  perCue: 4,
  /** After , ; : or before a dash: the reader's eye expects a break there. */
  punctuationBreak: 0,
  /** Before a conjunction or relative pronoun. */
  conjunctionBreak: 1,
  anyBreak: 5,
  /** After an article, preposition or conjunction, which would dangle at the end of a cue or line. */
  danglingBreak: 8,
  /** Per character under `shortCueChars`: tiny cues flash by too fast to read. */
  shortCuePerChar: 0.2,
  shortCueChars: 30,
  /** Per character of difference between a cue's two lines: balance matters less than sense. */
  lineImbalancePerChar: 1 / 6,
} as const

// Word lists as space-separated strings: data, kept compact.
const CONJUNCTIONS: Readonly<Record<string, string>> = {
  en: 'and but or nor so yet because which while where when who whose that though although as until after before since if',
  fr: "et mais ou donc car ni or qui que qu' dont où lorsque lorsqu' quand puis parce afin tandis alors avant après depuis si",
}

const DANGLING: Readonly<Record<string, string>> = {
  en: 'the a an of to in on at by for with from its their his her our this these those mr. dr. st.',
  fr: 'le la les un une des du de au aux à en dans sur par pour avec sa son ses leur leurs ce cet cette ces se ne y me te m. mme',
}

export type TimedSentence = { text: string; start: number; end: number }

/** The words of a text for comparing script and captions: case, punctuation and spacing ignored. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLocaleLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  )
}

function lowerWord(w: string): string {
  return w
    .toLocaleLowerCase()
    .replace(/’/g, "'")
    .replace(/^[«"“(]+|[»"”),;:]+$/g, '')
}

/** Wrap cue text into at most two lines of `maxLineChars`, or null if it cannot be done. */
export function wrapCueText(text: string, lang: Lang): string[] | null {
  const { maxLineChars } = CAPTION_LAYOUT
  if (text.length <= maxLineChars) return [text]
  const parts = text.split(' ')
  let best: { lines: string[]; cost: number } | null = null
  for (let k = 1; k < parts.length; k++) {
    const a = parts.slice(0, k).join(' ')
    const b = parts.slice(k).join(' ')
    if (a.length > maxLineChars || b.length > maxLineChars) continue
    const cost = Math.abs(a.length - b.length) * CHUNK_COSTS.lineImbalancePerChar + breakCost(parts, k, lang)
    if (!best || cost < best.cost) best = { lines: [a, b], cost }
  }
  return best?.lines ?? null
}

/** Cost of breaking `parts` before index k. */
function breakCost(parts: readonly string[], k: number, lang: Lang): number {
  const before = parts[k - 1] ?? ''
  const after = parts[k] ?? ''
  const l = baseLang(lang)
  const conj = (CONJUNCTIONS[l] ?? '').split(' ')
  const dangling = (DANGLING[l] ?? '').split(' ')
  if (/[,;:]$|[,;:][»”"')]$/.test(before) || /^[—–-]$/.test(after) || /[—–]$/.test(before))
    return CHUNK_COSTS.punctuationBreak
  const isConj = (w: string) => conj.includes(w) || conj.some((c) => c.endsWith("'") && w.startsWith(c))
  const prev = lowerWord(before)
  if (dangling.includes(prev) || isConj(prev)) return CHUNK_COSTS.danglingBreak
  if (isConj(lowerWord(after))) return CHUNK_COSTS.conjunctionBreak
  return CHUNK_COSTS.anyBreak
}

/**
 * Cut one sentence into cue texts: a single piece when it fits, else pieces at natural breaks.
 * Joining the pieces with single spaces gives back the sentence exactly.
 */
export function chunkSentence(sentence: string, lang: Lang): string[] {
  const fits = (t: string) => t.length <= CAPTION_LAYOUT.maxCueChars && wrapCueText(t, lang) !== null
  if (fits(sentence)) return [sentence]
  const parts = sentence.split(' ')
  const n = parts.length
  // best[k]: cheapest way to cut parts[0..k); from[k]: where its last piece starts.
  const best = new Array<number>(n + 1).fill(Infinity)
  const from = new Array<number>(n + 1).fill(-1)
  best[0] = 0
  for (let end = 1; end <= n; end++) {
    for (let start = end - 1; start >= 0; start--) {
      const piece = parts.slice(start, end).join(' ')
      // A single word too long for a line can only stand alone; beyond that, stop widening.
      const single = end - start === 1
      if (!single && !fits(piece)) break
      const prev = best[start] ?? Infinity
      if (prev === Infinity) continue
      const short = Math.max(0, CHUNK_COSTS.shortCueChars - piece.length) * CHUNK_COSTS.shortCuePerChar
      const cut = start === 0 ? 0 : breakCost(parts, start, lang)
      const cost = prev + CHUNK_COSTS.perCue + short + cut
      if (cost < (best[end] ?? Infinity)) {
        best[end] = cost
        from[end] = start
      }
    }
  }
  const pieces: string[] = []
  for (let end = n; end > 0;) {
    const start = from[end] ?? 0
    pieces.unshift(parts.slice(start, end).join(' '))
    end = start
  }
  return pieces
}

/**
 * Cues for timed sentences: long sentences split, their time shared in proportion to characters.
 * Times are in whole milliseconds, cues never overlap and never end after `audioDuration`.
 */
export function buildCues(sentences: readonly TimedSentence[], lang: Lang, audioDuration: number): Cue[] {
  const cues: Cue[] = []
  const limitMs = Math.floor(audioDuration * 1000)
  let floorMs = 0
  sentences.forEach((sentence, si) => {
    const pieces = chunkSentence(sentence.text, lang)
    const total = pieces.reduce((sum, p) => sum + p.length, 0)
    const startMs = Math.max(floorMs, Math.round(sentence.start * 1000))
    const endMs = Math.min(limitMs, Math.max(startMs + pieces.length, Math.round(sentence.end * 1000)))
    let acc = 0
    let pieceStart = startMs
    pieces.forEach((piece, pi) => {
      acc += piece.length
      const pieceEnd =
        pi === pieces.length - 1
          ? endMs
          : Math.max(pieceStart + 1, Math.round(startMs + ((endMs - startMs) * acc) / total))
      const text = (wrapCueText(piece, lang) ?? [piece]).join('\n')
      const id = pieces.length === 1 ? `${si + 1}` : `${si + 1}.${pi + 1}`
      if (pieceEnd > pieceStart) cues.push({ id, start: pieceStart / 1000, end: pieceEnd / 1000, text })
      pieceStart = pieceEnd
    })
    floorMs = Math.max(floorMs, endMs)
  })
  return cues
}

function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A WebVTT file for `cues`. */
export function writeVtt(cues: readonly Cue[]): string {
  const blocks = cues.map((cue) => {
    const timing = `${formatVttTimestamp(cue.start)} --> ${formatVttTimestamp(cue.end)}`
    // An id may not contain "-->" nor span lines; ours never do, but a retimed file may carry others.
    const id = cue.id && !cue.id.includes('-->') && !/[\r\n]/.test(cue.id) ? `${cue.id}\n` : ''
    return `${id}${timing}\n${escapeCueText(cue.text)}`
  })
  return ['WEBVTT', ...blocks].join('\n\n') + '\n'
}
