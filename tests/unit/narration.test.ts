import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseTourText } from '../../src/core/content/validate'
import { parseVtt } from '../../src/core/content/webvtt'
import {
  buildCues,
  CAPTION_LAYOUT,
  chunkSentence,
  words,
  wrapCueText,
  writeVtt,
} from '../../tools/pipeline/narration/captions'
import { checkNarration, compareWords, mp3Duration } from '../../tools/pipeline/narration/mp3-info'
import { alignSentences, parseSilenceDetect } from '../../tools/pipeline/narration/retime'
import { splitSentences } from '../../tools/pipeline/narration/sentences'
import { readWav, spokenForm, trimSilence } from '../../tools/pipeline/narration/synth'
import { loadCatalog, planJobs, type Track } from '../../tools/pipeline/narration/tracks'

const FIXTURE = join(import.meta.dirname, '../fixtures/narration')
const ASSETS = join(FIXTURE, 'assets')
const NBSP = '\u00a0'

describe('splitSentences (English)', () => {
  it('splits at sentence ends only', () => {
    expect(
      splitSentences(
        'Welcome to St. Lawrence Hall. Dr. Smith opened it at 3 p.m. on May 1, 1851. It cost $3.5 million, etc. and more! Really? "Yes." John A. Macdonald spoke here… Then No. 5 closed.',
        'en',
      ),
    ).toEqual([
      'Welcome to St. Lawrence Hall.',
      'Dr. Smith opened it at 3 p.m. on May 1, 1851.',
      'It cost $3.5 million, etc. and more!',
      'Really?',
      '"Yes."',
      'John A. Macdonald spoke here…',
      'Then No. 5 closed.',
    ])
  })

  it('keeps a.m./p.m. and titles with the following capital, splits after a plain word', () => {
    expect(splitSentences('The doors open at 10 a.m. Eastern time. Mr. Pearson spoke.', 'en')).toEqual([
      'The doors open at 10 a.m. Eastern time.',
      'Mr. Pearson spoke.',
    ])
    expect(splitSentences('They said no. Then they left.', 'en')).toEqual([
      'They said no.',
      'Then they left.',
    ])
  })

  it('collapses whitespace and treats a blank line as a sentence end', () => {
    expect(splitSentences('  One line\n  continues here\n\nA new paragraph without a stop', 'en-CA')).toEqual(
      ['One line continues here', 'A new paragraph without a stop'],
    )
    expect(splitSentences('   ', 'en')).toEqual([])
  })
})

describe('splitSentences (French)', () => {
  it('handles guillemets, no-break spaces and French abbreviations', () => {
    const script = `Bienvenue à l’édifice du Centre${NBSP}! M.${NBSP}Tremblay a dit${NBSP}: «${NBSP}C’est magnifique.${NBSP}» Puis il est parti. Vers 52 av. J.-C. les Romains… Le coût${NBSP}: 3,5${NBSP}M$. Vraiment${NBSP}? Oui.`
    expect(splitSentences(script, 'fr')).toEqual([
      `Bienvenue à l’édifice du Centre${NBSP}!`,
      `M.${NBSP}Tremblay a dit${NBSP}: «${NBSP}C’est magnifique.${NBSP}»`,
      'Puis il est parti.',
      'Vers 52 av. J.-C. les Romains…',
      `Le coût${NBSP}: 3,5${NBSP}M$.`,
      `Vraiment${NBSP}?`,
      'Oui.',
    ])
  })

  it('accepts an ordinary space before a closing guillemet', () => {
    expect(splitSentences('Il a dit : « Oui. » Puis MM. Roy et Côté sont partis.', 'fr-CA')).toEqual([
      'Il a dit : « Oui. »',
      'Puis MM. Roy et Côté sont partis.',
    ])
  })

  it('keeps the words of the script, in order', () => {
    const script = `Le 17 avril 1982, la reine Elizabeth II proclamait la Loi. Sa première partie${NBSP}: la Charte${NBSP}!`
    expect(words(splitSentences(script, 'fr').join(' '))).toEqual(words(script))
  })
})

