/**
 * What the live mode adds to the page, through the slots its shell offers: the header's chip and
 * the overlays (join card, code card, pause, connection, end), the guide's or follower's panel at
 * the top of the tour's sidebar, and its layer in the 3D view.
 */
import './live.css'
import type { ReactNode } from 'react'
import type { Slots } from '../../features/slots/slots'
import { FollowerPanel } from './FollowerPanel'
import { GuidePanel } from './GuidePanel'
import { LiveProvider } from './live-context'
import { LiveOverlays } from './LiveOverlays'
import { LiveStage } from './LiveStage'
import type { Live } from './live-store'

export function liveSlots(live: Live): { headerExtra: ReactNode; slots: Slots } {
  const role = live.store.getState().role
  return {
    headerExtra: (
      <LiveProvider live={live}>
        <LiveOverlays />
      </LiveProvider>
    ),
    slots: {
      sidebarTop: (
        <LiveProvider live={live}>{role === 'guide' ? <GuidePanel /> : <FollowerPanel />}</LiveProvider>
      ),
      stageLayers: (
        <LiveProvider live={live}>
          <LiveStage />
        </LiveProvider>
      ),
    },
  }
}
