import { describe, expect, it } from 'vitest'
import { cueAt, formatVttTimestamp, parseVtt, type Cue } from '../../src/core/content/webvtt'

describe('parseVtt', () => {
  it('reads a typical captions file', () => {
    const { cues, errors } = parseVtt(
      [
        'WEBVTT - Parliament Hill',
        'Kind: captions',
        '',
        'NOTE written by hand',
        'over two lines',
        '',
        'STYLE',
        '::cue { color: yellow }',
        '',
        'REGION',
        'id:fred width:40%',
        '',
        'intro',
        '00:00:00.000 --> 00:00:02.500',
        '<v Narrator>Welcome to <i>Parliament</i> Hill.</v>',
        '',
        '00:02.750 --> 00:05.100 align:start position:10% line:90%',
        'Two lines',
        'of <b>text</b>, <c.loud>tagged</c> &amp; escaped &lt;here&gt;',
        '',
        '1:00:00.000 --> 01:00:01.001',
        'An hour in.',
        '',
      ].join('\n'),
    )
    expect(errors).toEqual([])
    expect(cues).toEqual([
      { id: 'intro', start: 0, end: 2.5, text: 'Welcome to Parliament Hill.' },
      { start: 2.75, end: 5.1, text: 'Two lines\nof text, tagged & escaped <here>' },
      { start: 3600, end: 3601.001, text: 'An hour in.' },
    ])
  })

  it('accepts a BOM, CRLF and CR line ends, and no final newline', () => {
    const crlf = parseVtt('\uFEFFWEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\nHello\r\nthere')
    expect(crlf.errors).toEqual([])
    expect(crlf.cues).toEqual([{ id: '1', start: 1, end: 2, text: 'Hello\nthere' }])
    const cr = parseVtt('WEBVTT\r\r00:01.000 --> 00:02.000\rHi')
    expect(cr.cues).toEqual([{ start: 1, end: 2, text: 'Hi' }])
  })

  it('accepts the header followed by a tab and text, and an empty cue', () => {
    const { cues, errors } = parseVtt(
      'WEBVTT\ttitle\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\nX\n',
    )
    expect(errors).toEqual([])
    expect(cues.map((c) => c.text)).toEqual(['', 'X'])
  })

  it('decodes numeric and named character references, leaving unknown ones', () => {
    const { cues } = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n&#233;t&#xE9; &nbsp;&lrm;&bogus; &#0;')
    expect(cues[0]?.text).toBe('été \u00a0\u200e&bogus; \uFFFD')
  })

  it('skips malformed cues with a line-numbered error and keeps the rest', () => {
    const { cues, errors } = parseVtt(
      [
        'WEBVTT',
        '',
        'bad-start',
        '00:00:1.000 --> 00:00:02.000',
        'skipped',
        '',
        '00:00:03,000 --> 00:00:04,000',
        'srt style',
        '',
        '00:00:05.000 --> 00:00:04.000',
        'backwards',
        '',
        '00:00:05.000 --> 00:00:05.000',
        'zero length',
        '',
        '00:61.000 --> 01:02.000',
        'sixty-one seconds',
        '',
        'just some words',
        'without timing',
        '',
        '00:00:06.000 --> 00:00:07.000',
        'kept',
      ].join('\n'),
    )
    expect(cues).toEqual([{ start: 6, end: 7, text: 'kept' }])
    expect(errors.map((e) => e.line)).toEqual([4, 7, 10, 13, 16, 19])
    expect(errors[1]?.message).toMatch(/SRT/)
    expect(errors[2]?.message).toMatch(/at or before it starts/)
    expect(errors[5]?.message).toMatch(/not a cue/)
  })

  it('reports a missing header but still reads the cues', () => {
    const { cues, errors } = parseVtt('00:00:01.000 --> 00:00:02.000\nno header\n')
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/WEBVTT/) as unknown as string }])
    expect(cues).toHaveLength(1)
    expect(parseVtt('WEBVTTX\n').errors[0]).toEqual({ line: 1, message: 'the file must start with "WEBVTT"' })
  })

  it('reads a cue that follows the header without a blank line', () => {
    const { cues } = parseVtt('WEBVTT\n00:00:01.000 --> 00:00:02.000\nHi\n')
    expect(cues).toEqual([{ start: 1, end: 2, text: 'Hi' }])
  })

  it('starts a new cue at a timing line inside cue text', () => {
    const { cues } = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n00:03.000 --> 00:04.000\nTwo\n')
    expect(cues.map((c) => c.text)).toEqual(['One', 'Two'])
  })

  it('sorts cues that are out of order, and says so', () => {
    const { cues, errors } = parseVtt('WEBVTT\n\n00:05.000 --> 00:06.000\nB\n\n00:01.000 --> 00:02.000\nA\n')
    expect(cues.map((c) => c.text)).toEqual(['A', 'B'])
    expect(errors).toEqual([{ line: 6, message: expect.stringMatching(/order/) as unknown as string }])
  })

  it('complains about STYLE after a cue, ignores NOTE anywhere', () => {
    const { cues, errors } = parseVtt(
      'WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nNOTE fine\n\nSTYLE\n::cue {}\n\n00:03.000 --> 00:04.000\nB\n',
    )
    expect(cues).toHaveLength(2)
    expect(errors).toEqual([{ line: 8, message: expect.stringMatching(/STYLE/) as unknown as string }])
  })

  it('returns nothing, without throwing, for empty or non-string input', () => {
    expect(parseVtt('')).toEqual({
      cues: [],
      errors: [{ line: 1, message: expect.any(String) as unknown as string }],
    })
    expect(parseVtt('WEBVTT')).toEqual({ cues: [], errors: [] })
    expect(() => parseVtt(undefined as unknown as string)).not.toThrow()
  })

  it('never throws on random input, and every cue it returns is sane', () => {
    // A fixed-seed generator keeps failures reproducible.
    let seed = 0x2f6b3a1
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed / 2 ** 32
    }
    const pieces = [
      'WEBVTT',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '-->',
      '00:00:01.000',
      '00:02.500',
      '99:99.999',
      ':',
      '.',
      '<',
      '>',
      '</v>',
      '<v A>',
      '&amp;',
      '&#x',
      ';',
      'NOTE',
      'STYLE',
      'x',
      'é',
      '\uFEFF',
      '\0',
      '1',
      '-',
      '\t',
    ]
    for (let n = 0; n < 3000; n++) {
      let s = rand() < 0.5 ? 'WEBVTT\n\n' : ''
      const len = Math.floor(rand() * 60)
      for (let i = 0; i < len; i++) {
        s +=
          rand() < 0.85
            ? pieces[Math.floor(rand() * pieces.length)]
            : String.fromCharCode(Math.floor(rand() * 0xffff))
      }
      const { cues, errors } = parseVtt(s)
      for (const cue of cues) {
        expect(Number.isFinite(cue.start) && Number.isFinite(cue.end)).toBe(true)
        expect(cue.end).toBeGreaterThan(cue.start)
      }
      for (const e of errors) expect(typeof e.message).toBe('string')
      for (let k = 1; k < cues.length; k++) expect(cues[k]!.start).toBeGreaterThanOrEqual(cues[k - 1]!.start)
    }
  })
})

