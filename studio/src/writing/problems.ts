/**
 * Problems by JSON path: the schema's (checked here, as typed) and the server's full check
 * (`POST /api/check`, content:check's rules), matched to the field that holds them.
 */
import { formatPath } from '../../../src/core/content/issues'
import { parseTour } from '../../../src/core/content/validate'
import type { Problem } from '../api/api'
import type { Path } from '../edits/patch'

/** `$.stops[0].title.fr` and `stops[0].title.fr` name the same field. */
export const pathKey = (jsonPath: string) => jsonPath.replace(/^\$\.?/, '')

export const keyOf = (path: Path) => formatPath(path)

/** The schema's problems, found in the page at once (the server's check follows, debounced). */
export function localProblems(tour: unknown): Problem[] {
  const result = parseTour(tour)
  if (result.ok) return []
  return result.issues.map((i) => ({
    path: [],
    jsonPath: i.path ? `$.${i.path}` : '$',
    severity: 'error' as const,
    message: i.message,
  }))
}

/** The server's problems, plus the schema's it does not already list (same path and message). */
export function mergeProblems(server: Problem[], local: Problem[]): Problem[] {
  const seen = new Set(server.map((p) => `${pathKey(p.jsonPath)}|${p.message}`))
  return [...server, ...local.filter((p) => !seen.has(`${pathKey(p.jsonPath)}|${p.message}`))]
}

/** Problems at exactly `path` (a field), or at it and below (`deep`, a group of fields). */
export function problemsAt(problems: readonly Problem[], path: Path, deep = false): Problem[] {
  const key = keyOf(path)
  return problems.filter((p) => {
    const k = pathKey(p.jsonPath)
    return k === key || (deep && (k.startsWith(`${key}.`) || k.startsWith(`${key}[`)))
  })
}

/** The words of a narration script, and how long it takes to say them (≈ 150 words a minute). */
export const WORDS_PER_MINUTE = 150
export function readingTime(script: string): { words: number; seconds: number } {
  const words = script.trim() ? script.trim().split(/\s+/).length : 0
  return { words, seconds: Math.round((words / WORDS_PER_MINUTE) * 60) }
}
export const mmss = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`
