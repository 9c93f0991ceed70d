/**
 * Problems in a tour document, by JSON path, and the rules that span fields (languages, unique
 * ids, references). No zod here: the app checks documents with quick-check.ts and loads the zod
 * schema (validate.ts) only to explain a document that fails.
 */
import type { Tour } from './schema'

export type ContentIssue = {
  /** JSON path, e.g. `stops[0].hotspots[2].title.fr`; empty for the document itself. */
  path: string
  message: string
}

export type ParseResult = { ok: true; tour: Tour } | { ok: false; issues: ContentIssue[] }

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(key))) out += (out ? '.' : '') + String(key)
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out
}

type Loose = Record<string, unknown>
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/**
 * Rules that need the whole document: languages, unique ids, references. Written against the raw
 * JSON (defensively), so these problems are reported together with the schema's own, in one pass.
 */
export function crossCheck(input: unknown): ContentIssue[] {
  const issues: ContentIssue[] = []
  if (!isObj(input)) return issues
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message })
  const langs = arr(input['languages']).filter((l): l is string => typeof l === 'string')

  const seenLang = new Set<string>()
  langs.forEach((l, i) => {
    if (seenLang.has(l)) add(['languages', i], `language "${l}" is listed twice`)
    seenLang.add(l)
  })

  const localized = (text: unknown, path: PropertyKey[], what = 'text') => {
    if (!isObj(text)) return // the schema reports the missing or mistyped field
    for (const l of langs) if (!(l in text)) add([...path, l], `is missing the "${l}" ${what}`)
    for (const l of Object.keys(text))
      if (langs.length && !langs.includes(l))
        add([...path, l], `is in "${l}", which the tour does not list in "languages"`)
  }
  localized(input['title'], ['title'])
  localized(input['summary'], ['summary'])

  const stopIds = new Set<string>()
  const hotspotIds = new Map<string, string>()
  arr(input['stops']).forEach((stop, si) => {
    if (!isObj(stop)) return
    const sp: PropertyKey[] = ['stops', si]
    const stopId = str(stop['id'])
    if (stopId !== undefined && stopIds.has(stopId))
      add([...sp, 'id'], `stop id "${stopId}" is used twice in this tour`)
    if (stopId !== undefined) stopIds.add(stopId)
    localized(stop['title'], [...sp, 'title'])
    localized(stop['place'], [...sp, 'place'])
    localized(stop['description'], [...sp, 'description'])
    if (isObj(stop['model'])) localized(stop['model']['credits'], [...sp, 'model', 'credits'])
    arr(stop['discussion']).forEach((q, qi) => localized(q, [...sp, 'discussion', qi]))

    const vpIds = new Set<string>()
    arr(stop['viewpoints']).forEach((vp, vi) => {
      if (!isObj(vp)) return
      const id = str(vp['id'])
      if (id !== undefined && vpIds.has(id))
        add([...sp, 'viewpoints', vi, 'id'], `viewpoint id "${id}" is used twice`)
      if (id !== undefined) vpIds.add(id)
      localized(vp['title'], [...sp, 'viewpoints', vi, 'title'])
    })
    const start = str(stop['startViewpoint'])
    if (start !== undefined && vpIds.size && !vpIds.has(start))
      add([...sp, 'startViewpoint'], `names viewpoint "${start}", which this stop does not have`)

    arr(stop['hotspots']).forEach((h, hi) => {
      if (!isObj(h)) return
      const hp: PropertyKey[] = [...sp, 'hotspots', hi]
      const id = str(h['id'])
      const other = id === undefined ? undefined : hotspotIds.get(id)
      if (other !== undefined)
        add([...hp, 'id'], `hotspot id "${id}" is already used in stop "${other}" (ids are unique per tour)`)
      if (id !== undefined) hotspotIds.set(id, stopId ?? String(si))
      localized(h['title'], [...hp, 'title'])
      localized(h['body'], [...hp, 'body'])
      localized(h['narration'], [...hp, 'narration'], 'narration')
    })
  })
  return issues
}
