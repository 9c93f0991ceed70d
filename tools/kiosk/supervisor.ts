/**
 * The launcher's restart policy, as pure functions: how long to wait before restarting a browser
 * (or server) that exited, and when a silent page counts as hung. A kiosk must come back by itself,
 * but a browser that dies at once must not be restarted in a tight loop either.
 */

export type Backoff = {
  /** First wait, ms. */
  minMs: number
  /** Longest wait, ms. */
  maxMs: number
  /** A run at least this long counts as healthy: the next failure starts again at `minMs`. */
  stableMs: number
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 60_000, stableMs: 5 * 60_000 }

/**
 * After an exit: the number of quick failures in a row so far (0 after a healthy run) and the
 * delay before the next start, doubling up to the cap.
 */
export function nextRestart(
  failuresBefore: number,
  ranMs: number,
  policy: Backoff = DEFAULT_BACKOFF,
): { failures: number; delayMs: number } {
  const failures = ranMs >= policy.stableMs ? 1 : failuresBefore + 1
  const delayMs = Math.min(policy.maxMs, policy.minMs * 2 ** (failures - 1))
  return { failures, delayMs }
}

export type Heartbeats = {
  /** When the browser was started, ms. */
  startedAt: number
  /** Last heartbeat from the kiosk page, ms (0: none yet). */
  lastBeatAt: number
}

/**
 * Whether the kiosk page is hung: it did beat (so it loaded), and has been silent for longer than
 * the timeout; or it never beat within the start grace period.
 */
export function isHung(h: Heartbeats, now: number, timeoutMs: number, startGraceMs: number): boolean {
  if (h.lastBeatAt === 0) return now - h.startedAt > startGraceMs
  return now - h.lastBeatAt > timeoutMs
}
