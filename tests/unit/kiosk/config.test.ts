import { describe, expect, it } from 'vitest'
import {
  DEFAULT_KIOSK_CONFIG,
  parseKioskConfig,
  PIN_ISSUE_PATH,
  resolveKioskTours,
} from '../../../src/core/kiosk/config'
import { formatPinHash } from '../../../src/core/kiosk/pin-hash'

const HASH = formatPinHash({
  iterations: 600_000,
  salt: new Uint8Array(16).fill(3),
  key: new Uint8Array(32).fill(9),
})

const LANGS = { languages: ['en', 'fr'] }
const parse = (value: unknown) => parseKioskConfig(JSON.stringify(value), LANGS)
const paths = (r: ReturnType<typeof parse>) => r.issues.map((i) => i.path)

describe('kiosk configuration', () => {
  it('reads a valid file as written, with no problem', () => {
    const r = parse({
      version: 'portage.kiosk/1',
      tours: ['parliament-hill', 'pier-21'],
      language: 'fr',
      idleTimeoutSeconds: 120,
      warningSeconds: 20,
      volume: 0.5,
      attract: { narration: 'audible', languages: ['fr'], stopSeconds: 4 },
      operatorPin: HASH,
      hosts: ['kiosk.embassy.example'],
    })
    expect(r.issues).toEqual([])
    expect(r.config).toMatchObject({
      tours: ['parliament-hill', 'pier-21'],
      language: 'fr',
      idleTimeoutSeconds: 120,
      warningSeconds: 20,
      volume: 0.5,
      operatorPin: HASH,
      hosts: ['kiosk.embassy.example'],
      attract: { narration: 'audible', languages: ['fr'], stopSeconds: 4, pauseSeconds: 3 },
    })
  })

  it('uses the defaults of the issue: 90 s idle, 30 s warning', () => {
    const r = parse({ version: 'portage.kiosk/1' })
    expect(r.config.idleTimeoutSeconds).toBe(90)
    expect(r.config.warningSeconds).toBe(30)
    expect(r.config).toEqual(DEFAULT_KIOSK_CONFIG)
    // No default PIN: the operator functions are closed, and the operator is told (an error).
    expect(r.config.operatorPin).toBeNull()
    expect(r.issues).toEqual([
      expect.objectContaining({
        path: PIN_ISSUE_PATH,
        severity: 'error',
        message: expect.stringMatching(/--set-pin/),
      }),
    ])
  })

  it('replaces each bad setting by its default and reports it by path, keeping the good ones', () => {
    const r = parse({
      version: 'portage.kiosk/1',
      language: 'de',
      idleTimeoutSeconds: -5,
      warningSeconds: 'thirty',
      volume: 3,
      attract: { narration: 'loud', languages: ['fr', 'xx'], stopSeconds: 2 },
      operatorPin: '12',
      tours: ['ok-tour', 'Bad Id'],
    })
    expect(paths(r)).toEqual(
      expect.arrayContaining([
        'idleTimeoutSeconds',
        'warningSeconds',
        'volume',
        'operatorPin',
        'tours',
        'attract.narration',
        'language',
        'attract.languages',
      ]),
    )
    expect(r.config.idleTimeoutSeconds).toBe(90)
    expect(r.config.warningSeconds).toBe(30)
    expect(r.config.volume).toBe(1)
    expect(r.config.language).toBe('en')
    expect(r.config.operatorPin).toBeNull()
    expect(r.config.tours).toEqual([])
    expect(r.config.attract).toMatchObject({ narration: 'muted', languages: ['fr'], stopSeconds: 2 })
    const idle = r.issues.find((i) => i.path === 'idleTimeoutSeconds')!
    expect(idle.message).toMatch(/at least 1.*default 90/)
    expect(idle.severity).toBe('error')
  })

  it('names settings it does not know (typos) instead of ignoring them silently', () => {
    const r = parse({ version: 'portage.kiosk/1', idleTimout: 30, attract: { narations: 'muted' } })
    expect(paths(r)).toEqual(expect.arrayContaining(['idleTimout', 'attract.narations']))
  })

  it('survives a missing file, broken JSON and a wrong document', () => {
    for (const text of [null, '{ "version": ', '[1,2]', '"kiosk"']) {
      const r = parseKioskConfig(text, LANGS)
      expect(r.config).toEqual(DEFAULT_KIOSK_CONFIG)
      expect(r.issues[0]!.path).toBe('')
      expect(r.issues.at(-1)!.path).toBe(PIN_ISSUE_PATH)
    }
    expect(parseKioskConfig(null).issues[0]!.message).toMatch(/not found/)
    expect(parseKioskConfig('{ "version": ').issues[0]!.message).toMatch(/not valid JSON/)
  })

  it('warns about another version but still reads it', () => {
    const r = parse({ version: 'portage.kiosk/2', idleTimeoutSeconds: 45 })
    expect(r.config.idleTimeoutSeconds).toBe(45)
    expect(r.issues[0]).toMatchObject({ path: 'version', severity: 'warning' })
  })

  it('never falls back silently: a number, upper-case hex, nine digits, plain or unsalted PINs are errors, and close the operator functions', () => {
    for (const operatorPin of [
      2468,
      `sha256:${'A'.repeat(64)}`,
      '123456789',
      '975310',
      `sha256:${'a'.repeat(64)}`,
      {},
    ]) {
      const r = parse({ version: 'portage.kiosk/1', operatorPin })
      expect(r.config.operatorPin, JSON.stringify(operatorPin)).toBeNull()
      expect(r.issues, JSON.stringify(operatorPin)).toEqual([
        expect.objectContaining({ path: PIN_ISSUE_PATH, severity: 'error' }),
      ])
    }
    expect(parse({ version: 'portage.kiosk/1', operatorPin: HASH }).config.operatorPin).toBe(HASH)
  })

  it('checks the hosts a kiosk runs on', () => {
    expect(
      paths(parse({ version: 'portage.kiosk/1', operatorPin: HASH, hosts: ['https://x.example/'] })),
    ).toEqual(['hosts'])
  })
})

describe('kiosk tours', () => {
  const loaded = [
    { id: 'a', ok: true },
    { id: 'b', ok: false },
    { id: 'c', ok: true },
  ]
  it('keeps the configured order, skipping unknown and broken tours with a reason', () => {
    const r = resolveKioskTours(['c', 'zzz', 'b', 'a'], loaded)
    expect(r.tours).toEqual(['c', 'a'])
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([
      ['tours[1]', expect.stringMatching(/not in scenes\/catalog.json/)],
      ['tours[2]', expect.stringMatching(/could not be loaded/)],
    ])
  })
  it('offers every loaded tour when none is configured, or none of the configured can be shown', () => {
    expect(resolveKioskTours([], loaded).tours).toEqual(['a', 'c'])
    const r = resolveKioskTours(['b'], loaded)
    expect(r.tours).toEqual(['a', 'c'])
    expect(r.issues.at(-1)!.path).toBe('tours')
  })
})
