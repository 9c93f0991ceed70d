/**
 * Speech synthesis with espeak-ng and MP3 encoding with ffmpeg, both run as child processes with
 * argument arrays (never a shell), text passed on stdin. Content-build time only: the app never
 * needs either tool.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { baseLang, type Lang } from './sentences'

/** Voice per base language. espeak-ng has no Canadian French voice of its own (see docs/narration.md). */
export const VOICES = {
  en: { voice: 'en-us', rate: 155 },
  fr: { voice: 'fr', rate: 150 },
} as const satisfies Record<string, { voice: string; rate: number }>

export const AUDIO_FORMAT = {
  /** espeak-ng's native rate; keeping it avoids a resampling step. */
  sampleRate: 22050,
  /** Silence between sentences, seconds. */
  pause: 0.35,
  /** Mono speech at 22.05 kHz is MPEG-2 Layer III; 48 kb/s CBR is clear and small. */
  bitrate: '48k',
  /** Sample magnitude (of 32767) below which espeak-ng's output counts as silence when trimming. */
  silenceThreshold: 200,
  /** Silence kept at each end of a sentence after trimming, seconds. */
  keepLead: 0.02,
  keepTail: 0.06,
} as const

type Rewrite = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)]

const FR_CARDINALS = [
  '',
  'premier',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
  'vingt',
] as const
// I to XXIX, never empty.
const ROMAN = /(?=[IVX])(X{0,2}(?:IX|IV|V?I{0,3}))/
const romanValue = (r: string) => {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 }
  let n = 0
  for (let i = 0; i < r.length; i++) {
    const v = values[r[i] ?? ''] ?? 0
    n += v < (values[r[i + 1] ?? ''] ?? 0) ? -v : v
  }
  return n
}

/**
 * Rewrites applied to the text sent to the synthesiser only (captions keep the written form): the
 * abbreviations and numerals espeak-ng reads letter by letter, and names it mispronounces, given
 * as espeak-ng phonemes in [[ ]]. Writers should still write for the ear; the names are a starting
 * point for review with speakers of the languages they come from.
 */
export const SPOKEN_FORMS = {
  en: [
    [/\bMt\.(?=\s)/g, 'Mount'],
    [/\bFt\.(?=\s)/g, 'Fort'],
    // An acronym said letter by letter; espeak-ng reads it as the word "led".
    [/\bLEDs\b/g, "L E D's"],
    [/\bLED\b/g, 'L E D'],
    [/\bMétis\b/g, "[[meIt'i:]]"],
    [/\bAnishinaabeg\b/g, "[[@n,IS@n'A:beg]]"],
    [/\bAnishinaabe\b/g, "[[@n,IS@n'A:beI]]"],
    // Federal usage (2SLGBTQI+): read letter by letter, the digit as a word.
    [/\b2SLGBTQI\+/g, 'two S L G B T Q I plus'],
  ],
  fr: [
    // Federal usage in French (2ELGBTQI+, « deux esprits »): read letter by letter.
    [/\b2ELGBTQI\+/g, 'deux E L G B T Q I plus'],
    [/\bMM\.(?=[\s\u00a0\u202f])/g, 'Messieurs'],
    [/\bM\.(?=[\s\u00a0\u202f])/g, 'Monsieur'],
    [/\bMmes\b/g, 'Mesdames'],
    [/\bMme\b/g, 'Madame'],
    [/\bMgr\b\.?/g, 'Monseigneur'],
    [/\bSt(e?)-/g, 'Saint$1-'],
    [/\bav\. J\.-C\./g, 'avant Jésus-Christ'],
    [/\bapr\. J\.-C\./g, 'après Jésus-Christ'],
    // Regnal numbers: "Elizabeth II" is "Elizabeth deux", "François Ier" "François premier".
    [
      new RegExp(`(\\p{Lu}\\p{Ll}+)[ \\u00a0](?:${ROMAN.source})(?:er)?(?![\\p{L}\\d])`, 'gu'),
      (_m: string, name: string, roman: string) => `${name} ${FR_CARDINALS[romanValue(roman)] ?? roman}`,
    ],
    // Centuries: "XIXe siècle" as "19e", which the next rules read as "dix-neuvième".
    [new RegExp(`\\b${ROMAN.source}e\\b`, 'g'), (_m: string, roman: string) => `${romanValue(roman)}e`],
    [/\b1er\b/g, 'premier'],
    [/\b1re\b/g, 'première'],
    [/\b(\d+)e\b/g, '$1ième'],
    [/\b(\d{1,2})[\s\u00a0\u202f]?h[\s\u00a0\u202f]?(\d{2})\b/g, '$1 heures $2'],
    [/\b(\d{1,2})[\s\u00a0\u202f]?h\b/g, '$1 heures'],
    [/\bAnishinaabeg\b/g, "[[aniSinab'Eg]]"],
    [/\bAnishinaabe\b/g, "[[aniSinab'e]]"],
  ],
} as const satisfies Record<string, readonly Rewrite[]>

/** Whether a synthetic voice is configured for the language (a language without one is recorded). */
export const hasVoice = (lang: Lang): boolean => baseLang(lang) in VOICES

export function voiceFor(lang: Lang): { voice: string; rate: number } {
  const v = (VOICES as Record<string, { voice: string; rate: number }>)[baseLang(lang)]
  if (!v) throw new Error(`no espeak-ng voice configured for language "${lang}" (see VOICES in synth.ts)`)
  return v
}

