/** The registry of site modules, in the order of `SITE_IDS`. */
import { gwaiiHaanas } from './gwaii-haanas.ts'
import { humanRightsMuseum } from './human-rights-museum.ts'
import { inuksukPoint } from './inuksuk-point.ts'
import { moraineLake } from './moraine-lake.ts'
import { oldQuebec } from './old-quebec.ts'
import { parliamentHill } from './parliament-hill.ts'
import { peggysCove } from './peggys-cove.ts'
import { pier21 } from './pier-21.ts'
import { SITE_IDS, type SiteDefinition, type SiteId } from './types.ts'

const SITES: Partial<Record<SiteId, SiteDefinition>> = {
  'parliament-hill': parliamentHill,
  'human-rights-museum': humanRightsMuseum,
  'pier-21': pier21,
  'old-quebec': oldQuebec,
  'peggys-cove': peggysCove,
  'inuksuk-point': inuksukPoint,
  'gwaii-haanas': gwaiiHaanas,
  'moraine-lake': moraineLake,
}

export function getSite(id: SiteId): SiteDefinition {
  const site = SITES[id]
  if (!site) throw new Error(`no model code for site "${id}" yet`)
  return site
}

/** Sites that have model code, in catalogue order. */
export const availableSites = (): SiteId[] => SITE_IDS.filter((id) => SITES[id] !== undefined)

export { SITE_IDS, type SiteId } from './types.ts'
