/**
 * Requests started early, handed over once to whoever needs the response. A deep link knows at
 * boot which tour document and which model it will need, long before the code that uses them has
 * arrived (the 3D chunk takes seconds on a slow network); starting those requests at once, in
 * parallel, and letting the loader take the response in flight, removes them from the critical
 * path. A response body can be read only once, so each one is taken at most once: a second load
 * of the same URL (a retry, a later visit) fetches afresh. No React, no three.js.
 */

const pending = new Map<string, Promise<Response>>()

/** Start fetching `url` now (once); the response waits for {@link takePrefetched}. */
export function prefetch(url: string, init: RequestInit = {}): void {
  if (pending.has(url)) return
  const request = fetch(url, { credentials: 'same-origin', ...init })
  // An unclaimed failure is not an error: whoever needs the URL fetches it again and reports then.
  request.catch(() => {})
  pending.set(url, request)
}

/** The prefetched response for `url`, if any, handed over once; else null. */
export function takePrefetched(url: string): Promise<Response> | null {
  const request = pending.get(url)
  if (!request) return null
  pending.delete(url)
  return request
}

/**
 * `fetch` that uses a prefetched response when there is one. A prefetch that failed at the network
 * level is tried once more, so an early start never makes a load less reliable than before.
 */
export function fetchPrefetched(url: string, init: RequestInit = {}): Promise<Response> {
  const early = takePrefetched(url)
  const fresh = () => fetch(url, { credentials: 'same-origin', ...init })
  return early ? early.catch(fresh) : fresh()
}
