import { useEffect, useState } from 'react'
import type { GroupSummary } from './group'
import { useLive, useLiveSession } from './live-context'

/** The group's summary, recomputed when a report arrives and every second (stale reports drop). */
export function useGroup(): GroupSummary {
  const live = useLiveSession()
  const group = useLive((s) => s.group)
  const [, tick] = useState(0)
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 1000)
    return () => clearInterval(id)
  }, [])
  void group
  return live.summary()
}
