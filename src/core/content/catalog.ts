/**
 * Loading the tours the app offers: `scenes/catalog.json` lists tour ids in display order, each
 * tour is `scenes/<id>/tour.json`. Every tour is fetched and validated on its own, so one broken
 * or missing tour is reported on its card and never stops the others.
 *
 * No zod on this path: documents pass the light check of quick-check.ts, and only one that fails
 * it loads the zod schema (a separate chunk) to be judged and have its problems named by path.
 */
import { certainlyCatalog, certainlyTourShape } from './quick-check'
import { crossCheck, type ContentIssue, type ParseResult } from './issues'
import { fetchPrefetched } from './prefetch'
import { catalogUrl, tourUrl } from './urls'
import type { Tour } from './schema'

export { CATALOG_VERSION } from './rules'
export { assetUrl, catalogUrl, isTourId, tourUrl } from './urls'

export type CatalogEntry =
  | { id: string; status: 'ok'; tour: Tour }
  | { id: string; status: 'invalid'; issues: ContentIssue[] }
  | { id: string; status: 'unreachable'; message: string }
  /** Listed in the catalog, its document not loaded yet (a deep link loads its own tour first). */
  | { id: string; status: 'pending' }

export type Fetcher = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>

/** The default fetcher: plain `fetch`, taking over a request started at boot (content/prefetch.ts). */
export const defaultFetcher: Fetcher = (url) => fetchPrefetched(url)

/** Parse JSON text; a syntax error becomes an issue at the document root. */
function parseJson(text: string): { ok: true; json: unknown } | { ok: false; issues: ContentIssue[] } {
  try {
    return { ok: true, json: JSON.parse(text) }
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: `is not valid JSON: ${(e as Error).message}` }] }
  }
}

/**
 * Check a tour document's text: the light check for a document that is certainly valid, else the
 * full schema (loaded now) for the verdict and every problem by path. Same answers as
 * validate.ts `parseTourText`.
 */
export async function checkTourText(text: string): Promise<ParseResult> {
  const parsed = parseJson(text)
  if (!parsed.ok) return parsed
  if (certainlyTourShape(parsed.json) && crossCheck(parsed.json).length === 0)
    return { ok: true, tour: parsed.json }
  const { parseTour } = await import('./validate')
  return parseTour(parsed.json)
}

export async function loadTour(base: string, id: string, fetcher: Fetcher): Promise<CatalogEntry> {
  let text: string
  try {
    const res = await fetcher(tourUrl(base, id))
    if (!res.ok) return { id, status: 'unreachable', message: `HTTP ${res.status}` }
    text = await res.text()
  } catch (e) {
    return { id, status: 'unreachable', message: (e as Error).message }
  }
  let parsed: ParseResult
  try {
    parsed = await checkTourText(text)
  } catch (e) {
    // The schema's code did not arrive (the network dropped): the tour cannot be judged now.
    return { id, status: 'unreachable', message: (e as Error).message }
  }
  if (!parsed.ok) return { id, status: 'invalid', issues: parsed.issues }
  if (parsed.tour.id !== id)
    return {
      id,
      status: 'invalid',
      issues: [{ path: 'id', message: `is "${parsed.tour.id}" but the catalog lists this tour as "${id}"` }],
    }
  return { id, status: 'ok', tour: parsed.tour }
}

/** The tour ids `scenes/catalog.json` lists, in order, without repeats. Throws when it is unusable. */
export async function loadCatalogIds(base: string, fetcher: Fetcher): Promise<string[]> {
  const res = await fetcher(catalogUrl(base))
  if (!res.ok) throw new Error(`scenes/catalog.json: HTTP ${res.status}`)
  const json: unknown = JSON.parse(await res.text())
  if (!certainlyCatalog(json)) {
    const { CatalogDocument } = await import('./schema')
    const { formatPath } = await import('./issues')
    const parsed = CatalogDocument.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new Error(`scenes/catalog.json: ${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`)
    }
    return [...new Set(parsed.data.tours)]
  }
  return [...new Set(json.tours)]
}

export async function loadCatalog(base: string, fetcher: Fetcher): Promise<CatalogEntry[]> {
  const ids = await loadCatalogIds(base, fetcher)
  return Promise.all(ids.map((id) => loadTour(base, id, fetcher)))
}
