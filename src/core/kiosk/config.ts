/**
 * The kiosk configuration, `scenes/kiosk.json` (version `portage.kiosk/1`), parsed with safe
 * defaults. An unattended kiosk must start whatever the file holds: every setting is checked on its
 * own, a bad one is reported with its JSON path and replaced by its default, and the rest is kept.
 * A missing or unreadable file means all defaults (and says so).
 */
import { z } from '../content/zod'
import { pinHashProblem } from './pin-hash'

export const KIOSK_CONFIG_VERSION = 'portage.kiosk/1' as const

/** Where the kiosk reads its configuration, relative to the app's base URL. */
export const KIOSK_CONFIG_PATH = 'scenes/kiosk.json'

export type AttractNarration = 'muted' | 'audible'

export type KioskConfig = {
  /** Tours offered, in order; empty means every tour of the catalog. */
  tours: string[]
  /** Language each visit starts in, and after every reset. */
  language: string
  /** Seconds without input before the "are you still there?" countdown. */
  idleTimeoutSeconds: number
  /** Length of that countdown, seconds; when it ends the kiosk resets. */
  warningSeconds: number
  /** Narration volume of a visit, 0..1. */
  volume: number
  attract: {
    /** Narration during the attract loop: muted (captions only) or audible at `volume`. */
    narration: AttractNarration
    /** Languages the attract loop narrates in, one story each in turn. */
    languages: string[]
    /** Seconds on a stop's overview before its first story. */
    stopSeconds: number
    /** Longest a story is shown when its narration runs long (or cannot play). */
    hotspotMaxSeconds: number
    /** Shortest a story is shown when its narration is short (or cannot play). */
    hotspotMinSeconds: number
    /** Pause after a story's narration ends, before the next. */
    pauseSeconds: number
  }
  /**
   * The operator PIN's salted, slow hash (src/core/kiosk/pin-hash.ts), written by
   * `npm run kiosk -- --set-pin`; null when none is set or the value is unusable: the operator
   * functions then stay closed. There is no default PIN.
   */
  operatorPin: string | null
  /**
   * Host names (besides this machine's loopback addresses) where this kiosk runs, e.g. a kiosk
   * served over https on the local network: only there, and on loopback or under the launcher,
   * does the kiosk install its offline copy.
   */
  hosts: string[]
}

export const DEFAULT_KIOSK_CONFIG: KioskConfig = Object.freeze({
  tours: [],
  language: 'en',
  idleTimeoutSeconds: 90,
  warningSeconds: 30,
  volume: 1,
  attract: Object.freeze({
    narration: 'muted',
    languages: ['en', 'fr'],
    stopSeconds: 6,
    hotspotMaxSeconds: 60,
    hotspotMinSeconds: 8,
    pauseSeconds: 3,
  }),
  operatorPin: null,
  hosts: [],
}) as KioskConfig

export type ConfigIssue = {
  /** JSON path of the setting, e.g. `attract.narration`; empty for the file itself. */
  path: string
  message: string
  /** 'error': a setting was ignored and its default used; 'warning': works, but should be fixed. */
  severity: 'error' | 'warning'
}

export type ParsedKioskConfig = { config: KioskConfig; issues: ConfigIssue[] }

const Language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as "en"')
const TourId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a tour id such as "parliament-hill"')
const seconds = (min: number, max: number) => z.number().finite().min(min).max(max)

/** One schema per setting, so each is checked (and defaulted) on its own. */
const TOP = {
  tours: z.array(TourId),
  language: Language,
  idleTimeoutSeconds: seconds(1, 3600),
  warningSeconds: seconds(1, 600),
  volume: z.number().finite().min(0).max(1),
  hosts: z.array(
    z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
        'must be a host name',
      ),
  ),
} as const

/** Where the operator reads about the PIN; never shown to visitors (no configuration problem is). */
export const PIN_ISSUE_PATH = 'operatorPin'

const ATTRACT = {
  narration: z.enum(['muted', 'audible']),
  languages: z.array(Language).min(1),
  stopSeconds: seconds(0, 600),
  hotspotMaxSeconds: seconds(0, 3600),
  hotspotMinSeconds: seconds(0, 600),
  pauseSeconds: seconds(0, 600),
} as const

const KNOWN_TOP = new Set(['$schema', 'version', 'attract', 'operatorPin', ...Object.keys(TOP)])