describe('spokenForm', () => {
  it('expands what espeak-ng would spell out, for the voice only', () => {
    expect(spokenForm(`M.${NBSP}Tremblay, Mme Roy, Elizabeth II, au XIXe siècle, à 15 h 30`, 'fr')).toBe(
      `Monsieur${NBSP}Tremblay, Madame Roy, Elizabeth deux, au 19ième siècle, à 15 heures 30`,
    )
    expect(spokenForm('the Métis [[not phonemes]]', 'en')).toBe("the [[meIt'i:]] [ [not phonemes] ]")
  })
})

describe('caption chunking', () => {
  const { maxLineChars, maxLines, maxCueChars } = CAPTION_LAYOUT
  const sentences: [string, string][] = [
    ['en', 'Parliament Hill stands on the unceded territory of the Algonquin Anishinaabe people.'],
    [
      'en',
      'Inuit, Métis and First Nations Survivors created it together, to honour those who lived through the schools, their families and their communities.',
    ],
    [
      'en',
      'The Charter protects fundamental freedoms and the right to equality, and it gives English and French equal status in the institutions of Parliament and the Government of Canada.',
    ],
    [
      'fr',
      'Selon les estimations publiées en 2021, les travaux coûteront de quatre milliards et demi à cinq milliards de dollars et dureront jusque vers 2030 ou 2031.',
    ],
    [
      'fr',
      `Le Parlement, lui, continue de siéger${NBSP}: la Chambre des communes se réunit dans une nouvelle salle.`,
    ],
    ['en', 'Short.'],
  ]

  it('never makes a cue of more than two lines of 42 characters, and keeps every character', () => {
    for (const [lang, sentence] of sentences) {
      const pieces = chunkSentence(sentence, lang)
      expect(pieces.join(' ')).toBe(sentence)
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(maxCueChars)
        const lines = wrapCueText(piece, lang)
        expect(lines).not.toBeNull()
        expect(lines!.length).toBeLessThanOrEqual(maxLines)
        for (const line of lines!) expect(line.length).toBeLessThanOrEqual(maxLineChars)
        expect(lines!.join(' ')).toBe(piece)
      }
    }
  })

  it('keeps a sentence that fits as one cue and cuts long ones at natural breaks', () => {
    expect(chunkSentence('This door is 3.5 metres tall.', 'en')).toEqual(['This door is 3.5 metres tall.'])
    const pieces = chunkSentence(sentences[1]![1], 'en')
    expect(pieces.length).toBeGreaterThan(1)
    // Every cut falls after a comma here: the sentence has enough of them.
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/,$/)
  })

  it('does not end a cue on an article or a conjunction when it can avoid it', () => {
    for (const [lang, sentence] of sentences)
      for (const piece of chunkSentence(sentence, lang).slice(0, -1))
        expect(piece).not.toMatch(/ (the|a|of|and|who|de|la|et|qui|se)$/)
  })

  it('survives words longer than a line', () => {
    const long = `See ${'x'.repeat(60)} and then ${'y'.repeat(50)} for details on this matter, as before.`
    const pieces = chunkSentence(long, 'en')
    expect(pieces.join(' ')).toBe(long)
  })

  it('builds cues that never overlap, stay inside the audio and say the script', () => {
    const timed = sentences.map(([, text], i) => ({ text, start: i * 5, end: i * 5 + 4.4 }))
    const duration = timed.at(-1)!.end
    const cues = buildCues(timed, 'en', duration)
    for (let k = 0; k < cues.length; k++) {
      expect(cues[k]!.end).toBeGreaterThan(cues[k]!.start)
      if (k > 0) expect(cues[k]!.start).toBeGreaterThanOrEqual(cues[k - 1]!.end)
    }
    expect(cues.at(-1)!.end).toBeLessThanOrEqual(duration)
    expect(cues[0]!.start).toBe(0)
    expect(words(cues.map((c) => c.text).join(' '))).toEqual(words(sentences.map(([, s]) => s).join(' ')))
    // Split sentences share their time in proportion to characters, without gaps.
    const parts = cues.filter((c) => c.id?.startsWith('2.'))
    expect(parts.length).toBeGreaterThan(1)
    expect(parts[0]!.start).toBe(5)
    expect(parts.at(-1)!.end).toBe(9.4)
  })

  it('clamps a sentence that would run past the audio', () => {
    const cues = buildCues([{ text: 'Hello there.', start: 0, end: 3.2 }], 'en', 3.0004)
    expect(cues).toEqual([{ id: '1', start: 0, end: 3, text: 'Hello there.' }])
  })

  it('writes WebVTT that the parser reads back, with &, < and > escaped', () => {
    const cues = buildCues([{ text: 'Lectures & <public> meetings.', start: 0.5, end: 2 }], 'en', 2)
    const vtt = writeVtt(cues)
    expect(vtt).toBe('WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\nLectures &amp; &lt;public&gt; meetings.\n')
    const back = parseVtt(vtt)
    expect(back.errors).toEqual([])
    expect(back.cues).toEqual(cues)
  })
})

