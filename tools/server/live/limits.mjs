// The relay's limits on what a client may send: a token bucket per connection (messages per
// second) and failed join attempts per client address (so join codes cannot be guessed by trying).

/** A token bucket: `take()` is false once the connection sends faster than `rate` per second. */
export function tokenBucket({ rate, burst, now = () => Date.now() }) {
  let tokens = burst
  let last = now()
  return {
    take() {
      const t = now()
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate)
      last = t
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
  }
}

/**
 * Failed join attempts per address in a sliding window. Addresses are kept only while they have
 * recent failures (memory is bounded by `maxAddresses`, oldest forgotten first), and never logged.
 */
export function joinAttempts({ limit, windowMs, maxAddresses = 50_000, now = () => Date.now() }) {
  const failures = new Map()
  const recent = (address) => {
    const list = (failures.get(address) ?? []).filter((t) => now() - t < windowMs)
    if (list.length) failures.set(address, list)
    else failures.delete(address)
    return list
  }
  return {
    /** Whether this address may try another code now. */
    allowed: (address) => recent(address).length < limit,
    fail(address) {
      const list = recent(address)
      list.push(now())
      failures.delete(address)
      failures.set(address, list)
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value)
    },
  }
}
