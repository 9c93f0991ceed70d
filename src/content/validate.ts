/**
 * Parse and check a tour document: the zod schema for shape, then the rules that span fields
 * (every declared language present, ids unique, references resolvable). Every problem is collected
 * with its JSON path, so an author fixes a broken tour in one pass.
 */
import type { z } from 'zod'
import { TourDocument, type LocalizedText, type Tour } from './schema'

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

function fromZod(error: z.ZodError): ContentIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: plainMessage(issue) }))
}

function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    // zod's own text ("Invalid input: expected string, received undefined") is clear enough except
    // for the missing-field case, which authors meet most.
    if (/received undefined/.test(issue.message)) return `is required (${issue.expected})`
    return `has the wrong type: ${issue.message.replace(/^Invalid input: /, '')}`
  }
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_value' && issue.values.length === 1) {
    return `must be ${JSON.stringify(issue.values[0])}`
  }
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`
  return issue.message
}

/** Rules that need the whole document: languages, unique ids, references. */
export function crossCheck(tour: Tour): ContentIssue[] {
  const issues: ContentIssue[] = []
  const langs = tour.languages
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message })

  const seenLang = new Set<string>()
  tour.languages.forEach((l, i) => {
    if (seenLang.has(l)) add(['languages', i], `language "${l}" is listed twice`)
    seenLang.add(l)
  })

  const localized = (text: LocalizedText, path: PropertyKey[]) => {
    for (const l of langs) if (!(l in text)) add([...path, l], `is missing the "${l}" text`)
    for (const l of Object.keys(text))
      if (!langs.includes(l)) add([...path, l], `is in "${l}", which the tour does not list in "languages"`)
  }
  localized(tour.title, ['title'])
  localized(tour.summary, ['summary'])

  const stopIds = new Set<string>()
  const hotspotIds = new Map<string, string>()
  tour.stops.forEach((stop, si) => {
    const sp: PropertyKey[] = ['stops', si]
    if (stopIds.has(stop.id)) add([...sp, 'id'], `stop id "${stop.id}" is used twice in this tour`)
    stopIds.add(stop.id)
    localized(stop.title, [...sp, 'title'])
    localized(stop.place, [...sp, 'place'])
    localized(stop.description, [...sp, 'description'])

    const vpIds = new Set<string>()
    stop.viewpoints.forEach((vp, vi) => {
      if (vpIds.has(vp.id)) add([...sp, 'viewpoints', vi, 'id'], `viewpoint id "${vp.id}" is used twice`)
      vpIds.add(vp.id)
      localized(vp.title, [...sp, 'viewpoints', vi, 'title'])
    })
    if (!vpIds.has(stop.startViewpoint))
      add([...sp, 'startViewpoint'], `names viewpoint "${stop.startViewpoint}", which this stop does not have`)

    stop.hotspots.forEach((h, hi) => {
      const hp: PropertyKey[] = [...sp, 'hotspots', hi]
      const other = hotspotIds.get(h.id)
      if (other !== undefined)
        add([...hp, 'id'], `hotspot id "${h.id}" is already used in stop "${other}" (ids are unique per tour)`)
      hotspotIds.set(h.id, stop.id)
      localized(h.title, [...hp, 'title'])
      localized(h.body, [...hp, 'body'])
      for (const l of langs) if (!(l in h.narration)) add([...hp, 'narration', l], `is missing the "${l}" narration`)
      for (const l of Object.keys(h.narration))
        if (!langs.includes(l))
          add([...hp, 'narration', l], `is in "${l}", which the tour does not list in "languages"`)
    })
  })
  return issues
}

/** Parse unknown JSON into a tour, or every problem with its path. Never throws. */
export function parseTour(input: unknown): ParseResult {
  const parsed = TourDocument.safeParse(input)
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error) }
  const issues = crossCheck(parsed.data)
  return issues.length ? { ok: false, issues } : { ok: true, tour: parsed.data }
}

/** Parse JSON text; a syntax error becomes an issue at the document root. */
export function parseTourText(text: string): ParseResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: `is not valid JSON: ${(e as Error).message}` }] }
  }
  return parseTour(json)
}