function describe(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'is invalid'
  if (issue.code === 'invalid_type')
    return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`
  if (issue.code === 'invalid_value')
    return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
  const where = issue.path.length ? ` (item ${issue.path.join('.')})` : ''
  return `${issue.message}${where}`
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Check each known setting of `input` against its schema, keeping the default where it fails. */
function pick<T extends Record<string, unknown>>(
  input: Record<string, unknown>,
  schemas: { [K in keyof T]: z.ZodType<T[K]> },
  defaults: T,
  prefix: string,
  issues: ConfigIssue[],
): T {
  const out = { ...defaults }
  for (const key of Object.keys(schemas) as (keyof T & string)[]) {
    if (!(key in input)) continue
    const parsed = schemas[key].safeParse(input[key])
    if (parsed.success) out[key] = parsed.data
    else
      issues.push({
        path: prefix + key,
        message: `${describe(parsed.error)}; using the default ${JSON.stringify(defaults[key])}`,
        severity: 'error',
      })
  }
  return out
}

/**
 * Parse the text of `scenes/kiosk.json` (or `null` when the file could not be fetched). Never
 * throws: the result always holds a usable configuration.
 */
export function parseKioskConfig(
  text: string | null,
  options: { languages?: readonly string[] } = {},
): ParsedKioskConfig {
  const issues: ConfigIssue[] = []
  const defaults = DEFAULT_KIOSK_CONFIG
  if (text === null) {
    issues.push({
      path: '',
      message: `${KIOSK_CONFIG_PATH} was not found; using the defaults`,
      severity: 'warning',
    })
    return { config: structuredClone(defaults), issues: withPinIssue(undefined, issues) }
  }
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (e) {
    issues.push({
      path: '',
      message: `is not valid JSON (${(e as Error).message}); using the defaults`,
      severity: 'error',
    })
    return { config: structuredClone(defaults), issues: withPinIssue(undefined, issues) }
  }
  if (!isObject(input)) {
    issues.push({ path: '', message: 'must be a JSON object; using the defaults', severity: 'error' })
    return { config: structuredClone(defaults), issues: withPinIssue(undefined, issues) }
  }
  if (input['version'] !== KIOSK_CONFIG_VERSION)
    issues.push({
      path: 'version',
      message: `must be "${KIOSK_CONFIG_VERSION}"; reading the file as that version`,
      severity: 'warning',
    })
  for (const key of Object.keys(input))
    if (!KNOWN_TOP.has(key))
      issues.push({ path: key, message: 'is not a kiosk setting (a typo?); ignored', severity: 'error' })

  const { attract: _attract, operatorPin: _pin, ...topDefaults } = defaults
  const top = pick(input, TOP, topDefaults, '', issues)
  let attract = { ...defaults.attract, languages: [...defaults.attract.languages] }
  const rawAttract = input['attract']
  if (rawAttract !== undefined && !isObject(rawAttract))
    issues.push({ path: 'attract', message: 'must be an object; using the defaults', severity: 'error' })
  else if (rawAttract) {
    for (const key of Object.keys(rawAttract))
      if (!(key in ATTRACT))
        issues.push({
          path: `attract.${key}`,
          message: 'is not a kiosk setting (a typo?); ignored',
          severity: 'error',
        })
    attract = pick(rawAttract, ATTRACT, attract, 'attract.', issues)
  }
  if (attract.hotspotMinSeconds > attract.hotspotMaxSeconds)
    issues.push({
      path: 'attract.hotspotMinSeconds',
      message: `is more than attract.hotspotMaxSeconds (${attract.hotspotMaxSeconds}); stories are shown ${attract.hotspotMaxSeconds} s`,
      severity: 'warning',
    })
  const available = options.languages
  if (available && !available.includes(top.language)) {
    issues.push({
      path: 'language',
      message: `"${top.language}" is not an interface language (${available.join(', ')}); using "${defaults.language}"`,
      severity: 'error',
    })
    top.language = defaults.language
  }
  if (available) {
    const unknown = attract.languages.filter((l) => !available.includes(l))
    if (unknown.length)
      issues.push({
        path: 'attract.languages',
        message: `${unknown.map((l) => `"${l}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not an interface language; skipped`,
        severity: 'error',
      })
    const kept = attract.languages.filter((l) => available.includes(l))
    attract.languages = kept.length ? kept : [top.language]
  }
  const pin = input['operatorPin']
  const operatorPin = typeof pin === 'string' && pinHashProblem(pin) === null ? pin : null
  const config: KioskConfig = { ...top, tours: [...new Set(top.tours)], attract, operatorPin }
  return { config, issues: withPinIssue(pin, issues) }
}

/**
 * No PIN, or an unusable one: an error, never a fallback. The operator functions stay closed until
 * `npm run kiosk -- --set-pin` writes one.
 */
function withPinIssue(pin: unknown, issues: ConfigIssue[]): ConfigIssue[] {
  const closed = 'the operator functions stay closed; set a PIN with `npm run kiosk -- --set-pin`'
  if (pin === undefined)
    return [...issues, { path: PIN_ISSUE_PATH, message: `is not set: ${closed}`, severity: 'error' }]
  const problem = pinHashProblem(pin)
  if (problem === null) return issues
  return [...issues, { path: PIN_ISSUE_PATH, message: `${problem}; ${closed}`, severity: 'error' }]
}

/**
 * Reconcile the configured tours with the tours that actually loaded: unknown or broken ones are
 * reported and skipped; when none is left, every loaded tour is offered.
 */
export function resolveKioskTours(
  wanted: readonly string[],
  loaded: readonly { id: string; ok: boolean }[],
): { tours: string[]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = []
  const ok = loaded.filter((t) => t.ok).map((t) => t.id)
  if (wanted.length === 0) return { tours: ok, issues }
  const tours: string[] = []
  wanted.forEach((id, i) => {
    const entry = loaded.find((t) => t.id === id)
    if (!entry)
      issues.push({
        path: `tours[${i}]`,
        message: `"${id}" is not in scenes/catalog.json; skipped`,
        severity: 'error',
      })
    else if (!entry.ok)
      issues.push({
        path: `tours[${i}]`,
        message: `"${id}" could not be loaded (see its card in normal mode); skipped`,
        severity: 'error',
      })
    else tours.push(id)
  })
  if (tours.length === 0 && ok.length > 0) {
    issues.push({
      path: 'tours',
      message: 'none of the listed tours can be shown; offering every tour',
      severity: 'error',
    })
    return { tours: ok, issues }
  }
  return { tours, issues }
}
