import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  gestureTap,
  initialGesture,
  isOperatorShortcut,
} from '../../../src/modes/kiosk/logic/operator-gesture'
import {
  PIN_LOCKOUT,
  initialPinGuard,
  pinAttempt,
  pinMatches,
  sha256Hex,
} from '../../../src/modes/kiosk/logic/pin'

describe('operator PIN', () => {
  it('computes SHA-256 like Node does, for any text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
      }),
      { numRuns: 300 },
    )
  })

  it('matches a plain PIN or its hash, and nothing else', () => {
    expect(pinMatches('2468', '2468')).toBe(true)
    expect(pinMatches('2469', '2468')).toBe(false)
    expect(pinMatches('24680', '2468')).toBe(false)
    expect(pinMatches('', '2468')).toBe(false)
    expect(pinMatches('1357', `sha256:${sha256Hex('1357')}`)).toBe(true)
    expect(pinMatches('1358', `sha256:${sha256Hex('1357')}`)).toBe(false)
    expect(pinMatches(`sha256:${sha256Hex('1357')}`, `sha256:${sha256Hex('1357')}`)).toBe(false)
  })

  it('locks the pad after repeated wrong PINs, then lets the right one in', () => {
    let guard = initialPinGuard()
    let result = ''
    for (let i = 0; i < PIN_LOCKOUT.attempts; i++)
      ({ guard, result } = pinAttempt(guard, '0000', '2468', 1000))
    expect(result).toBe('locked')
    expect(pinAttempt(guard, '2468', '2468', 2000).result).toBe('locked')
    expect(pinAttempt(guard, '2468', '2468', 1000 + PIN_LOCKOUT.lockMs).result).toBe('ok')
  })
})

describe('operator gesture', () => {
  const tap = (x: number, y: number, now: number) => ({ x, y, now })
  it('opens on five quick taps in the top-left corner', () => {
    let s = initialGesture()
    const opened = [0, 300, 600, 900, 1200].map((t) => {
      const r = gestureTap(s, tap(20, 30, t))
      s = r.state
      return r.open
    })
    expect(opened).toEqual([false, false, false, false, true])
  })
  it('not when slow, and a tap elsewhere starts over', () => {
    let s = initialGesture()
    for (const t of [0, 3000, 6000, 9000, 12_000]) s = gestureTap(s, tap(10, 10, t)).state
    expect(gestureTap(s, tap(10, 10, 15_000)).open).toBe(false)
    s = initialGesture()
    for (const t of [0, 100, 200, 300]) s = gestureTap(s, tap(10, 10, t)).state
    s = gestureTap(s, tap(500, 10, 350)).state
    expect(gestureTap(s, tap(10, 10, 400)).open).toBe(false)
  })
  it('has a keyboard twin', () => {
    expect(isOperatorShortcut({ key: 'O', ctrlKey: true, altKey: true, shiftKey: true })).toBe(true)
    expect(isOperatorShortcut({ key: 'o', ctrlKey: true, altKey: false, shiftKey: true })).toBe(false)
  })
})
