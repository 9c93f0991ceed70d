import { pbkdf2Sync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatPinHash,
  fromBase64Url,
  hashPin,
  parsePinHash,
  pinHashProblem,
  PIN_HASH_ITERATIONS,
  toBase64Url,
  verifyPin,
} from '../../../src/core/kiosk/pin-hash'
import {
  gestureTap,
  initialGesture,
  isOperatorShortcut,
} from '../../../src/modes/kiosk/logic/operator-gesture'
import {
  PIN_LOCKOUT,
  initialPinGuard,
  lockedFor,
  parsePinGuard,
  recordAttempt,
  type PinGuard,
} from '../../../src/modes/kiosk/logic/pin'
import { webCryptoPbkdf2 } from '../../../src/modes/kiosk/operator'
import { configWithPin, nodePbkdf2 } from '../../../tools/kiosk/set-pin'

// The browser's derivation (WebCrypto, as the kiosk page runs it), here on Node's WebCrypto.
const browser = webCryptoPbkdf2(globalThis.crypto.subtle)
const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 7)

describe('operator PIN hash', () => {
  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
        expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
      }),
    )
  })

  it('is PBKDF2-HMAC-SHA-256 with a per-PIN salt: the tool writes what the page verifies', async () => {
    const stored = await hashPin('135790', nodePbkdf2, salt, 100_000)
    const { key, iterations } = parsePinHash(stored)!
    expect(iterations).toBe(100_000)
    expect(Buffer.from(key)).toEqual(pbkdf2Sync('135790', salt, 100_000, 32, 'sha256'))
    expect(await verifyPin('135790', stored, browser)).toBe(true)
    expect(await verifyPin('135791', stored, browser)).toBe(false)
    expect(await verifyPin('', stored, browser)).toBe(false)
    expect(await verifyPin(stored, stored, browser)).toBe(false)
    // Same PIN, another salt: another hash (a table of precomputed hashes is useless).
    const other = await hashPin(
      '135790',
      nodePbkdf2,
      salt.map((b) => b ^ 1),
      100_000,
    )
    expect(other).not.toBe(stored)
  })

  it('writes a new hash with the default (slow) iteration count into the configuration, keeping the rest', async () => {
    const text = await configWithPin(JSON.stringify({ version: 'portage.kiosk/1', tours: ['a'] }), '24681357')
    const config = JSON.parse(text) as Record<string, string>
    expect(config['tours']).toEqual(['a'])
    expect(parsePinHash(config['operatorPin']!)!.iterations).toBe(PIN_HASH_ITERATIONS)
    expect(config['operatorPin']).not.toContain('24681357')
    await expect(configWithPin(null, '1234')).rejects.toThrow(/6 to 12 digits/)
  })

  it('refuses plain PINs, unsalted hashes, weak or absurd iteration counts, and broken values', () => {
    const good = formatPinHash({ iterations: 600_000, salt, key: new Uint8Array(32) })
    expect(pinHashProblem(good)).toBeNull()
    for (const bad of [
      '2468',
      2468,
      '24680000',
      'sha256:' + 'a'.repeat(64),
      formatPinHash({ iterations: 1000, salt, key: new Uint8Array(32) }),
      formatPinHash({ iterations: 1e9, salt, key: new Uint8Array(32) }),
      formatPinHash({ iterations: 600_000, salt: new Uint8Array(4), key: new Uint8Array(32) }),
      formatPinHash({ iterations: 600_000, salt, key: new Uint8Array(8) }),
      good.replace('pbkdf2-sha256', 'pbkdf2-sha1'),
      good + '$x',
      '',
      null,
    ])
      expect(pinHashProblem(bad), String(bad)).not.toBeNull()
  })
})

describe('PIN pad lockout', () => {
  const fail = (guard: PinGuard, now: number, times: number) => {
    let result = ''
    for (let i = 0; i < times; i++) ({ guard, result } = recordAttempt(guard, false, now))
    return { guard, result }
  }

  it('locks after repeated wrong PINs, each lock twice as long as the last, up to a cap', () => {
    let guard = initialPinGuard()
    const lengths: number[] = []
    let now = 1_000_000
    for (let lock = 0; lock < 9; lock++) {
      const r = fail(guard, now, PIN_LOCKOUT.attempts)
      expect(r.result).toBe('locked')
      guard = r.guard
      lengths.push(lockedFor(guard, now) / 60_000)
      now = guard.lockedUntil
      expect(lockedFor(guard, now)).toBe(0)
    }
    expect(lengths).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
    // The right PIN opens it and starts over.
    expect(recordAttempt(guard, true, now)).toEqual({ guard: initialPinGuard(), result: 'ok' })
  })

  it('survives a reload: read back from storage as it was written', () => {
    const { guard } = fail(initialPinGuard(), 5000, PIN_LOCKOUT.attempts)
    const back = parsePinGuard(JSON.stringify(guard), 6000)
    expect(back).toEqual(guard)
    expect(lockedFor(back, 6000)).toBeGreaterThan(0)
  })

  it('reads a tampered or corrupted record as a lock, not as fresh guesses; a clock set back cannot lock for ever', () => {
    for (const text of ['{', '"x"', '{"failures":-1,"lockedUntil":0,"lockouts":0}', '{}'])
      expect(lockedFor(parsePinGuard(text, 0), 0)).toBe(PIN_LOCKOUT.firstLockMs)
    expect(parsePinGuard(null, 0)).toEqual(initialPinGuard())
    expect(lockedFor({ failures: 0, lockouts: 3, lockedUntil: 1e15 }, 0)).toBe(PIN_LOCKOUT.maxLockMs)
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
