/**
 * The live tour's pure pieces: join codes as typed, the protocol's schemas, the relay's limits, the
 * group summary the guide sees, and the mapping between a page and a session state.
 */
import { describe, expect, it } from 'vitest'
import { formatJoinCode, normalizeJoinCode } from '../../../src/core/live/join-code'
import {
  clientMessageSchema,
  CODE_ALPHABET,
  LIVE,
  serverMessageSchema,
  type SessionState,
} from '../../../src/core/live/protocol.mjs'
import { readBootConfig } from '../../../src/core/boot/boot-config'
import { readLiveBoot } from '../../../src/core/live/live-boot'
import { addReport, GROUP_STALE_MS, summarize } from '../../../src/modes/live/group'
import { isReplay, sessionFromApp } from '../../../src/modes/live/session-state'
import { createAppStore } from '../../../src/state/store'
import { joinAttempts, tokenBucket } from '../../../tools/server/live/limits.mjs'
import { memorySessionStore } from '../../../tools/server/live/session-store.mjs'
import { newCode, originAllowed } from '../../../tools/server/live/relay.mjs'

const STATE: SessionState = {
  tour: 'parliament-hill',
  stop: 'parliament-hill',
  hotspot: null,
  narration: 'idle',
  replays: 0,
  paused: false,
  look: null,
  lookSeq: 0,
}

describe('join codes', () => {
  it('accepts what people type or paste, and nothing that cannot be a code', () => {
    expect(normalizeJoinCode('abcd-2345')).toBe('ABCD2345')
    expect(normalizeJoinCode(' ABCD 2345 ')).toBe('ABCD2345')
    expect(normalizeJoinCode('https://x.example/?join=ABCD2345&lang=fr')).toBe('ABCD2345')
    expect(normalizeJoinCode('ABCD234')).toBeNull()
    expect(normalizeJoinCode('ABCD0123')).toBeNull() // 0 and 1 are not in the alphabet
    expect(formatJoinCode('ABCD2345')).toBe('ABCD-2345')
  })
  it('are made of the alphabet, at the documented length, and differ', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCode()))
    expect(codes.size).toBe(2000)
    for (const c of codes) {
      expect(c).toHaveLength(LIVE.codeLength)
      expect([...c].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true)
    }
  })
  it('are read from the address: ?join= and ?mode=guide&tour= (the boot config only flags one)', () => {
    expect(readLiveBoot('?join=abcd-2345&lang=fr')).toEqual({
      role: 'follower',
      code: 'ABCD2345',
      typed: 'abcd-2345',
    })
    expect(readLiveBoot('?join=nope')).toMatchObject({ role: 'follower', code: null })
    expect(readLiveBoot('?mode=guide&tour=parliament-hill')).toEqual({
      role: 'guide',
      tour: 'parliament-hill',
    })
    expect(readLiveBoot('?tour=parliament-hill')).toBeNull()
    expect(readBootConfig('?join=abcd-2345&tour=parliament-hill', '/')).toMatchObject({
      live: true,
      linkedTour: null,
    })
    expect(readBootConfig('?mode=guide&tour=parliament-hill', '/')).toMatchObject({
      live: true,
      linkedTour: 'parliament-hill',
    })
    expect(readBootConfig('?mode=kiosk&join=ABCD2345', '/').live).toBe(false)
    expect(readBootConfig('?tour=parliament-hill', '/').live).toBe(false)
  })
})

describe('protocol', () => {
  it('takes valid messages and refuses malformed ones', () => {
    expect(clientMessageSchema.safeParse({ t: 'state', state: STATE }).success).toBe(true)
    expect(
      clientMessageSchema.safeParse({ t: 'join', code: 'ABCD2345', lang: 'fr', name: 'Ana' }).success,
    ).toBe(true)
    expect(
      clientMessageSchema.safeParse({ t: 'join', code: 'ABCD2345', lang: 'fr', name: '<script>' }).success,
    ).toBe(false)
    expect(clientMessageSchema.safeParse({ t: 'state', state: { ...STATE, tour: '../x' } }).success).toBe(
      false,
    )
    expect(
      clientMessageSchema.safeParse({ t: 'state', state: { ...STATE, look: [0, Infinity, 0] } }).success,
    ).toBe(false)
    expect(clientMessageSchema.safeParse({ t: 'steal' }).success).toBe(false)
    expect(serverMessageSchema.safeParse({ t: 'ended', reason: 'guide' }).success).toBe(true)
  })
})

