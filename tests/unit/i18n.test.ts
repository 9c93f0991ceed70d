import { describe, expect, it } from 'vitest'
import {
  addMessages,
  localize,
  MESSAGES,
  pickLanguage,
  t,
  UI_LANGUAGES,
  type MessageKey,
} from '../../src/core/i18n/i18n'
import { KIOSK_MESSAGES } from '../../src/core/kiosk/messages'
import { LIVE_MESSAGES } from '../../src/core/live/messages'
import { AR_MESSAGES } from '../../src/core/ar/messages'

describe('interface strings', () => {
  const keys = Object.keys(MESSAGES['en']!)
  it('offers English and French first', () => expect(UI_LANGUAGES.slice(0, 2)).toEqual(['en', 'fr']))
  it.each(UI_LANGUAGES)('"%s" has every string, none empty, with the same placeholders', (lang) => {
    const messages = MESSAGES[lang]!
    expect(Object.keys(messages).sort()).toEqual([...keys].sort())
    for (const key of keys) {
      expect(messages[key]?.trim(), `${lang}:${key}`).toBeTruthy()
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(vars(messages[key]!), `${lang}:${key}`).toEqual(vars(MESSAGES['en']![key]!))
    }
  })
  it('fills placeholders and falls back to English', () => {
    expect(t('fr', 'tour.stopOf', { index: 2, count: 8 })).toBe('Étape 2 sur 8')
    expect(t('xx', 'tour.nextStop')).toBe('Next stop')
  })
  it('shows a key no locale has as itself: typed code cannot ask for one, a key cast from data can', () => {
    expect(t('fr', 'no.such.key' as MessageKey)).toBe('no.such.key')
  })
})

describe.each([
  ['kiosk', KIOSK_MESSAGES, 'kiosk.touchToBegin'],
  ['live group tour', LIVE_MESSAGES, 'live.joinGroup'],
  ['AR mode', AR_MESSAGES, 'ar.quickLook.note'],
] as const)("the %s's own strings", (_, strings, sample) => {
  const keys = Object.keys(strings['en']!)
  it('are not among the strings every visitor downloads, and are complete in each language', () => {
    expect(keys.length).toBeGreaterThan(20)
    expect(keys.filter((k) => k in MESSAGES['en']!)).toEqual([])
    expect(Object.keys(strings).sort()).toEqual([...UI_LANGUAGES].sort())
    for (const lang of UI_LANGUAGES) {
      expect(Object.keys(strings[lang]!).sort()).toEqual([...keys].sort())
      for (const key of keys) expect(strings[lang]![key]?.trim(), `${lang}:${key}`).toBeTruthy()
    }
  })
  it('are found by t() once the mode adds them, and leave the others as they were', () => {
    expect(t('fr', sample)).toBe(sample)
    addMessages(strings)
    expect(t('fr', sample)).toBe(strings['fr']![sample])
    expect(t('fr', 'tour.stopOf', { index: 2, count: 8 })).toBe('Étape 2 sur 8')
  })
})

describe('choosing the language', () => {
  it('URL first, then the saved choice, then the browser, then English', () => {
    expect(pickLanguage({ url: 'fr', saved: 'en', browser: ['en-CA'] })).toBe('fr')
    expect(pickLanguage({ url: 'zz', saved: 'fr', browser: ['en-CA'] })).toBe('fr')
    expect(pickLanguage({ browser: ['de-DE', 'fr-CA'] })).toBe('fr')
    expect(pickLanguage({ browser: ['de-DE'] })).toBe('en')
    expect(pickLanguage({})).toBe('en')
  })
  it('picks content text in the language, else English', () => {
    expect(localize({ en: 'Hello', fr: 'Bonjour' }, 'fr')).toBe('Bonjour')
    expect(localize({ en: 'Hello', fr: 'Bonjour' }, 'iu')).toBe('Hello')
  })
})
