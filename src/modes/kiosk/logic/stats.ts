/**
 * On-device visit statistics: visits started, tours, stops and stories opened, time per visit and
 * language, per day. Plain data kept in the kiosk's own storage; nothing here (or anywhere in the
 * kiosk) sends it anywhere. The operator screen shows it and exports it as CSV.
 */

export const STATS_VERSION = 1 as const

/** Days kept; older days are dropped so storage stays bounded on a kiosk that runs for years. */
export const STATS_KEEP_DAYS = 400

export type Counts = Record<string, number>

export type DayStats = {
  /** Visits started. */
  visits: number
  /** Visits that have ended (their time is known). */
  visitsEnded: number
  /** Sum of the ended visits' durations, ms. */
  visitMs: number
  /** Visits by the language they ended in. */
  languages: Counts
  /** Opens by tour id, by `tour/stop` and by `tour/hotspot`. */
  tours: Counts
  stops: Counts
  hotspots: Counts
}

export type KioskStats = { version: typeof STATS_VERSION; days: Record<string, DayStats> }

/** The visit in progress, saved as it goes so a reload or a crash loses nothing. */
export type Visit = {
  /** Local day the visit started, YYYY-MM-DD (a visit counts on the day it starts). */
  day: string
  startedAt: number
  lastActivityAt: number
  language: string
  tours: Counts
  stops: Counts
  hotspots: Counts
}

export type VisitEvent =
  | { type: 'tour'; tourId: string }
  | { type: 'stop'; tourId: string; stopId: string }
  | { type: 'hotspot'; tourId: string; hotspotId: string }
  | { type: 'language'; language: string }

export const emptyStats = (): KioskStats => ({ version: STATS_VERSION, days: {} })

const emptyDay = (): DayStats => ({
  visits: 0,
  visitsEnded: 0,
  visitMs: 0,
  languages: {},
  tours: {},
  stops: {},
  hotspots: {},
})

/** The kiosk's local calendar day of a time. */
export function dayOf(time: number): string {
  const d = new Date(time)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const bump = (counts: Counts, key: string, by = 1): Counts => ({ ...counts, [key]: (counts[key] ?? 0) + by })
const merge = (a: Counts, b: Counts): Counts => Object.entries(b).reduce((out, [k, n]) => bump(out, k, n), a)

/** Start a visit; it is counted at once (visits started), its details when it ends. */
export function startVisit(
  stats: KioskStats,
  now: number,
  language: string,
): { stats: KioskStats; visit: Visit } {
  const day = dayOf(now)
  const d = stats.days[day] ?? emptyDay()
  return {
    stats: prune({ ...stats, days: { ...stats.days, [day]: { ...d, visits: d.visits + 1 } } }, now),
    visit: { day, startedAt: now, lastActivityAt: now, language, tours: {}, stops: {}, hotspots: {} },
  }
}

export function recordVisitEvent(visit: Visit, event: VisitEvent): Visit {
  switch (event.type) {
    case 'tour':
      return { ...visit, tours: bump(visit.tours, event.tourId) }
    case 'stop':
      return { ...visit, stops: bump(visit.stops, `${event.tourId}/${event.stopId}`) }
    case 'hotspot':
      return { ...visit, hotspots: bump(visit.hotspots, `${event.tourId}/${event.hotspotId}`) }
    case 'language':
      return { ...visit, language: event.language }
  }
}

export const touchVisit = (visit: Visit, now: number): Visit =>
  now > visit.lastActivityAt ? { ...visit, lastActivityAt: now } : visit

/**
 * End a visit: its time (start to last activity, not the idle wait that followed), its language
 * and what it opened are added to the day it started.
 */
export function endVisit(stats: KioskStats, visit: Visit): KioskStats {
  const d = stats.days[visit.day] ?? { ...emptyDay(), visits: 1 }
  const day: DayStats = {
    ...d,
    visitsEnded: d.visitsEnded + 1,
    visitMs: d.visitMs + Math.max(0, visit.lastActivityAt - visit.startedAt),
    languages: bump(d.languages, visit.language),
    tours: merge(d.tours, visit.tours),
    stops: merge(d.stops, visit.stops),
    hotspots: merge(d.hotspots, visit.hotspots),
  }
  return { ...stats, days: { ...stats.days, [visit.day]: day } }
}

/**
 * Forget a visit that was not a visitor's (the operator opened the operator screen during it): it
 * was counted when it started, so it is taken back.
 */
export function discardVisit(stats: KioskStats, visit: Visit): KioskStats {
  const d = stats.days[visit.day]
  if (!d || d.visits === 0) return stats
  return { ...stats, days: { ...stats.days, [visit.day]: { ...d, visits: d.visits - 1 } } }
}

export function prune(stats: KioskStats, now: number, keepDays = STATS_KEEP_DAYS): KioskStats {
  const oldest = dayOf(now - keepDays * 86_400_000)
  const days = Object.keys(stats.days)
  if (days.every((d) => d > oldest)) return stats
  return { ...stats, days: Object.fromEntries(Object.entries(stats.days).filter(([d]) => d > oldest)) }
}

const sum = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0)

