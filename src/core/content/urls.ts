/** Where content lives on the server. Tiny and dependency-free: the page's first script uses it. */
import { ID } from './rules'

export const catalogUrl = (base: string) => `${base}scenes/catalog.json`

export const tourUrl = (base: string, id: string) => `${base}scenes/${id}/tour.json`

/** Whether a string can be a tour id (and so names a file under scenes/): checked before any fetch. */
export const isTourId = (id: string) => ID.test(id)

/** Absolute URL of a file under `assets/` (paths in tours are validated to stay inside it). */
export const assetUrl = (base: string, path: string) => `${base}assets/${path}`
