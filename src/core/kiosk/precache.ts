/**
 * What the kiosk needs offline: the files of its tours (models, proxies, narration audio and
 * captions in every language, posters). Used at build time to write the service worker's precache
 * manifest; kept pure so it is tested with plain tour objects.
 */
import type { Tour } from '../content/schema'

/** Paths under `assets/` that a tour refers to, sorted and without duplicates. */
export function tourAssetPaths(tour: Tour): string[] {
  const paths = new Set<string>()
  if (tour.poster) paths.add(tour.poster)
  for (const stop of tour.stops) {
    paths.add(stop.model.src)
    if (stop.model.proxy) paths.add(stop.model.proxy)
    if (stop.poster) paths.add(stop.poster)
    for (const h of stop.hotspots)
      for (const track of Object.values(h.narration)) {
        paths.add(track.audio)
        paths.add(track.captions)
      }
  }
  return [...paths].sort()
}

export type PrecacheEntry = { url: string; revision: string; bytes: number }

/**
 * Whether a built file belongs in the precache. Source maps and `_headers` are not for browsers
 * (the server answers 404 for them); compressed
 * siblings are another encoding of a file already listed; `assets/` and
 * `scenes/` are added per kiosk tour instead (a kiosk need not carry every tour of the catalog),
 * except the tour documents and catalog, which are small and keep the catalog whole offline.
 */
export function isAppFile(path: string): boolean {
  if (path.endsWith('.map')) return false
  // Precompressed siblings (x.js.br, x.json.gz) are the same files for the network: the browser
  // decodes them before the service worker sees the bytes, and the precache holds x.js itself.
  if (/\.(br|gz)$/.test(path)) return false
  if (path === 'sw.js') return false
  // A static host's header configuration: not served to browsers (tools/server/server.mjs).
  if (path === '_headers') return false
  if (path.startsWith('assets/')) return false
  // The kiosk configuration is never part of a build (tools/kiosk/vite-kiosk.ts); the kiosk keeps
  // the copy its launcher gave it in its own storage.
  if (path === 'scenes/kiosk.json') return false
  if (path.startsWith('scenes/')) return path.endsWith('.json') && !path.endsWith('.schema.json')
  return true
}

/** One version id for a whole manifest: changes when any file's content does. */
export function manifestVersion(entries: readonly PrecacheEntry[], hash: (text: string) => string): string {
  return hash(entries.map((e) => `${e.url} ${e.revision}`).join('\n')).slice(0, 16)
}
