/**
 * The operator: the PIN pad (opened by the hidden gesture or shortcut, closed when left alone),
 * the operator screen it opens, and that screen's actions. The operator's time at the kiosk is not
 * a visit; leaving the operator screen starts the kiosk again from its attract loop.
 */
import type { Disposer } from './disposer'
import { KIOSK_TIMING, type KioskUi } from './kiosk-state'
import type { LauncherLink } from './launcher-link'
import { pinAttempt } from './logic/pin'
import type { Offline } from './offline'
import type { VisitLoop } from './visit'
import type { VisitStats } from './visit-stats'

export type OperatorDeps = {
  win: Window
  ui: KioskUi
  /** This part's own disposer. */
  d: Disposer
  visit: Pick<VisitLoop, 'takeOver' | 'restart'>
  stats: Pick<VisitStats, 'finish' | 'clear'>
  log: (kind: 'operator', message: string) => void
  offline: () => Offline | null
  launcher: () => LauncherLink | null
}

export type Operator = ReturnType<typeof createOperator>

export function createOperator({ win, ui, d, visit, stats, log, offline, launcher }: OperatorDeps) {
  const set = ui.setState
  let cancelPinTimer = () => {}
  /** The PIN pad closes when left alone. */
  const armPinTimer = () => {
    cancelPinTimer()
    cancelPinTimer = d.timeout(() => {
      if (ui.getState().overlay === 'pin') set({ overlay: 'none', pinResult: 'none' })
    }, KIOSK_TIMING.pinIdleMs)
  }
  const dismiss = () => {
    cancelPinTimer()
    set({ overlay: 'none', pinResult: 'none' })
  }

  return {
    openPin() {
      if (ui.getState().overlay !== 'none') return
      set({ overlay: 'pin', pinResult: 'none' })
      armPinTimer()
    },
    /** Input while the PIN pad is open. */
    touched() {
      if (ui.getState().overlay === 'pin') armPinTimer()
    },
    enterPin(pin: string) {
      const { pin: guard, config } = ui.getState()
      const attempt = pinAttempt(guard, pin, config.operatorPin, Date.now())
      set({ pin: attempt.guard, pinResult: attempt.result === 'ok' ? 'none' : attempt.result })
      if (attempt.result !== 'ok') {
        armPinTimer()
        return attempt.result
      }
      cancelPinTimer()
      // The operator's time at the kiosk is not a visit.
      stats.finish(true)
      visit.takeOver()
      set({ overlay: 'operator', reportVisible: false })
      log('operator', 'Operator screen opened.')
      return attempt.result
    },
    closeOverlay() {
      const wasOperator = ui.getState().overlay === 'operator'
      dismiss()
      if (wasOperator) visit.restart('operator')
    },
    /** After every reset: nothing the operator opened stays open for the next visitor. */
    dismiss,
    reload() {
      log('operator', 'Reload asked by the operator.')
      win.location.reload()
    },
    /** The operator's "Apply the new version now": ends the visit and reloads into it. */
    applyUpdate() {
      dismiss()
      visit.restart('operator')
    },
    checkForUpdate() {
      offline()?.check()
    },
    clearStats() {
      stats.clear()
      log('operator', 'Statistics cleared.')
    },
    async quitLauncher() {
      log('operator', 'Kiosk closed by the operator.')
      return (await launcher()?.quit()) ?? false
    },
    exitKiosk() {
      log('operator', 'Left kiosk mode.')
      const url = new URL(win.location.href)
      url.searchParams.delete('mode')
      win.location.replace(url.href)
    },
    stop: () => d.dispose(),
  }
}
