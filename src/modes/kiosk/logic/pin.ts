/**
 * The operator PIN pad's lockout, as pure state over wall-clock time. It is kept in the kiosk's own
 * storage (operator.ts), so a reload does not give a visitor five fresh guesses; each lockout in a
 * row lasts twice the one before, up to a ceiling. The PIN itself is checked against a salted, slow
 * hash (src/core/kiosk/pin-hash.ts); this file never sees it.
 */

/** Wrong PINs allowed before the pad locks; the first lock's length, doubling each time, to a cap. */
export const PIN_LOCKOUT = { attempts: 5, firstLockMs: 60_000, maxLockMs: 60 * 60_000 } as const

export type PinGuard = {
  /** Wrong PINs since the last lock (or success). */
  failures: number
  /** Epoch ms until which the pad refuses every PIN. */
  lockedUntil: number
  /** Locks in a row since the last right PIN: each lasts twice the one before. */
  lockouts: number
}

export const initialPinGuard = (): PinGuard => ({ failures: 0, lockedUntil: 0, lockouts: 0 })

/** Length of the next lock after `lockouts` earlier ones. */
export const lockMs = (lockouts: number) =>
  Math.min(PIN_LOCKOUT.maxLockMs, PIN_LOCKOUT.firstLockMs * 2 ** Math.min(lockouts, 30))

/**
 * Ms the pad stays locked at `now` (0 when open). A lock that ends further ahead than the longest
 * lock can last (the clock was set back) ends at most that far ahead: a wrong clock cannot lock the
 * operator out for good.
 */
export function lockedFor(guard: PinGuard, now: number): number {
  return Math.max(0, Math.min(guard.lockedUntil - now, PIN_LOCKOUT.maxLockMs))
}

/** The guard after one checked PIN (call only when `lockedFor` is 0). */
export function recordAttempt(
  guard: PinGuard,
  ok: boolean,
  now: number,
): { guard: PinGuard; result: 'ok' | 'wrong' | 'locked' } {
  if (ok) return { guard: initialPinGuard(), result: 'ok' }
  const failures = guard.failures + 1
  if (failures < PIN_LOCKOUT.attempts) return { guard: { ...guard, failures }, result: 'wrong' }
  return {
    guard: { failures: 0, lockedUntil: now + lockMs(guard.lockouts), lockouts: guard.lockouts + 1 },
    result: 'locked',
  }
}

/** A guard read back from storage; anything unreadable is a guard that starts locked once. */
export function parsePinGuard(text: string | null, now: number): PinGuard {
  if (text === null) return initialPinGuard()
  try {
    const v = JSON.parse(text) as Partial<PinGuard>
    const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null)
    const failures = n(v.failures)
    const lockedUntil = n(v.lockedUntil)
    const lockouts = n(v.lockouts)
    if (failures !== null && lockedUntil !== null && lockouts !== null)
      return { failures: Math.floor(failures), lockedUntil, lockouts: Math.floor(lockouts) }
  } catch {
    // below
  }
  // Tampered with or corrupted: the safe reading is a lock, not a fresh set of guesses.
  return { failures: 0, lockedUntil: now + PIN_LOCKOUT.firstLockMs, lockouts: 1 }
}
