import { Component, useEffect, type ReactNode } from 'react'
import type { Slots } from '../../features/slots/slots'
import type { Headset } from '../../modes/xr/headset-store'
import KioskSource from '../../modes/kiosk/KioskSource'
import { useT } from '../../state/use-t'
import { App } from '../page/App'
import { UiBoundary, UiFaultContext } from '../../features/chrome/UiBoundary'
import { AttractScreen } from '../../modes/kiosk/AttractScreen'
import { selectPhase, type KioskController } from '../../modes/kiosk/controller'
import { IdleCountdown } from '../../modes/kiosk/IdleCountdown'
import { KioskContext, useKiosk, useKioskController } from '../../modes/kiosk/kiosk-context'
import '../../modes/kiosk/kiosk.css'
import { OperatorScreen } from '../../modes/kiosk/OperatorScreen'
import { PinPad } from '../../modes/kiosk/PinPad'

/**
 * The last resort: a render error in the app that no region's own boundary caught (UiBoundary around
 * each region of the interface, SceneBoundary in the 3D view): report it, and start again from the
 * attract loop with the app mounted again (and with it a new canvas: the regions' boundaries are
 * there so that this does not happen).
 */
class KioskBoundary extends Component<
  { onError: (e: Error) => void; children: ReactNode },
  { generation: number; failed: boolean }
> {
  state = { generation: 0, failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  componentDidCatch(error: Error) {
    this.props.onError(error)
    // Mount the app again (its store was reset by the controller).
    setTimeout(() => this.setState((s) => ({ generation: s.generation + 1, failed: false })), 0)
  }
  render() {
    return this.state.failed ? null : (
      <div key={this.state.generation} className="kiosk-app">
        {this.props.children}
      </div>
    )
  }
}

/** In the header during a visit: the visitor can end it (and leave nothing behind) at once. */
function EndVisitButton() {
  const { t } = useT()
  const kiosk = useKioskController()
  return (
    <button type="button" className="btn btn-ghost kiosk-end-visit" onClick={() => kiosk.endVisit()}>
      {t('kiosk.endVisit')}
    </button>
  )
}

function KioskLayer() {
  const phase = useKiosk(selectPhase)
  const overlay = useKiosk((s) => s.overlay)
  return (
    <>
      {phase === 'attract' && (
        <UiBoundary region="attract screen">
          <AttractScreen />
        </UiBoundary>
      )}
      {overlay === 'pin' && (
        <UiBoundary region="PIN pad">
          <PinPad />
        </UiBoundary>
      )}
      {overlay === 'operator' && (
        <UiBoundary region="operator screen">
          <OperatorScreen />
        </UiBoundary>
      )}
      {phase === 'warning' && (
        <UiBoundary region="countdown">
          <IdleCountdown />
        </UiBoundary>
      )}
    </>
  )
}

/** On a kiosk no link may leave the app: a source is its title, its address and a QR code instead. */
const KIOSK_SLOTS: Slots = { source: (source) => <KioskSource source={source} /> }

/** The whole app in kiosk mode: the normal app under the kiosk's lockdown, loops and screens. */
export function KioskApp({ controller, headset }: { controller: KioskController; headset: Headset }) {
  useEffect(() => controller.installLockdown(), [controller])
  return (
    <KioskContext.Provider value={controller}>
      {/* A region's render error is the kiosk's own fault: the visit starts over (healing.ts). */}
      <UiFaultContext.Provider value={controller.renderError}>
        <KioskBoundary onError={(e) => controller.renderError(e)}>
          <App headerExtra={<EndVisitButton />} slots={KIOSK_SLOTS} headset={headset} />
        </KioskBoundary>
        <KioskLayer />
      </UiFaultContext.Provider>
    </KioskContext.Provider>
  )
}
