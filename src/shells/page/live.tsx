/**
 * The page in a live group tour (`?mode=guide&tour=`, `?join=`; docs/live.md). Loaded by the page
 * shell only for such an address, so a visitor who is not in a group downloads none of it. The
 * live mode reaches the headset through its port, given once the tour view has made it: the pause
 * and the end of a session are notices in the headset too.
 */
import type { BootConfig, LiveBoot } from '../../core/boot/boot-config'
import { addDiagnosticsSection, exposeDiagnostics } from '../../features/diagnostics/diagnostics'
import { createLive } from '../../modes/live/live-store'
import { liveSlots } from '../../modes/live/live-slots'
import type { AppStore } from '../../state/store'
import { App } from './App'

function sessionStorageIfAllowed(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null // storage blocked: the guide still leads, without getting the session back on reload
  }
}

export function liveApp(store: AppStore, boot: BootConfig & { live: LiveBoot }) {
  const live = createLive({
    app: store,
    live: boot.live,
    base: boot.base,
    win: window,
    storage: sessionStorageIfAllowed(),
  })
  if (boot.diagnostics) {
    addDiagnosticsSection('live', () => live.diagnostics())
    exposeDiagnostics(store)
  }
  window.addEventListener('pagehide', () => live.stop())
  const { headerExtra, slots } = liveSlots(live)
  return (
    <App headerExtra={headerExtra} slots={slots} onHeadset={(headset) => live.attachHeadset(headset.port)} />
  )
}
