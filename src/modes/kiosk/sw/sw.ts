/// <reference lib="webworker" />
/**
 * The kiosk's service worker, served at `/sw.js` and registered only in kiosk mode. It precaches
 * the app and every file of the kiosk's tours (the manifest is written into this file at build
 * time by tools/kiosk/vite-kiosk.ts), then serves them from the cache first: after one load
 * online, the kiosk runs and reloads with the network off.
 *
 * Updates: a new build is a new `/sw.js` (its manifest changed). It installs in the background,
 * copying unchanged files from the old cache (a slow link downloads only what changed), and then
 * WAITS: the page tells it to take over at the next idle reset, never in front of a visitor.
 */
import { parseRange } from './range'

declare const self: ServiceWorkerGlobalScope

type Manifest = { version: string; entries: { url: string; revision: string; bytes: number }[] }

// Replaced by the build with the real manifest (a JSON object literal).
const MANIFEST = '__PORTAGE_PRECACHE_MANIFEST__' as unknown as Manifest

const PREFIX = 'portage-kiosk-'
const CACHE = `${PREFIX}${MANIFEST.version}`
const REVISION_HEADER = 'X-Portage-Revision'
const PRECACHED = new Map(MANIFEST.entries.map((e) => [e.url, e.revision]))
/** Parallel downloads while installing: enough to fill a link, few enough for a small device. */
const CONCURRENCY = 4

async function copyFromOlder(url: string, revision: string, older: Cache[]): Promise<Response | null> {
  for (const cache of older) {
    const hit = await cache.match(url)
    if (hit && hit.headers.get(REVISION_HEADER) === revision) return hit
  }
  return null
}

async function precache() {
  const cache = await caches.open(CACHE)
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE)
  const older = await Promise.all(names.map((n) => caches.open(n)))
  const queue = [...MANIFEST.entries]
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      if (await cache.match(entry.url)) continue // an interrupted install already got it
      let response = await copyFromOlder(entry.url, entry.revision, older)
      if (!response) {
        const fetched = await fetch(new Request(entry.url, { cache: 'reload', credentials: 'same-origin' }))
        if (!fetched.ok) throw new Error(`precache: ${entry.url}: HTTP ${fetched.status}`)
        const headers = new Headers(fetched.headers)
        headers.set(REVISION_HEADER, entry.revision)
        response = new Response(await fetched.blob(), { status: 200, statusText: 'OK', headers })
      }
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

async function fromCache(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE)
  const hit = await cache.match(key)
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
      const cache = await caches.open(CACHE)
      const cached = (await cache.keys()).length
      port?.postMessage({
        version: MANIFEST.version,
        files: MANIFEST.entries.length,
        cached,
        bytes: MANIFEST.entries.reduce((n, e) => n + e.bytes, 0),
      })
    })()
  }
})
