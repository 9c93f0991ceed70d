/**
 * The page in a live group tour (`?mode=guide&tour=`, `?join=`; docs/live.md). Loaded by the page
 * shell only for such an address, so a visitor who is not in a group downloads none of it.
 */
import type { BootConfig } from '../../core/boot/boot-config'
import { addMessages } from '../../core/i18n/i18n'
import { LIVE_MESSAGES } from '../../core/live/messages'
import { readLiveBoot, type LiveBoot } from '../../core/live/live-boot'
import { registerDiagnosticsSection, exposeDiagnostics } from '../../features/diagnostics/diagnostics'
import { createLive } from '../../modes/live/live-store'
import { liveSlots } from '../../modes/live/live-slots'
import type { AppStore } from '../../state/store'
import type { ReactNode } from 'react'
import type { Slots } from '../../features/slots/slots'
import { App } from './App'
import { createHeadset } from '../../modes/xr/headset-store'
import { localStorageIfAllowed } from '../../state/preferences'
import type { NarrationOutput } from '../../features/narration/narration-output'

/** Two modes' slots together: both are shown where both fill one (the headset's and the live tour's). */
function mergeSlots(a: Slots, b: Slots = {}): Slots {
  const both = (x: ReactNode, y: ReactNode) =>
    x && y ? (
      <>
        {x}
        {y}
      </>
    ) : (
      (x ?? y)
    )
  return {
    ...a,
    ...b,
    sidebarTop: both(b.sidebarTop, a.sidebarTop),
    sidebarBottom: both(a.sidebarBottom, b.sidebarBottom),
    stageLayers: both(a.stageLayers, b.stageLayers),
  }
}

function sessionStorageIfAllowed(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null // storage blocked: the guide still leads, without getting the session back on reload
  }
}

export function liveApp(store: AppStore, boot: BootConfig, address: LiveBoot, narration: NarrationOutput) {
  // The headset is made here, before the page, as the kiosk does: the live mode reaches it through
  // its port from the start (the pause and the end of a session are notices in the headset too).
  const headset = createHeadset({
    app: store,
    emulate: boot.emulate,
    storage: localStorageIfAllowed(),
    diagnostics: boot.diagnostics,
    narration,
  })
  const live = createLive({
    app: store,
    live: address,
    base: boot.base,
    win: window,
    storage: sessionStorageIfAllowed(),
  })
  if (boot.diagnostics) {
    registerDiagnosticsSection('live', () => live.diagnostics())
    exposeDiagnostics(store)
  }
  live.attachHeadset(headset.port)
  window.addEventListener('pagehide', () => {
    live.stop()
    headset.stop()
  })
  const { headerExtra, slots } = liveSlots(live)
  return <App headerExtra={headerExtra} slots={(modes) => mergeSlots(modes, slots)} headset={headset} />
}

/** The page for a live address (`BootConfig.live`): read it here, in the live chunk. */
export function liveView(store: AppStore, boot: BootConfig, narration: NarrationOutput) {
  addMessages(LIVE_MESSAGES)
  const address = readLiveBoot(boot.search)
  return address ? liveApp(store, boot, address, narration) : <App />
}
