/**
 * Parse and check a tour document: the zod schema for shape, then the rules that span fields
 * (every declared language present, ids unique, references resolvable). Every problem is collected
 * with its JSON path, so an author fixes a broken tour in one pass.
 */
import type { z } from 'zod'
import { crossCheck, formatPath, type ContentIssue, type ParseResult } from './issues'
import { TourDocument } from './schema'

export { crossCheck, formatPath, type ContentIssue, type ParseResult } from './issues'

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
  if (issue.code === 'invalid_value')
    return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`
  return issue.message
}

/** Parse unknown JSON into a tour, or every problem with its path. Never throws. */
export function parseTour(input: unknown): ParseResult {
  const parsed = TourDocument.safeParse(input)
  const issues = [...(parsed.success ? [] : fromZod(parsed.error)), ...crossCheck(input)]
  return parsed.success && issues.length === 0 ? { ok: true, tour: parsed.data } : { ok: false, issues }
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