describe('mp3Duration', () => {
  const mp3 = new Uint8Array(readFileSync(join(ASSETS, 'audio/fixture-hall/door.en.mp3')))
  const manifest = JSON.parse(readFileSync(join(ASSETS, 'audio/manifest.json'), 'utf8')) as {
    outputs: Record<string, { duration: number }>
  }

  it('reads the exact length of a generated MP3 from its Info/LAME header', () => {
    const d = mp3Duration(mp3)
    // The pipeline measured the same file when it built it (rounded to the millisecond).
    expect(d).toBeCloseTo(manifest.outputs['audio/fixture-hall/door.en.mp3']!.duration, 3)
    expect(d).toBeGreaterThan(2)
    expect(d).toBeLessThan(3)
  })

  it('skips an ID3v2 tag in front', () => {
    const body = new TextEncoder().encode('TIT2 some title padding \xff\xfb junk')
    const tag = new Uint8Array(10 + body.length)
    tag.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, body.length])
    tag.set(body, 10)
    const tagged = new Uint8Array(tag.length + mp3.length)
    tagged.set(tag)
    tagged.set(mp3, tag.length)
    expect(mp3Duration(tagged)).toBeCloseTo(mp3Duration(mp3), 6)
  })

  it('counts frames when there is no Info header', () => {
    // Blank the "Info" tag: the frames are then counted, encoder delay and padding included.
    const plain = mp3.slice()
    const at = Buffer.from(plain).indexOf('Info')
    expect(at).toBeGreaterThan(0)
    plain.set([0, 0, 0, 0], at)
    const counted = mp3Duration(plain)
    expect(counted).toBeGreaterThan(mp3Duration(mp3))
    expect(counted - mp3Duration(mp3)).toBeLessThan(0.2)
  })

  it('throws on bytes that are not MPEG audio', () => {
    expect(() => mp3Duration(new Uint8Array(0))).toThrow()
    expect(() => mp3Duration(new TextEncoder().encode('WEBVTT\n\nnot audio at all'))).toThrow()
  })
})

