/**
 * MP3 duration from the bytes alone (no ffmpeg at check time), and the narration part of the
 * content check: every track's audio and captions exist, parse, agree in time and say the script.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Tour } from '../../../src/core/content/schema'
import { formatPath } from '../../../src/core/content/validate'
import { parseVtt } from '../../../src/core/content/webvtt'
import { words } from './captions'

// Bitrates in kb/s by [MPEG-1 ? 0 : 1][index], Layer III only.
const BITRATES = [
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
] as const
// Sample rates by version bits (0 = MPEG-2.5, 2 = MPEG-2, 3 = MPEG-1).
const SAMPLE_RATES: Record<number, readonly number[]> = {
  0: [11025, 12000, 8000],
  2: [22050, 24000, 16000],
  3: [44100, 48000, 32000],
}

type FrameHeader = {
  mpeg1: boolean
  mono: boolean
  sampleRate: number
  samplesPerFrame: number
  length: number
}

function frameHeader(b: Uint8Array, at: number): FrameHeader | null {
  const b1 = b[at + 1]
  const b2 = b[at + 2]
  const b3 = b[at + 3]
  if (b[at] !== 0xff || b1 === undefined || b2 === undefined || b3 === undefined) return null
  if ((b1 & 0xe0) !== 0xe0) return null
  const version = (b1 >> 3) & 3
  const layer = (b1 >> 1) & 3
  if (version === 1 || layer !== 1) return null // reserved version; only Layer III
  const bitrateIndex = b2 >> 4
  const rateIndex = (b2 >> 2) & 3
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null // free format unsupported
  const mpeg1 = version === 3
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex] ?? 0
  const bitrate = (BITRATES[mpeg1 ? 0 : 1][bitrateIndex] ?? 0) * 1000
  const padding = (b2 >> 1) & 1
  const samplesPerFrame = mpeg1 ? 1152 : 576
  const length = Math.floor(((samplesPerFrame / 8) * bitrate) / sampleRate) + padding
  return { mpeg1, mono: b3 >> 6 === 3, sampleRate, samplesPerFrame, length }
}

function id3v2Size(b: Uint8Array): number {
  if (b.length < 10 || b[0] !== 0x49 || b[1] !== 0x44 || b[2] !== 0x33) return 0
  const size =
    (((b[6] ?? 0) & 0x7f) << 21) |
    (((b[7] ?? 0) & 0x7f) << 14) |
    (((b[8] ?? 0) & 0x7f) << 7) |
    ((b[9] ?? 0) & 0x7f)
  const footer = ((b[5] ?? 0) & 0x10) !== 0 ? 10 : 0
  return 10 + size + footer
}

const u32 = (b: Uint8Array, at: number) =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n))

/**
 * Playing time of an MP3 in seconds. Uses the Xing/Info (or VBRI) header when there is one,
 * subtracting the encoder delay and padding from a LAME tag so the result is the exact length of
 * the encoded audio; otherwise counts every frame. Throws if the bytes are not MPEG Layer III.
 */
export function mp3Duration(bytes: Uint8Array): number {
  let at = id3v2Size(bytes)
  // Find the first frame that is followed by another valid frame (or the end), so stray 0xFF bytes
  // in a tag or junk do not pass for a header.
  let first: FrameHeader | null = null
  for (; at + 4 <= bytes.length; at++) {
    const h = frameHeader(bytes, at)
    if (!h) continue
    const next = at + h.length
    if (next + 4 > bytes.length || frameHeader(bytes, next)) {
      first = h
      break
    }
  }
  if (!first) throw new Error('no MPEG audio Layer III frame found')

  const sideInfo = first.mpeg1 ? (first.mono ? 17 : 32) : first.mono ? 9 : 17
  const xingAt = at + 4 + sideInfo
  const xingTag = ascii(bytes, xingAt, 4)
  if (xingTag === 'Xing' || xingTag === 'Info') {
    const flags = u32(bytes, xingAt + 4)
    let p = xingAt + 8
    let frames: number | null = null
    if (flags & 1) {
      frames = u32(bytes, p)
      p += 4
    }
    if (flags & 2) p += 4
    if (flags & 4) p += 100
    if (flags & 8) p += 4
    if (frames !== null) {
      let samples = frames * first.samplesPerFrame
      // LAME tag (also written by ffmpeg): 9-byte encoder string, then at +21 two 12-bit counts.
      if (p + 24 <= bytes.length && /^(LAME|Lavf|Lavc|L3.99|GOGO)/.test(ascii(bytes, p, 4))) {
        const d0 = bytes[p + 21] ?? 0
        const d1 = bytes[p + 22] ?? 0
        const d2 = bytes[p + 23] ?? 0
        const delay = (d0 << 4) | (d1 >> 4)
        const padding = ((d1 & 0x0f) << 8) | d2
        if (delay + padding < samples) samples -= delay + padding
      }
      return samples / first.sampleRate
    }
  }
  // Fraunhofer's VBRI header sits 32 bytes after the frame header.
  if (ascii(bytes, at + 36, 4) === 'VBRI') {
    const frames = u32(bytes, at + 36 + 14)
    return (frames * first.samplesPerFrame) / first.sampleRate
  }

  let seconds = 0
  for (let p = at; p + 4 <= bytes.length;) {
    const h = frameHeader(bytes, p)
    if (!h) break // a trailing ID3v1 or APE tag, or truncation
    seconds += h.samplesPerFrame / h.sampleRate
    p += h.length
  }
  return seconds
}

