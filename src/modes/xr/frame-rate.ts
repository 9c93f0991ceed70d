/** The headset's refresh rate: pure, unit-tested. */

/** The refresh rate to ask for: the highest offered up to `preferred`, else the lowest offered. */
export function pickFrameRate(supported: ArrayLike<number>, preferred: number): number | false {
  let best = -1
  let lowest = Infinity
  for (let i = 0; i < supported.length; i++) {
    const r = supported[i]!
    if (r <= preferred && r > best) best = r
    if (r < lowest) lowest = r
  }
  if (best > 0) return best
  return Number.isFinite(lowest) ? lowest : false
}
