/**
 * The first requests of a page, started by src/entry.ts before the app's own code has arrived.
 * Only tiny, dependency-free modules here: this is on the critical path of every visit.
 */
import { prefetch } from '../../core/content/prefetch'
import { catalogUrl, isTourId, tourUrl } from '../../core/content/urls'

/** The tour a URL links to, if it can name one (checked before anything is fetched). */
export function linkedTour(search: string): string | null {
  const id = new URLSearchParams(search).get('tour')
  return id && isTourId(id) ? id : null
}

/** The catalog, which every page but the handout reads first. */
export function startCatalog(base: string) {
  prefetch(catalogUrl(base))
}

/**
 * A deep link's tour document, and the tour view's code, with the 3D code when it will be used
 * (`with3d` is asked after the others have started: probing WebGL takes a moment).
 */
export function startTourCode(base: string, tourId: string, with3d: () => boolean) {
  prefetch(tourUrl(base, tourId), { priority: 'high' })
  import('../../features/tour/TourView').catch(() => {})
  if (with3d()) import('../../features/stage/Stage').catch(() => {})
}
