/** Where content lives on the server. Tiny and dependency-free: the page's first script uses it. */
import { ID } from './rules'

export const catalogUrl = (base: string) => `${base}scenes/catalog.json`

export const tourUrl = (base: string, id: string) => `${base}scenes/${id}/tour.json`

/** Whether a string can be a tour id (and so names a file under scenes/): checked before any fetch. */
export const isTourId = (id: string) => ID.test(id)

/** Absolute URL of a file under `assets/` (paths in tours are validated to stay inside it). */
export const assetUrl = (base: string, path: string) => `${base}assets/${path}`

/**
 * The URLs of a stop's site model: the full-detail one, its low-detail proxy if it has one, and
 * the one to fetch first (the proxy, for something to see early on a slow network). Every place
 * that loads, preloads, prefetches or reports on a stop's model names it through this.
 */
export function modelUrls(base: string, stop: { model: { src: string; proxy?: string } }) {
  const full = assetUrl(base, stop.model.src)
  const proxy = stop.model.proxy ? assetUrl(base, stop.model.proxy) : null
  return { full, proxy, first: proxy ?? full }
}

/**
 * A stop's tabletop miniature for the phones' own AR viewers, under `assets/` (built by
 * tools/pipeline/ar/, one per stop): USDZ for AR Quick Look (iOS), GLB for Scene Viewer (Android).
 */
export const arQuickLookPath = (stopId: string) => `ar/${stopId}.usdz`
export const sceneViewerPath = (stopId: string) => `ar/${stopId}.glb`