describe('WAV handling', () => {
  it('reads 16-bit mono PCM and trims silence at the ends', () => {
    const rate = 22050
    const samples = new Int16Array(rate) // one second: silence, a tone in the middle, silence
    for (let i = 8000; i < 14000; i++) samples[i] = Math.round(8000 * Math.sin(i / 5))
    const bytes = Buffer.alloc(44 + samples.length * 2)
    bytes.write('RIFF', 0)
    bytes.writeUInt32LE(36 + samples.length * 2, 4)
    bytes.write('WAVEfmt ', 8)
    bytes.writeUInt32LE(16, 16)
    bytes.writeUInt16LE(1, 20)
    bytes.writeUInt16LE(1, 22)
    bytes.writeUInt32LE(rate, 24)
    bytes.writeUInt32LE(rate * 2, 28)
    bytes.writeUInt16LE(2, 32)
    bytes.writeUInt16LE(16, 34)
    bytes.write('data', 36)
    bytes.writeUInt32LE(samples.length * 2, 40)
    for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, 44 + 2 * i)
    const wav = readWav(new Uint8Array(bytes))
    expect(wav.sampleRate).toBe(rate)
    expect(wav.samples).toEqual(samples)
    const trimmed = trimSilence(wav.samples, rate)
    expect(trimmed.length).toBeGreaterThan(6000)
    expect(trimmed.length).toBeLessThan(6000 + 0.1 * rate)
    expect(() => readWav(new Uint8Array(10))).toThrow()
  })
})

describe('checkNarration', () => {
  const load = (id: string) => {
    const parsed = parseTourText(readFileSync(join(FIXTURE, 'scenes', id, 'tour.json'), 'utf8'))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    return parsed.tour
  }
  const tour = load('fixture-hall')
  const temp = mkdtempSync(join(tmpdir(), 'portage-narration-test-'))
  afterAll(() => rmSync(temp, { recursive: true, force: true }))

  it('passes the generated fixture', () => {
    expect(checkNarration(tour, ASSETS)).toEqual([])
    expect(checkNarration(load('fixture-national'), ASSETS)).toEqual([])
  })

  it('reports missing, unreadable, overlong, overlapping and mistranscribed tracks by JSON path', () => {
    const assets = join(temp, 'assets')
    cpSync(ASSETS, assets, { recursive: true })
    const vtt = (name: string) => join(assets, 'captions/fixture-hall', name)
    rmSync(join(assets, 'audio/fixture-hall/door.en.mp3'))
    writeFileSync(join(assets, 'audio/fixture-hall/door.fr.mp3'), 'not an mp3')
    writeFileSync(vtt('door.en.vtt'), 'WEBVTT\n')
    writeFileSync(
      vtt('welcome.en.vtt'),
      'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nWelcome to St. Lawrence Hall,\n\n00:00:02.000 --> 00:00:99.000\nbroken\n\n00:00:02.500 --> 00:00:04.000\nopened at 3 p.m. in 1852.\n',
    )
    const frScript = tour.stops[0]!.hotspots[0]!.narration.fr!.script
    writeFileSync(vtt('welcome.fr.vtt'), `WEBVTT\n\n00:00:00.000 --> 00:01:39.000\n${frScript}\n`)
    const problems = checkNarration(tour, assets)
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message)
    const h0 = 'stops[0].hotspots[0].narration'
    const h1 = 'stops[0].hotspots[1].narration'
    expect(at(`${h1}.en.audio`)).toEqual([expect.stringMatching(/does not exist/)])
    expect(at(`${h1}.en.captions`)).toEqual([expect.stringMatching(/no cues/)])
    expect(at(`${h1}.fr.audio`)).toEqual([expect.stringMatching(/not a readable MP3/)])
    // Unreadable audio cannot time its captions; their words still match.
    expect(at(`${h1}.fr.captions`)).toEqual([])
    expect(at(`${h0}.en.captions`)).toEqual([
      expect.stringMatching(/line 6: bad end time/),
      expect.stringMatching(/must not overlap/),
      expect.stringMatching(/the script says "1851 its hall held" but the captions say "1852"/),
    ])
    expect(at(`${h0}.fr.captions`)).toEqual([
      expect.stringMatching(/^captions run past the end of their audio: the last cue ends at 99.000 s/),
    ])
    expect(problems).toHaveLength(7)
  })

  it('describes where words differ', () => {
    expect(compareWords(['a', 'b'], ['a', 'b'])).toBeNull()
    expect(compareWords(['a', 'b', 'c'], ['a', 'b'])).toMatch(
      /captions stop after "a b"; the script goes on with "c"/,
    )
    expect(compareWords(['a'], ['a', 'z'])).toMatch(/captions go on after "a" with "z"/)
    expect(words(`L’édifice du Centre${NBSP}: « Bienvenue${NBSP}! »`)).toEqual([
      'l',
      'édifice',
      'du',
      'centre',
      'bienvenue',
    ])
  })
})

