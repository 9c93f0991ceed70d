/**
 * Loading the tours the app offers: `scenes/catalog.json` lists tour ids in display order, each
 * tour is `scenes/<id>/tour.json`. Every tour is fetched and validated on its own, so one broken
 * or missing tour is reported on its card and never stops the others.
 */
import { z } from 'zod'
import type { Tour } from './schema'
import { formatPath, parseTourText, type ContentIssue } from './validate'

export const CATALOG_VERSION = 'portage.catalog/1' as const

export const CatalogDocument = z.strictObject({
  version: z.literal(CATALOG_VERSION),
  tours: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).min(1),
})

export type CatalogEntry =
  | { id: string; status: 'ok'; tour: Tour }
  | { id: string; status: 'invalid'; issues: ContentIssue[] }
  | { id: string; status: 'unreachable'; message: string }

export type Fetcher = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>

export const tourUrl = (base: string, id: string) => `${base}scenes/${id}/tour.json`

/** Absolute URL of a file under `assets/` (paths in tours are validated to stay inside it). */
export const assetUrl = (base: string, path: string) => `${base}assets/${path}`

async function loadTour(base: string, id: string, fetcher: Fetcher): Promise<CatalogEntry> {
  let text: string
  try {
    const res = await fetcher(tourUrl(base, id))
    if (!res.ok) return { id, status: 'unreachable', message: `HTTP ${res.status}` }
    text = await res.text()
  } catch (e) {
    return { id, status: 'unreachable', message: (e as Error).message }
  }
  const parsed = parseTourText(text)
  if (!parsed.ok) return { id, status: 'invalid', issues: parsed.issues }
  if (parsed.tour.id !== id)
    return {
      id,
      status: 'invalid',
      issues: [{ path: 'id', message: `is "${parsed.tour.id}" but the catalog lists this tour as "${id}"` }],
    }
  return { id, status: 'ok', tour: parsed.tour }
}

export async function loadCatalog(base: string, fetcher: Fetcher): Promise<CatalogEntry[]> {
  const res = await fetcher(`${base}scenes/catalog.json`)
  if (!res.ok) throw new Error(`scenes/catalog.json: HTTP ${res.status}`)
  const parsed = CatalogDocument.safeParse(JSON.parse(await res.text()))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`scenes/catalog.json: ${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`)
  }
  return Promise.all([...new Set(parsed.data.tours)].map((id) => loadTour(base, id, fetcher)))
}