describe('relay limits', () => {
  it('a token bucket refuses a burst beyond its size and refills with time', () => {
    let now = 0
    const b = tokenBucket({ rate: 10, burst: 5, now: () => now })
    expect(Array.from({ length: 7 }, () => b.take())).toEqual([true, true, true, true, true, false, false])
    now += 200
    expect(b.take()).toBe(true)
    expect(b.take()).toBe(true)
    expect(b.take()).toBe(false)
  })
  it('failed join attempts are limited per address within the window', () => {
    let now = 0
    const a = joinAttempts({ limit: 3, windowMs: 1000, now: () => now })
    for (let i = 0; i < 3; i++) a.fail('1.2.3.4')
    expect(a.allowed('1.2.3.4')).toBe(false)
    expect(a.allowed('5.6.7.8')).toBe(true)
    now += 1001
    expect(a.allowed('1.2.3.4')).toBe(true)
  })
  it('the page origin must be this server or a listed one', () => {
    expect(originAllowed({ origin: 'http://h:1', host: 'h:1' })).toBe(true)
    expect(originAllowed({ origin: 'https://h:1', host: 'h:1' })).toBe(true)
    expect(originAllowed({ origin: 'http://evil', host: 'h:1' })).toBe(false)
    expect(originAllowed({ host: 'h:1' })).toBe(false)
    expect(originAllowed({ origin: 'https://pub', host: 'internal' }, ['https://pub'])).toBe(true)
  })
  it('an idle session is forgotten after the idle time', async () => {
    let now = 0
    const s = memorySessionStore({ now: () => now, idleMs: 1000 })
    const rec = { state: STATE, secretHash: 'x', guideOnline: true, guideOffAt: 0 }
    expect(await s.create('ABCD2345', rec)).toBe(true)
    expect(await s.create('ABCD2345', rec)).toBe(false)
    now = 900
    expect(await s.put('ABCD2345', rec)).toBe(true)
    now = 1800
    expect(await s.get('ABCD2345')).not.toBeNull()
    now = 3000
    expect(await s.get('ABCD2345')).toBeNull()
  })
})

describe("the guide's view of the group", () => {
  const f = (looking: boolean, mode: '3d' | 'xr' | '2d' = '3d', name?: string) => ({
    id: Math.random().toString(36),
    lang: 'en',
    mode,
    at: mode === '2d' ? null : ([1, 2, 3] as [number, number, number]),
    looking,
    ...(name ? { name } : {}),
  })
  it('sums the processes, counts who looks at the story, and drops a silent process', () => {
    let g = addReport({}, 'a', [f(true), f(false, 'xr', 'Zoé')], 0)
    g = addReport(g, 'b', [f(true, '2d', 'Ana')], 100)
    const s = summarize(g, 200)
    expect(s).toMatchObject({
      count: 3,
      looking: 2,
      byMode: { '3d': 1, xr: 1, '2d': 1 },
      names: ['Ana', 'Zoé'],
    })
    expect(s.marks).toHaveLength(2)
    expect(summarize(g, 50 + GROUP_STALE_MS).count).toBe(1)
  })
})

describe('session state', () => {
  it("follows the guide's page, and a replay is told apart from a resume", () => {
    const app = createAppStore({ language: 'en' })
    expect(sessionFromApp(app.getState(), { paused: false, look: null, lookSeq: 0, replays: 0 })).toBeNull()
    const e = app.getState().engine
    const base = { ...e, hotspotId: 'h' }
    const at = (status: typeof e.narration.status, time: number) => ({
      ...base,
      narration: { ...e.narration, hotspotId: 'h', status, time },
    })
    expect(isReplay(at('playing', 12), at('loading', 0))).toBe(true)
    expect(isReplay(at('ended', 30), at('loading', 0))).toBe(true)
    expect(isReplay(at('paused', 12), at('loading', 12))).toBe(false)
    expect(isReplay(at('idle', 0), at('loading', 0))).toBe(false)
  })
})