export type Problem = {
  /** JSON path in the tour, e.g. `stops[0].hotspots[1].narration.fr.captions`. */
  path: string
  message: string
}

/** Slack for "captions run past the audio": MP3 framing and rounding, not a real overrun. */
export const CAPTION_END_TOLERANCE = 0.05

/**
 * Narration problems in a parsed tour, each with the JSON path of the field to look at. Reads the
 * files under `assetsDir` synchronously; a file named by several hotspots is read once.
 */
export function checkNarration(tour: Tour, assetsDir: string): Problem[] {
  const problems: Problem[] = []
  const durations = new Map<string, number | Error>()
  const audioDuration = (rel: string): number | Error | null => {
    if (!durations.has(rel)) {
      const file = join(assetsDir, rel)
      if (!existsSync(file)) return null
      try {
        durations.set(rel, mp3Duration(new Uint8Array(readFileSync(file))))
      } catch (e) {
        durations.set(rel, e as Error)
      }
    }
    return durations.get(rel) ?? null
  }

  tour.stops.forEach((stop, si) => {
    stop.hotspots.forEach((hotspot, hi) => {
      for (const [lang, track] of Object.entries(hotspot.narration)) {
        const base: PropertyKey[] = ['stops', si, 'hotspots', hi, 'narration', lang]
        const audioPath = formatPath([...base, 'audio'])
        const captionsPath = formatPath([...base, 'captions'])
        const add = (path: string, message: string) => problems.push({ path, message })

        const duration = audioDuration(track.audio)
        if (duration === null)
          add(audioPath, `audio file assets/${track.audio} does not exist (run npm run narration)`)
        else if (duration instanceof Error)
          add(audioPath, `audio file assets/${track.audio} is not a readable MP3: ${duration.message}`)
        else if (duration <= 0) add(audioPath, `audio file assets/${track.audio} has no audio frames`)

        const vttFile = join(assetsDir, track.captions)
        if (!existsSync(vttFile)) {
          add(captionsPath, `captions file assets/${track.captions} does not exist (run npm run narration)`)
          continue
        }
        const { cues, errors } = parseVtt(readFileSync(vttFile, 'utf8'))
        for (const e of errors) add(captionsPath, `assets/${track.captions} line ${e.line}: ${e.message}`)
        if (cues.length === 0) {
          add(captionsPath, `assets/${track.captions} has no cues`)
          continue
        }
        for (let k = 1; k < cues.length; k++) {
          const prev = cues[k - 1]
          const cue = cues[k]
          if (prev && cue && cue.start < prev.end - 0.0005) {
            add(
              captionsPath,
              `assets/${track.captions}: cue ${cue.id ?? k + 1} starts before cue ${prev.id ?? k} ends (cues must not overlap)`,
            )
            break
          }
        }
        const lastEnd = Math.max(...cues.map((c) => c.end))
        if (typeof duration === 'number' && lastEnd > duration + CAPTION_END_TOLERANCE)
          add(
            captionsPath,
            `captions run past the end of their audio: the last cue ends at ${lastEnd.toFixed(3)} s, assets/${track.audio} lasts ${duration.toFixed(3)} s`,
          )
        const mismatch = compareWords(words(track.script), words(cues.map((c) => c.text).join(' ')))
        if (mismatch) add(captionsPath, `captions do not say the script's words: ${mismatch}`)
      }
    })
  })
  return problems
}

/** Where two word lists first differ, in words a writer can find; null when they are the same. */
export function compareWords(script: readonly string[], captions: readonly string[]): string | null {
  const n = Math.min(script.length, captions.length)
  let i = 0
  while (i < n && script[i] === captions[i]) i++
  if (i === script.length && i === captions.length) return null
  const context = script.slice(Math.max(0, i - 4), i).join(' ')
  const near = context ? ` after "${context}"` : ' at the start'
  if (i === captions.length)
    return `the captions stop${near}; the script goes on with "${script.slice(i, i + 6).join(' ')}"`
  if (i === script.length)
    return `the captions go on${near} with "${captions.slice(i, i + 6).join(' ')}", not in the script`
  return `${near.trim()}, the script says "${script.slice(i, i + 4).join(' ')}" but the captions say "${captions.slice(i, i + 4).join(' ')}"`
}
