/**
 * A small WebVTT parser for narration captions, shared by the browser app (caption display) and the
 * Node tools (content check, narration pipeline). Plain TypeScript: no DOM, no dependencies.
 *
 * Strict about what makes a cue (a valid timing line, end after start) so the content check catches
 * broken files; forgiving about everything else (CRLF, BOM, cue settings, a missing blank line after
 * the header), so one bad cue never hides the rest. It never throws: every problem becomes an entry
 * in `errors` with its 1-based line number, and the malformed cue is skipped.
 *
 * Only what captions need is kept: cue id, times and plain text. Cue settings, STYLE and REGION
 * blocks are read past and ignored, and markup (<v Name>, <i>, <c.class>, timestamps) is stripped.
 */

export type Cue = {
  id?: string
  /** Seconds from the start of the media. */
  start: number
  /** Seconds; always greater than `start`. */
  end: number
  /** Plain text, markup stripped and entities decoded; lines joined with '\n'. */
  text: string
}

export type VttError = { line: number; message: string }

export type VttParseResult = { cues: Cue[]; errors: VttError[] }

const ARROW = '-->'

// Named character references the WebVTT spec allows in cue text, plus the two common HTML ones a
// caption writer is likely to type; anything else is left as written.
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  lrm: '\u200e',
  rlm: '\u200f',
  nbsp: '\u00a0',
  quot: '"',
  apos: "'",
}

/** Parse WebVTT text into cues (sorted by start time) and a list of problems. Never throws. */
export function parseVtt(text: string): VttParseResult {
  const cues: Cue[] = []
  const cueLines: number[] = []
  const errors: VttError[] = []
  const source = typeof text === 'string' ? text : ''
  // The spec replaces NUL with U+FFFD; normalising line ends once keeps line numbers honest.
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\0/g, '\uFFFD')
    .split(/\r\n|\r|\n/)
  const blank = (l: string | undefined) => l === undefined || l.trim() === ''

  let i = 0
  const first = lines[0] ?? ''
  if (/^WEBVTT(?:$|[ \t])/.test(first)) {
    i = 1
    // Header text may run on until the first blank line; a timing line there means the author forgot
    // the blank line, so treat it as the first cue rather than lose it.
    while (i < lines.length && !blank(lines[i]) && !(lines[i] ?? '').includes(ARROW)) i++
  } else {
    errors.push({ line: 1, message: 'the file must start with "WEBVTT"' })
  }

  let seenCue = false
  while (i < lines.length) {
    if (blank(lines[i])) {
      i++
      continue
    }
    const blockLine = i + 1
    const head = lines[i] ?? ''

    const kind = /^(NOTE|STYLE|REGION)(?:$|[ \t])/.exec(head)?.[1]
    if (kind) {
      if (kind !== 'NOTE' && seenCue)
        errors.push({ line: blockLine, message: `a ${kind} block after the first cue is ignored` })
      while (i < lines.length && !blank(lines[i])) i++
      continue
    }

    let id: string | undefined
    let timingIndex = i
    if (!head.includes(ARROW)) {
      id = head
      timingIndex = i + 1
    }
    const timing = lines[timingIndex]
    if (timing === undefined || blank(timing) || !timing.includes(ARROW)) {
      errors.push({
        line: blockLine,
        message: `not a cue: expected a timing line such as "00:00:01.000 --> 00:00:04.000"`,
      })
      while (i < lines.length && !blank(lines[i])) i++
      continue
    }

    // Cue payload: up to the next blank line, or up to a line with "-->", which starts a new cue
    // (as in the spec's parser) even without a blank line before it.
    const payload: string[] = []
    i = timingIndex + 1
    while (i < lines.length && !blank(lines[i]) && !(lines[i] ?? '').includes(ARROW)) {
      payload.push(lines[i] ?? '')
      i++
    }

    const parsed = parseTimingLine(timing)
    if (typeof parsed === 'string') {
      errors.push({ line: timingIndex + 1, message: parsed })
      continue
    }
    seenCue = true
    const cue: Cue = { start: parsed.start, end: parsed.end, text: cueText(payload.join('\n')) }
    if (id !== undefined) cue.id = id
    cues.push(cue)
    cueLines.push(blockLine)
  }

  // Binary search in cueAt() needs start order; the spec requires it, so an unsorted file is an
  // error, but the cues are still usable once sorted (Array.prototype.sort is stable).
  for (let k = 1; k < cues.length; k++) {
    const prev = cues[k - 1]
    const cur = cues[k]
    if (prev && cur && cur.start < prev.start) {
      errors.push({
        line: cueLines[k] ?? 0,
        message: `cues are not in start-time order (a cue at ${formatVttTimestamp(cur.start)} follows one at ${formatVttTimestamp(prev.start)})`,
      })
      cues.sort((a, b) => a.start - b.start)
      break
    }
  }
  return { cues, errors }
}

