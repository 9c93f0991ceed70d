/**
 * What a notice may repeat of a link (src/core/links/link-value.ts). Before, every unknown `tour`,
 * `stop`, `hotspot` and `lang` was quoted back whole: a megabyte of text, or a right-to-left override
 * that turns the institution's sentence around it backwards, shown on its own page.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linkNotice, QUOTE_MAX, quotableLinkValue } from '../../../src/core/links/link-value'
import en from '../../../src/core/i18n/locales/en.json'
import fr from '../../../src/core/i18n/locales/fr.json'

describe('quoting a link’s value back', () => {
  it('quotes ids and language tags as they are', () => {
    for (const v of ['atlantis', 'parliament-hill', 'no-such-stop', 'de', 'en-GB', 'stop_2', 'v1.2'])
      expect(quotableLinkValue(v)).toBe(v)
  })
  it('shortens a long id, to at most QUOTE_MAX characters', () => {
    const quoted = quotableLinkValue('a'.repeat(10_000))!
    expect(quoted).toHaveLength(QUOTE_MAX)
    expect(quoted.endsWith('…')).toBe(true)
  })
  it('describes anything else instead of echoing it', () => {
    for (const v of [
      '',
      '<img src=x onerror=alert(1)>',
      '"><svg onload=1>',
      'parliament\u202Eelif.exe',
      '\u202Ecentre-block',
      'centre-block\u2066',
      'stop\u200B',
      'Ｐarliament',
      'hill\n',
      ' hill',
      'a b',
      '-leading',
      'trailing-',
      'x'.repeat(5000) + '<',
    ])
      expect(quotableLinkValue(v), JSON.stringify(v.slice(0, 40))).toBeNull()
  })
  it('never quotes anything but a short run of ASCII letters, digits, - _ . (2,000 strings)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.stringMatching(/^[a-z0-9-]{1,80}$/)),
        (v) => {
          const q = quotableLinkValue(v)
          if (q === null) return
          expect(q.length).toBeLessThanOrEqual(QUOTE_MAX)
          expect(q).toMatch(/^[A-Za-z0-9._-]+…?$/)
          expect(v.startsWith(q.replace(/…$/, ''))).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })
  it('has a describing twin, without the value, for every notice that quotes one (en and fr)', () => {
    for (const key of [
      'notice.unknown-tour',
      'notice.unknown-stop',
      'notice.unknown-hotspot',
      'notice.unknown-lang',
      'handout.unknownTour',
    ] as const) {
      expect(linkNotice(key, '<b>')).toEqual({ key: `${key}-unnamed` })
      expect(linkNotice(key, 'atlantis')).toEqual({ key, vars: { value: 'atlantis' } })
      for (const locale of [en, fr] as Record<string, string>[]) {
        expect(locale[key]).toContain('{value}')
        expect(locale[`${key}-unnamed`]).toBeTruthy()
        expect(locale[`${key}-unnamed`]).not.toContain('{')
      }
    }
  })
  it('leaves no other interface string quoting a value of a link', () => {
    // Every placeholder named `value` is one of the notices above (the others are our own numbers,
    // titles and URLs): a new notice that echoes a link must come through linkNotice.
    const quoting = Object.entries(en as Record<string, string>)
      .filter(([, text]) => text.includes('{value}'))
      .map(([key]) => key)
    expect(quoting.sort()).toEqual(
      [
        'handout.unknownTour',
        'notice.unknown-hotspot',
        'notice.unknown-lang',
        'notice.unknown-stop',
        'notice.unknown-tour',
      ].sort(),
    )
  })
})
