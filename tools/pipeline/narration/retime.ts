/**
 * Re-time captions to a recorded voice-over: find the pauses with ffmpeg's silencedetect, then
 * choose which pauses are the sentence breaks by how well the sentence lengths fit the script.
 *
 * A reader pauses between sentences, but also at some commas, and now and then runs two sentences
 * together; so pauses are not simply taken in order. Each sentence is expected to last in proportion
 * to its characters; a dynamic programme picks the breaks (longer pauses preferred) that best fit,
 * and where no pause fits, a break is placed by characters inside a run of speech.
 */
import { run } from './synth'

export const SILENCE_DETECTION = {
  /** Below this level counts as silence; raise it (e.g. -30dB) for a noisy recording. */
  noise: '-35dB',
  /** Shortest pause that can separate sentences, seconds. */
  minSilence: 0.2,
  /**
   * Seconds a cue shows before the voice is detected and after it fades: the detector hears a
   * word's soft onset and tail late, and a caption a moment early reads as in time.
   */
  leadIn: 0.1,
  tail: 0.1,
} as const

const ALIGN_COSTS = {
  /** Per sentence break placed inside speech rather than at a pause. */
  interpolated: 1.5,
  /** Reward for breaking at a pause, scaled by its length up to `longPause`. */
  pauseBonus: 0.5,
  longPause: 0.6,
} as const

export type Span = { start: number; end: number }

/** Pauses in an audio file, from ffmpeg's silencedetect filter. Content-build time only. */
export async function detectSilences(
  file: string,
  options: { noise?: string; minSilence?: number } = {},
): Promise<Span[]> {
  const noise = options.noise ?? SILENCE_DETECTION.noise
  const d = options.minSilence ?? SILENCE_DETECTION.minSilence
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-i',
    file,
    '-af',
    `silencedetect=noise=${noise}:d=${d}`,
    '-f',
    'null',
    '-',
  ])
  return parseSilenceDetect(stderr)
}

/** Silence spans from silencedetect's log; a silence still open at the end has end = Infinity. */
export function parseSilenceDetect(log: string): Span[] {
  const spans: Span[] = []
  let open: number | null = null
  for (const m of log.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    const t = Number(m[2])
    if (m[1] === 'start') open = Math.max(0, t)
    else if (open !== null) {
      spans.push({ start: open, end: t })
      open = null
    }
  }
  if (open !== null) spans.push({ start: open, end: Infinity })
  return spans
}

export type Alignment = { spans: Span[]; atPauses: number; interpolated: number }

/**
 * Time spans for sentences of the given weights (characters) in audio of `duration` seconds with
 * the given pauses. Every span is inside the audio, in order, and no two overlap.
 */
