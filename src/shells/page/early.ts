/**
 * The first requests of a page, started by src/entry.ts before the app's own code has arrived.
 * Only tiny, dependency-free modules here: this is on the critical path of every visit.
 */
import { prefetch } from '../../core/content/prefetch'
import { catalogUrl, tourUrl } from '../../core/content/urls'

/** The catalog, which every page but the handout reads first. */
export function startCatalog(base: string) {
  prefetch(catalogUrl(base))
}

/** A deep link's tour document. */
export function startTourDocument(base: string, tourId: string) {
  prefetch(tourUrl(base, tourId), { priority: 'high' })
}

/**
 * The tour view's code (with what the page's modes add to it), and the 3D code when it will be
 * used (`with3d` is asked after the others have started: probing WebGL takes a moment). A failed
 * prefetch is not an error yet: opening the tour retries, and says so if it fails then.
 */
export function startTourCode(with3d: boolean | (() => boolean)) {
  import('./PageTour').catch(() => {})
  if (typeof with3d === 'function' ? with3d() : with3d) startStageCode()
}

/** The 3D view's code (three.js and R3F), for a deep link that will show it. */
export function startStageCode() {
  import('../../features/stage/Stage').catch(() => {})
}