export type DaySummary = {
  day: string
  visits: number
  averageVisitSeconds: number | null
  languages: Counts
  toursOpened: number
  stopsOpened: number
  hotspotsOpened: number
  /** Most opened stories, most first. */
  topHotspots: [string, number][]
}

export function summarize(stats: KioskStats): DaySummary[] {
  return Object.entries(stats.days)
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([day, d]) => ({
      day,
      visits: d.visits,
      averageVisitSeconds: d.visitsEnded ? Math.round(d.visitMs / d.visitsEnded / 1000) : null,
      languages: d.languages,
      toursOpened: sum(d.tours),
      stopsOpened: sum(d.stops),
      hotspotsOpened: sum(d.hotspots),
      topHotspots: Object.entries(d.hotspots)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 3),
    }))
}

/** All days together. */
export function totals(stats: KioskStats): Omit<DaySummary, 'day'> {
  const all = Object.values(stats.days).reduce(
    (t, d) => ({
      visits: t.visits + d.visits,
      visitsEnded: t.visitsEnded + d.visitsEnded,
      visitMs: t.visitMs + d.visitMs,
      languages: merge(t.languages, d.languages),
      tours: merge(t.tours, d.tours),
      stops: merge(t.stops, d.stops),
      hotspots: merge(t.hotspots, d.hotspots),
    }),
    emptyDay(),
  )
  const [summary] = summarize({ version: STATS_VERSION, days: { all } })
  const { day: _day, ...rest } = summary!
  return rest
}

const CSV_HEADER = ['date', 'metric', 'item', 'value'] as const

function csvField(value: string | number): string {
  const s = String(value)
  // Quote what needs it (RFC 4180), and defuse spreadsheet formulas in text cells.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof value === 'string' ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The statistics as CSV, one row per day, metric and item (a "long" table that any spreadsheet can
 * pivot): `date,metric,item,value`. Metrics: visits, average_visit_seconds, language,
 * tour_opened, stop_opened, hotspot_opened. Days oldest first.
 */
export function statsToCsv(stats: KioskStats): string {
  const rows: (string | number)[][] = [[...CSV_HEADER]]
  const byKey = (c: Counts) => Object.entries(c).sort(([a], [b]) => (a < b ? -1 : 1))
  for (const day of Object.keys(stats.days).sort()) {
    const d = stats.days[day]!
    rows.push([day, 'visits', '', d.visits])
    if (d.visitsEnded)
      rows.push([day, 'average_visit_seconds', '', Math.round(d.visitMs / d.visitsEnded / 1000)])
    for (const [lang, n] of byKey(d.languages)) rows.push([day, 'language', lang, n])
    for (const [id, n] of byKey(d.tours)) rows.push([day, 'tour_opened', id, n])
    for (const [id, n] of byKey(d.stops)) rows.push([day, 'stop_opened', id, n])
    for (const [id, n] of byKey(d.hotspots)) rows.push([day, 'hotspot_opened', id, n])
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0)
const counts = (v: unknown): Counts =>
  isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, n]) => [k, count(n)])) : {}

/** Read stored statistics defensively: anything unreadable starts afresh rather than failing. */
export function parseStats(text: string | null): KioskStats {
  if (!text) return emptyStats()
  try {
    const data = JSON.parse(text) as { version?: unknown; days?: unknown }
    if (data?.version !== STATS_VERSION || !isObject(data.days)) return emptyStats()
    const days: Record<string, DayStats> = {}
    for (const [day, d] of Object.entries(data.days)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isObject(d)) continue
      days[day] = {
        visits: count(d['visits']),
        visitsEnded: count(d['visitsEnded']),
        visitMs: count(d['visitMs']),
        languages: counts(d['languages']),
        tours: counts(d['tours']),
        stops: counts(d['stops']),
        hotspots: counts(d['hotspots']),
      }
    }
    return { version: STATS_VERSION, days }
  } catch {
    return emptyStats()
  }
}

export function parseVisit(text: string | null): Visit | null {
  if (!text) return null
  try {
    const v = JSON.parse(text) as Visit
    return typeof v?.day === 'string' &&
      typeof v.startedAt === 'number' &&
      typeof v.lastActivityAt === 'number'
      ? v
      : null
  } catch {
    return null
  }
}