export function alignSentences(
  weights: readonly number[],
  silences: readonly Span[],
  duration: number,
): Alignment {
  const k = weights.length
  if (k === 0) return { spans: [], atPauses: 0, interpolated: 0 }
  const edge = 0.01
  const sorted = [...silences].sort((a, b) => a.start - b.start)
  const leading = sorted.find((s) => s.start <= edge)
  const trailing = sorted.find((s) => s.end >= duration - edge)
  const speechStart = Math.min(leading ? leading.end : 0, duration)
  const speechEnd = Math.max(speechStart, trailing && trailing !== leading ? trailing.start : duration)
  const pauses = sorted.filter((s) => s.start > speechStart && s.end < speechEnd)

  const total = weights.reduce((a, b) => a + Math.max(1, b), 0)
  const cum = [0]
  for (const w of weights) cum.push((cum[cum.length - 1] ?? 0) + Math.max(1, w))
  // Speaking rate, seconds per character, counting only speech (pauses between sentences excluded).
  const pauseTime = pauses.reduce((a, p) => a + (p.end - p.start), 0)
  const rate = Math.max(1e-6, (speechEnd - speechStart - pauseTime) / total)

  // Nodes: 0 = speech start, 1..m = pauses, m+1 = speech end. best[i][node]: cheapest placement of
  // the first i sentences ending just before `node`.
  const m = pauses.length
  const nodeStart = (n: number) =>
    n === 0 ? speechStart : n === m + 1 ? speechEnd : (pauses[n - 1]?.end ?? 0)
  const nodeEnd = (n: number) =>
    n === 0 ? speechStart : n === m + 1 ? speechEnd : (pauses[n - 1]?.start ?? 0)
  const pauseBonus = (n: number) => {
    const p = pauses[n - 1]
    if (n === 0 || n === m + 1 || !p) return 0
    return ALIGN_COSTS.pauseBonus * Math.min(1, (p.end - p.start) / ALIGN_COSTS.longPause)
  }
  // pauseCum[n]: total length of the first n pauses, for the pauses a group of sentences crosses.
  const pauseCum = [0]
  for (const p of pauses) pauseCum.push((pauseCum[pauseCum.length - 1] ?? 0) + (p.end - p.start))
  type Step = { cost: number; prevI: number; prevNode: number }
  const best: (Step | undefined)[][] = Array.from({ length: k + 1 }, () => new Array<Step | undefined>(m + 2))
  const row0 = best[0]
  if (row0) row0[0] = { cost: 0, prevI: -1, prevNode: -1 }
  for (let i = 1; i <= k; i++) {
    for (let node = 1; node <= m + 1; node++) {
      // Sentences prevI..i-1 fill the speech between `prevNode` and `node`; pauses in between are
      // crossed, and the breaks between those sentences are interpolated.
      for (let prevI = i - 1; prevI >= 0; prevI--) {
        for (let prevNode = node - 1; prevNode >= 0; prevNode--) {
          const from = best[prevI]?.[prevNode]
          if (!from) continue
          const span = nodeEnd(node) - nodeStart(prevNode)
          const skipped = (pauseCum[node - 1] ?? 0) - (pauseCum[prevNode] ?? 0)
          const expected = rate * ((cum[i] ?? 0) - (cum[prevI] ?? 0))
          const spoken = Math.max(1e-3, span - skipped)
          const cost =
            from.cost +
            Math.abs(Math.log(spoken / Math.max(1e-3, expected))) +
            (i - prevI - 1) * ALIGN_COSTS.interpolated -
            (i < k ? pauseBonus(node) : 0)
          const row = best[i]
          const cur = row?.[node]
          if (row && (!cur || cost < cur.cost)) row[node] = { cost, prevI, prevNode }
        }
      }
    }
  }

  // Walk back from (k, speech end), then lay out each group of sentences.
  const spans: Span[] = new Array<Span>(k)
  let atPauses = 0
  let interpolated = 0
  let i = k
  let node = m + 1
  while (i > 0) {
    const step = best[i]?.[node]
    if (!step) break
    const from = nodeStart(step.prevNode)
    const to = nodeEnd(node)
    const groupWeight = (cum[i] ?? 0) - (cum[step.prevI] ?? 0)
    for (let s = step.prevI; s < i; s++) {
      const a = from + ((to - from) * ((cum[s] ?? 0) - (cum[step.prevI] ?? 0))) / groupWeight
      const b = from + ((to - from) * ((cum[s + 1] ?? 0) - (cum[step.prevI] ?? 0))) / groupWeight
      spans[s] = { start: a, end: b }
    }
    interpolated += i - step.prevI - 1
    if (i < k) atPauses++
    i = step.prevI
    node = step.prevNode
  }
  return { spans: pad(spans, duration), atPauses, interpolated }
}

/** Widen each span by leadIn and tail, into the pauses only, never over a neighbour. */
function pad(spans: readonly Span[], duration: number): Span[] {
  const out: Span[] = []
  let prevEnd = 0
  for (const s of spans) {
    const start = Math.max(prevEnd, s.start - SILENCE_DETECTION.leadIn)
    out.push({ start, end: s.end })
    prevEnd = s.end
  }
  out.forEach((s, i) => {
    const next = out[i + 1]?.start ?? duration
    s.end = Math.max(s.end, Math.min(next, duration, s.end + SILENCE_DETECTION.tail))
  })
  return out
}
