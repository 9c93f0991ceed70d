/** Median of the finite numbers given, or null when there are none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b)
  if (xs.length === 0) return null
  const mid = Math.floor(xs.length / 2)
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null
  return a / b
}

export const round = (x: number | null, digits = 0): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits

/** The q-quantile (0..1) of the finite numbers given, interpolating linearly; null when there are none. */
export function quantile(values: readonly (number | null | undefined)[], q: number): number | null {
  const xs = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b)
  if (xs.length === 0) return null
  const pos = (xs.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.min(xs.length - 1, lo + 1)
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo)
}
