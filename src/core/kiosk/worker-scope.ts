/**
 * Where the kiosk's offline worker (src/modes/kiosk/sw/sw.ts, served at /sw.js) may live. It serves
 * the whole site from its cache first, so it must never be left in a visitor's browser by a
 * `?mode=kiosk` link: it is installed only where a kiosk is meant to run, and every other way in
 * removes one it finds. Structural types only, so this stays plain TypeScript.
 */

/** The worker's script, at the site root so that its scope is the whole app. */
export const KIOSK_WORKER_PATH = '/sw.js'

/** Every cache the worker makes starts with this; a removal deletes them all. */
export const KIOSK_CACHE_PREFIX = 'portage-kiosk-'

/** This machine: a kiosk served to its own browser (the launcher's 127.0.0.1, or localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/**
 * Whether the kiosk may install its offline worker on this page: started by the launcher, served
 * from a loopback address, or on a host the kiosk configuration names (`hosts`).
 */
export function kioskWorkerAllowed(where: {
  hostname: string
  launcher: boolean
  hosts: readonly string[]
}): boolean {
  const host = where.hostname.toLowerCase()
  return where.launcher || isLoopbackHost(host) || where.hosts.some((h) => h.toLowerCase() === host)
}

type Registration = {
  active: { scriptURL: string } | null
  waiting: { scriptURL: string } | null
  installing: { scriptURL: string } | null
  unregister(): Promise<boolean>
}

export type WorkerHost = {
  serviceWorker?: { getRegistrations(): Promise<readonly Registration[]> }
}

export type CacheHost = { keys(): Promise<string[]>; delete(name: string): Promise<boolean> }

const isKioskWorker = (r: Registration) =>
  [r.active, r.waiting, r.installing].some((w) => w && new URL(w.scriptURL).pathname === KIOSK_WORKER_PATH)

/**
 * Unregister the kiosk's worker and delete its caches, wherever it is found. Returns how many
 * registrations were removed. Never throws: a browser without service workers has none to remove.
 */
export async function removeKioskWorker(nav: WorkerHost, caches: CacheHost | undefined): Promise<number> {
  let removed = 0
  try {
    for (const r of (await nav.serviceWorker?.getRegistrations()) ?? [])
      if (isKioskWorker(r) && (await r.unregister())) removed++
    if (caches)
      for (const name of await caches.keys())
        if (name.startsWith(KIOSK_CACHE_PREFIX)) await caches.delete(name)
  } catch {
    // Storage disabled or the browser refused: nothing of ours to remove.
  }
  return removed
}
