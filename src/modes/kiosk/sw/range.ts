/**
 * HTTP Range for responses served from the cache. The narration <audio> asks for byte ranges (to
 * start, to seek, to resume in the other language); a cached whole file must be answered with the
 * part asked for (206), or seeking fails offline.
 */

/** Parse a single-range `Range` header against a body size; null when unsatisfiable or not simple. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || size <= 0) return null
  const [, a, b] = m
  let start: number
  let end: number
  if (a === '' && b === '') return null
  if (a === '') {
    // A suffix: the last N bytes.
    const n = Number(b)
    if (n === 0) return null
    start = Math.max(0, size - n)
    end = size - 1
  } else {
    start = Number(a)
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1)
  }
  if (start > end || start >= size) return null
  return { start, end }
}