export function spokenForm(text: string, lang: Lang): string {
  const rules = (SPOKEN_FORMS as Record<string, readonly Rewrite[]>)[baseLang(lang)] ?? []
  // "[[" would switch espeak-ng to phoneme input; only the rewrites below may produce it.
  let out = text.replace(/\[\[/g, '[ [').replace(/\]\]/g, '] ]')
  for (const [pattern, replacement] of rules)
    out =
      typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement)
  return out
}

type RunResult = { stdout: Buffer; stderr: string }

/** Run a program with arguments (no shell), optionally feeding stdin; reject on a non-zero exit. */
export function run(cmd: string, args: readonly string[], input?: Buffer | string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    child.on('error', (e) =>
      reject(
        new Error(
          `cannot run ${cmd}: ${e.message}${(e as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is it installed?)' : ''}`,
        ),
      ),
    )
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8')
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr })
      else reject(new Error(`${cmd} exited with ${code}: ${stderr.trim().slice(-500)}`))
    })
    // EPIPE when the child dies early surfaces as its exit code above.
    child.stdin.on('error', () => {})
    child.stdin.end(input ?? '')
  })
}

export async function espeakVersion(): Promise<string> {
  const { stdout } = await run('espeak-ng', ['--version'])
  return stdout.toString('utf8').trim()
}

/** One sentence as 16-bit mono PCM at AUDIO_FORMAT.sampleRate, silence at the ends trimmed. */
export async function synthesizeSentence(text: string, lang: Lang, wavPath: string): Promise<Int16Array> {
  const { voice, rate } = voiceFor(lang)
  // -b 1: the text is UTF-8; --stdin keeps a sentence starting with "-" from reading as an option.
  await run(
    'espeak-ng',
    ['-v', voice, '-s', String(rate), '-b', '1', '-w', wavPath, '--stdin'],
    spokenForm(text, lang),
  )
  const wav = readWav(new Uint8Array(await readFile(wavPath)))
  if (wav.sampleRate !== AUDIO_FORMAT.sampleRate)
    throw new Error(
      `espeak-ng wrote ${wav.sampleRate} Hz audio; the pipeline expects ${AUDIO_FORMAT.sampleRate} Hz`,
    )
  return trimSilence(wav.samples, wav.sampleRate)
}

export type Wav = { sampleRate: number; samples: Int16Array }

/** Parse a 16-bit mono PCM WAV file (what espeak-ng writes). */
export function readWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file')
  let at = 12
  let sampleRate = 0
  let format: { codec: number; channels: number; bits: number } | null = null
  while (at + 8 <= bytes.length) {
    const id = tag(at)
    let size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === 'fmt ') {
      format = {
        codec: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        bits: view.getUint16(body + 14, true),
      }
      sampleRate = view.getUint32(body + 4, true)
    } else if (id === 'data') {
      if (!format || format.codec !== 1 || format.channels !== 1 || format.bits !== 16)
        throw new Error('expected 16-bit mono PCM WAV')
      // A streamed WAV may leave the size unset (0 or 0xFFFFFFFF): the data runs to the end.
      if (size === 0 || body + size > bytes.length) size = bytes.length - body
      const count = Math.floor(size / 2)
      const samples = new Int16Array(count)
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + 2 * i, true)
      return { sampleRate, samples }
    }
    at = body + size + (size & 1)
  }
  throw new Error('WAV file has no data chunk')
}

/**
 * Drop leading and trailing silence, keeping a little: espeak-ng ends every utterance with ~0.4 s
 * of silence, and the pipeline sets the pause between sentences itself.
 */
export function trimSilence(samples: Int16Array, sampleRate: number): Int16Array {
  const { silenceThreshold, keepLead, keepTail } = AUDIO_FORMAT
  let first = 0
  while (first < samples.length && Math.abs(samples[first] ?? 0) < silenceThreshold) first++
  let last = samples.length - 1
  while (last > first && Math.abs(samples[last] ?? 0) < silenceThreshold) last--
  if (first >= samples.length) return new Int16Array(0)
  const from = Math.max(0, first - Math.round(keepLead * sampleRate))
  const to = Math.min(samples.length, last + 1 + Math.round(keepTail * sampleRate))
  return samples.slice(from, to)
}

/** Little-endian 16-bit PCM bytes. */
export function pcmBytes(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2)
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i] ?? 0, 2 * i)
  return out
}

/** ffmpeg arguments for reproducible MP3 bytes from raw PCM on stdin. */
export function mp3EncodeArgs(sampleRate: number, outPath: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    ['-f', 's16le', '-ar', String(sampleRate), '-ac', '1', '-i', 'pipe:0'],
    ['-c:a', 'libmp3lame', '-b:a', AUDIO_FORMAT.bitrate, '-ac', '1', '-ar', String(sampleRate)],
    // No encoder version, date or other metadata in the file, so the bytes depend on the PCM only.
    ['-fflags', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1'],
    ['-f', 'mp3', outPath],
  ].flat()
}

export async function encodeMp3(samples: Int16Array, sampleRate: number, outPath: string): Promise<void> {
  await run('ffmpeg', mp3EncodeArgs(sampleRate, outPath), pcmBytes(samples))
}
