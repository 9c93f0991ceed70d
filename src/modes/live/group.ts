/**
 * What the guide sees of the group: each relay process reports the followers it holds (about once
 * a second); the reports are merged here, and a process that stops reporting (it went down) is
 * dropped after GROUP_STALE_MS. Pure, tested in Node.
 */
import type { FollowerMode, FollowerView, Vec3 } from '../../core/live/protocol.mjs'

/** A process that has not reported for this long is gone (it reports at least every 2 s). */
export const GROUP_STALE_MS = 4500

export type GroupReports = Readonly<Record<string, { at: number; followers: readonly FollowerView[] }>>

export type GroupSummary = {
  count: number
  /** Followers whose view has the open story in it. */
  looking: number
  byMode: Record<FollowerMode, number>
  /** First names given (only the guide sees them). */
  names: string[]
  /** Points the followers in 3D look at, for the marks on the guide's view. */
  marks: Vec3[]
}

export function addReport(
  reports: GroupReports,
  from: string,
  followers: readonly FollowerView[],
  now: number,
): GroupReports {
  const next: Record<string, GroupReports[string]> = {}
  for (const [k, v] of Object.entries(reports)) if (now - v.at < GROUP_STALE_MS) next[k] = v
  next[from] = { at: now, followers }
  return next
}

export function summarize(reports: GroupReports, now: number): GroupSummary {
  const summary: GroupSummary = {
    count: 0,
    looking: 0,
    byMode: { '3d': 0, xr: 0, '2d': 0 },
    names: [],
    marks: [],
  }
  for (const { at, followers } of Object.values(reports)) {
    if (now - at >= GROUP_STALE_MS) continue
    for (const f of followers) {
      summary.count++
      if (f.looking) summary.looking++
      summary.byMode[f.mode]++
      if (f.name) summary.names.push(f.name)
      if (f.at) summary.marks.push(f.at)
    }
  }
  summary.names.sort((a, b) => a.localeCompare(b))
  return summary
}