function parseTimingLine(line: string): { start: number; end: number } | string {
  const at = line.indexOf(ARROW)
  const left = line.slice(0, at).trim()
  const right = line.slice(at + ARROW.length).replace(/^[ \t]+/, '')
  const endText = right.split(/[ \t]/, 1)[0] ?? ''
  const start = parseTimestamp(left)
  if (typeof start === 'string') return `bad start time "${left}": ${start}`
  const end = parseTimestamp(endText)
  if (typeof end === 'string') return `bad end time "${endText}": ${end}`
  if (!(end > start)) return `the cue ends (${endText}) at or before it starts (${left})`
  return { start, end }
}

/** Seconds from `hh:mm:ss.ttt` or `mm:ss.ttt`, or a message saying what is wrong. */
function parseTimestamp(text: string): number | string {
  if (/^\d+(:\d+){1,2},\d+$/.test(text)) return 'use "." before the milliseconds, not "," (that is SRT)'
  const m = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(text)
  if (!m) return 'expected hh:mm:ss.ttt or mm:ss.ttt'
  const hours = m[1] === undefined ? 0 : Number(m[1])
  const minutes = Number(m[2])
  const seconds = Number(m[3])
  const millis = Number(m[4])
  if (minutes > 59 || seconds > 59) return 'minutes and seconds must be 00 to 59'
  return hours * 3600 + minutes * 60 + seconds + millis / 1000
}

/** Cue text as plain text: tags removed (an unclosed one runs to the end, as in the spec), entities decoded. */
function cueText(raw: string): string {
  return raw
    .replace(/<[^>]*(?:>|$)/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code =
          ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : '\uFFFD'
      }
      return ENTITIES[ref] ?? whole
    })
}

/**
 * The cue showing at `time` (start <= time < end), or null. `cues` must be sorted by start, as
 * parseVtt returns them. When cues overlap, the latest-starting one that is still showing wins.
 */
export function cueAt(cues: readonly Cue[], time: number): Cue | null {
  if (!Number.isFinite(time)) return null
  let lo = 0
  let hi = cues.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const cue = cues[mid]
    if (cue && cue.start <= time) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  const hit = cues[found]
  if (!hit) return null
  if (time < hit.end) return hit
  // A miss falls between cues (the pauses between sentences); only overlapping cues could still
  // show an earlier one, so look back, which is short work for a hotspot's few dozen cues.
  for (let k = found - 1; k >= 0; k--) {
    const cue = cues[k]
    if (cue && time < cue.end) return cue
  }
  return null
}

/** `hh:mm:ss.ttt`, rounded to the millisecond. Throws on a negative or non-finite time. */
export function formatVttTimestamp(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a cue time: ${seconds}`)
  const totalMs = Math.round(seconds * 1000)
  const ms = totalMs % 1000
  const totalS = (totalMs - ms) / 1000
  const s = totalS % 60
  const m = Math.floor(totalS / 60) % 60
  const h = Math.floor(totalS / 3600)
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`
}
