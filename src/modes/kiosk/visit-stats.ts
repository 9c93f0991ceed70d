/**
 * The statistics of visits (logic/stats.ts), kept on the device: the visit in progress is saved as
 * it goes (a reload or a crash does not lose it), and counted when it ends. What a visitor does is
 * read from the app store; the operator's time at the kiosk is discarded, not counted.
 */
import type { AppStore } from '../../state/store'
import { STORAGE_KEYS, type DeviceStorage } from './device-storage'
import type { Disposer } from './disposer'
import { KIOSK_TIMING, type KioskUi } from './kiosk-state'
import {
  discardVisit,
  emptyStats,
  endVisit,
  parseVisit,
  recordVisitEvent,
  startVisit,
  touchVisit,
  type KioskStats,
  type Visit,
  type VisitEvent,
} from './logic/stats'

export type VisitStats = ReturnType<typeof createVisitStats>

export function createVisitStats({ ui, storage }: { ui: KioskUi; storage: DeviceStorage }) {
  let visit: Visit | null = parseVisit(storage.read(STORAGE_KEYS.visit))
  let savedAt = 0

  const saveStats = (stats: KioskStats) => {
    ui.setState({ stats })
    storage.write(STORAGE_KEYS.stats, JSON.stringify(stats))
  }
  const saveVisit = () => {
    savedAt = Date.now()
    storage.write(STORAGE_KEYS.visit, visit ? JSON.stringify(visit) : null)
  }
  const record = (event: VisitEvent) => {
    if (!visit) return
    visit = recordVisitEvent(touchVisit(visit, Date.now()), event)
    saveVisit()
  }

  return {
    /** A visit starts (epoch ms), in that language. */
    begin(at: number, language: string) {
      const started = startVisit(ui.getState().stats, at, language)
      saveStats(started.stats)
      visit = started.visit
      saveVisit()
    },
    /** The visitor was last seen at `at` (epoch ms): the visit's duration ends there. */
    lastSeen(at: number) {
      if (visit) visit = touchVisit(visit, at)
    },
    /** Input during a visit: saved now and then, so a crash keeps the visit's length. */
    keepAlive() {
      if (!visit || Date.now() - savedAt <= KIOSK_TIMING.visitSaveMs) return
      visit = touchVisit(visit, Date.now())
      saveVisit()
    },
    /** The visit ends: counted, or (the operator's) discarded. */
    finish(discard: boolean) {
      if (!visit) return
      const { stats } = ui.getState()
      saveStats(discard ? discardVisit(stats, visit) : endVisit(stats, visit))
      visit = null
      saveVisit()
    },
    clear() {
      saveStats(emptyStats())
    },
    /** Record what the visitor does in the app store, while `visiting()`. */
    follow(store: AppStore, visiting: () => boolean, d: Disposer) {
      d.add(
        store.subscribe((s, prev) => {
          if (!visit || !visiting()) return
          const e = s.engine
          const p = prev.engine
          if (e.tourId && e.tourId !== p.tourId) record({ type: 'tour', tourId: e.tourId })
          if (e.tourId && (e.tourId !== p.tourId || e.stopIndex !== p.stopIndex)) {
            const stop = s.tours.get(e.tourId)?.stops[e.stopIndex]
            if (stop) record({ type: 'stop', tourId: e.tourId, stopId: stop.id })
          }
          if (e.tourId && e.hotspotId && e.hotspotId !== p.hotspotId)
            record({ type: 'hotspot', tourId: e.tourId, hotspotId: e.hotspotId })
          if (e.language !== p.language) record({ type: 'language', language: e.language })
        }),
      )
    },
  }
}