describe('cueAt', () => {
  const cues: Cue[] = [
    { start: 0, end: 2, text: 'a' },
    { start: 2.35, end: 5, text: 'b' },
    { start: 5, end: 7.5, text: 'c' },
    { start: 8, end: 9, text: 'd' },
  ]
  it('finds the cue showing at a time, start inclusive and end exclusive', () => {
    expect(cueAt(cues, 0)?.text).toBe('a')
    expect(cueAt(cues, 1.999)?.text).toBe('a')
    expect(cueAt(cues, 2)).toBeNull()
    expect(cueAt(cues, 2.35)?.text).toBe('b')
    expect(cueAt(cues, 5)?.text).toBe('c')
    expect(cueAt(cues, 7.9)).toBeNull()
    expect(cueAt(cues, 8.5)?.text).toBe('d')
    expect(cueAt(cues, 9)).toBeNull()
    expect(cueAt(cues, -1)).toBeNull()
    expect(cueAt(cues, Number.NaN)).toBeNull()
    expect(cueAt([], 1)).toBeNull()
  })

  it('agrees with a linear scan on many cues', () => {
    const many: Cue[] = Array.from({ length: 500 }, (_, i) => ({
      start: i * 1.5,
      end: i * 1.5 + 1,
      text: String(i),
    }))
    for (let t = -1; t < 760; t += 0.37) {
      const linear = many.filter((c) => c.start <= t && t < c.end).at(-1) ?? null
      expect(cueAt(many, t)).toBe(linear)
    }
  })

  it('still finds an earlier long cue when cues overlap', () => {
    const overlapping: Cue[] = [
      { start: 0, end: 10, text: 'long' },
      { start: 1, end: 2, text: 'short' },
    ]
    expect(cueAt(overlapping, 1.5)?.text).toBe('short')
    expect(cueAt(overlapping, 5)?.text).toBe('long')
  })
})

describe('formatVttTimestamp', () => {
  it('writes hh:mm:ss.ttt, rounded to the millisecond', () => {
    expect(formatVttTimestamp(0)).toBe('00:00:00.000')
    expect(formatVttTimestamp(2.5)).toBe('00:00:02.500')
    expect(formatVttTimestamp(59.9996)).toBe('00:01:00.000')
    expect(formatVttTimestamp(3661.007)).toBe('01:01:01.007')
    expect(formatVttTimestamp(360000)).toBe('100:00:00.000')
  })

  it('round-trips through the parser', () => {
    for (const t of [0, 0.001, 1.234, 61.5, 3599.999, 7322.05]) {
      const line = `WEBVTT\n\n${formatVttTimestamp(t)} --> ${formatVttTimestamp(t + 1)}\nx`
      expect(parseVtt(line).cues[0]?.start).toBeCloseTo(t, 6)
    }
  })

  it('rejects negative and non-finite times', () => {
    expect(() => formatVttTimestamp(-0.5)).toThrow(RangeError)
    expect(() => formatVttTimestamp(Number.NaN)).toThrow(RangeError)
    expect(() => formatVttTimestamp(Infinity)).toThrow(RangeError)
  })
})