describe('tracks', () => {
  it('reads the fixture catalog and builds each shared file once', () => {
    const { tours, problems } = loadCatalog(join(FIXTURE, 'scenes'))
    expect(problems).toEqual([])
    const tracks = tours.flatMap((t) => t.tracks)
    expect(tracks).toHaveLength(6)
    const { jobs, conflicts } = planJobs(tracks)
    expect(conflicts).toEqual([])
    expect(jobs.map((j) => j.audio).sort()).toEqual([
      'audio/fixture-hall/door.en.mp3',
      'audio/fixture-hall/door.fr.mp3',
      'audio/fixture-hall/welcome.en.mp3',
      'audio/fixture-hall/welcome.fr.mp3',
    ])
    expect(jobs.find((j) => j.audio.endsWith('welcome.en.mp3'))!.tracks.map((t) => t.tourId)).toEqual([
      'fixture-hall',
      'fixture-national',
    ])
  })

  it('refuses to build a file that two tracks describe differently', () => {
    const base: Track = {
      tourId: 'a',
      stopId: 's',
      hotspotId: 'h',
      lang: 'en',
      script: 'One.',
      audio: 'audio/s/h.en.mp3',
      captions: 'captions/s/h.en.vtt',
      path: 'stops[0].hotspots[0].narration.en',
    }
    const { jobs, conflicts } = planJobs([base, { ...base, tourId: 'b', script: 'Two.' }])
    expect(jobs).toEqual([])
    expect(conflicts).toEqual([expect.stringMatching(/different script/)])
  })
})

describe('re-timing a recording', () => {
  it('parses silencedetect output', () => {
    const log = [
      '[silencedetect @ 0x55] silence_start: -0.0008',
      '[silencedetect @ 0x55] silence_end: 0.84 | silence_duration: 0.84',
      '[silencedetect @ 0x55] silence_start: 6.5',
      '[silencedetect @ 0x55] silence_end: 6.97 | silence_duration: 0.47',
      '[silencedetect @ 0x55] silence_start: 10.1',
    ].join('\n')
    expect(parseSilenceDetect(log)).toEqual([
      { start: 0, end: 0.84 },
      { start: 6.5, end: 6.97 },
      { start: 10.1, end: Infinity },
    ])
  })

  it('picks the sentence pauses among comma pauses, by sentence length', () => {
    // Three sentences of 40, 80 and 40 characters at 0.06 s a character, 0.5 s pauses between,
    // and shorter pauses at commas inside the long one.
    const silences = [
      { start: 0, end: 1 },
      { start: 3.4, end: 3.9 },
      { start: 5.5, end: 5.7 },
      { start: 7.2, end: 7.4 },
      { start: 8.7, end: 9.2 },
      { start: 11.6, end: 13 },
    ]
    const { spans, atPauses, interpolated } = alignSentences([40, 80, 40], silences, 13)
    expect(atPauses).toBe(2)
    expect(interpolated).toBe(0)
    expect(spans.map((s) => [+s.start.toFixed(2), +s.end.toFixed(2)])).toEqual([
      [0.9, 3.5],
      [3.8, 8.8],
      [9.1, 11.7],
    ])
  })

  it('places a break by characters when the reader ran two sentences together', () => {
    const { spans, interpolated } = alignSentences([50, 50, 100], [{ start: 6, end: 6.6 }], 12.6)
    expect(interpolated).toBe(1)
    expect(spans).toHaveLength(3)
    expect(spans[1]!.start).toBeCloseTo(3, 1)
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end)
    expect(spans.at(-1)!.end).toBeLessThanOrEqual(12.6)
  })
})
