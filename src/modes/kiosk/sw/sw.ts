/// <reference lib="webworker" />
/**
 * The kiosk's service worker, served at `/sw.js` and registered only in kiosk mode. It precaches
 * the app and every file of the kiosk's tours (the manifest is written into this file at build
 * time by tools/kiosk/vite-kiosk.ts), then serves them from the cache first: after one load
 * online, the kiosk runs and reloads with the network off.
 *
 * Every file is checked against its revision (size and content hash, ./verify.ts) before it is
 * kept, whether downloaded or copied from an older version's cache: a server that answers a missing
 * file with index.html fails the install (retried later) instead of breaking the kiosk offline.
 *
 * Updates: a new build is a new `/sw.js` (its manifest changed). It installs in the background,
 * copying unchanged files from the old cache (a slow link downloads only what changed), and then
 * WAITS: the page tells it to take over at the next idle reset, never in front of a visitor.
 *
 * The page registers it only where a kiosk is meant to run (core/kiosk/worker-scope.ts).
 */
import { parseRange } from './range'
import { mismatch, type ManifestEntry } from './verify'

declare const self: ServiceWorkerGlobalScope

type Manifest = { version: string; entries: ManifestEntry[] }

// Replaced by the build with the real manifest (a JSON object literal).
const MANIFEST = '__PORTAGE_PRECACHE_MANIFEST__' as unknown as Manifest

// core/kiosk/worker-scope.ts's KIOSK_CACHE_PREFIX (a unit test holds them equal). Not imported: a
// module shared with the page would become an `import` of a shared chunk, which a classic service
// worker cannot run. This file imports only modules no other entry uses.
const PREFIX = 'portage-kiosk-'
const CACHE = `${PREFIX}${MANIFEST.version}`
const REVISION_HEADER = 'X-Portage-Revision'
const PRECACHED = new Map(MANIFEST.entries.map((e) => [e.url, e.revision]))
/** Parallel downloads while installing: enough to fill a link, few enough for a small device. */
const CONCURRENCY = 4

/** A copy of the same revision in an older version's cache, checked again before it is kept. */
async function copyFromOlder(entry: ManifestEntry, older: Cache[]): Promise<Response | null> {
  for (const cache of older) {
    const hit = await cache.match(entry.url)
    if (!hit || hit.headers.get(REVISION_HEADER) !== entry.revision) continue
    const body = await hit.arrayBuffer()
    if ((await mismatch(entry, body, self.crypto.subtle)) === null)
      return new Response(body, { status: 200, statusText: 'OK', headers: hit.headers })
  }
  return null
}

async function download(entry: ManifestEntry): Promise<Response> {
  const fetched = await fetch(new Request(entry.url, { cache: 'reload', credentials: 'same-origin' }))
  if (!fetched.ok) throw new Error(`precache: ${entry.url}: HTTP ${fetched.status}`)
  const body = await fetched.arrayBuffer()
  const wrong = await mismatch(entry, body, self.crypto.subtle)
  if (wrong) throw new Error(`precache: ${wrong} (a partial deploy? will retry)`)
  const headers = new Headers(fetched.headers)
  headers.set(REVISION_HEADER, entry.revision)
  // The body is the decoded file: its length, not the compressed one the server sent.
  headers.delete('Content-Encoding')
  headers.set('Content-Length', String(body.byteLength))
  return new Response(body, { status: 200, statusText: 'OK', headers })
}

async function precache() {
  const cache = await caches.open(CACHE)
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE)
  const older = await Promise.all(names.map((n) => caches.open(n)))
  const queue = [...MANIFEST.entries]
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      // An interrupted install already got it (checked when it was put).
      if ((await cache.match(entry.url))?.headers.get(REVISION_HEADER) === entry.revision) continue
      const response = (await copyFromOlder(entry, older)) ?? (await download(entry))
      await cache.put(entry.url, response)
    }
  }
  // All or nothing: a version is installed only when every file is in, so offline never half-works.
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache())
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name)
      await self.clients.claim()
    })(),
  )
})

// Outside install, the worker only reads its cache and never opens it: `caches.open` creates a
// cache that is missing, so a page still controlled after another way in removed the worker and
// its caches (core/kiosk/worker-scope.ts) would bring an empty one back with its next request.
async function fromCache(request: Request, key: string): Promise<Response> {
  const hit = await caches.match(key, { cacheName: CACHE })
  if (!hit) return fetch(request)
  const range = request.headers.get('range')
  if (!range) return hit
  const body = await hit.blob()
  const r = parseRange(range, body.size)
  if (!r) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${body.size}` } })
  const headers = new Headers(hit.headers)
  headers.set('Content-Range', `bytes ${r.start}-${r.end}/${body.size}`)
  headers.set('Content-Length', String(r.end - r.start + 1))
  return new Response(body.slice(r.start, r.end + 1), { status: 206, statusText: 'Partial Content', headers })
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  // The launcher's channel (heartbeat, status) is live by nature.
  if (url.pathname.startsWith('/__kiosk/')) return
  // Every page of the app is the one document; its state is in the query string.
  if (request.mode === 'navigate' && (url.pathname === '/' || url.pathname === '/index.html')) {
    event.respondWith(fromCache(request, '/index.html'))
    return
  }
  if (PRECACHED.has(url.pathname)) event.respondWith(fromCache(request, url.pathname))
})

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null
  if (data?.type === 'skip-waiting') void self.skipWaiting()
  if (data?.type === 'status') {
    const port = event.ports[0]
    void (async () => {
      const cached = (await caches.has(CACHE)) ? (await (await caches.open(CACHE)).keys()).length : 0
      port?.postMessage({
        version: MANIFEST.version,
        files: MANIFEST.entries.length,
        cached,
        bytes: MANIFEST.entries.reduce((n, e) => n + e.bytes, 0),
      })
    })()
  }
})
