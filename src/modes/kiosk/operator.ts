/**
 * The operator: the PIN pad (opened by the hidden gesture or shortcut, closed when left alone),
 * the operator screen it opens, and that screen's actions. The operator's time at the kiosk is not
 * a visit; leaving the operator screen starts the kiosk again from its attract loop.
 */
import { verifyPin, type Pbkdf2 } from '../../core/kiosk/pin-hash'
import { STORAGE_KEYS, type DeviceStorage } from './device-storage'
import type { Disposer } from './disposer'
import { KIOSK_TIMING, type KioskUi, type PinResult } from './kiosk-state'
import type { LauncherLink } from './launcher-link'
import { lockedFor, parsePinGuard, recordAttempt, type PinGuard } from './logic/pin'
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
  /** Where the PIN pad's lockout is kept, so a reload does not reset it. */
  storage: DeviceStorage
}

/**
 * PBKDF2 by WebCrypto. `crypto.subtle` exists only in secure contexts (https, or this machine):
 * elsewhere the operator functions stay closed, and the PIN pad says why.
 */
export function webCryptoPbkdf2(subtle: SubtleCrypto): Pbkdf2 {
  return async (pin, salt, iterations, bytes) => {
    const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
      key,
      bytes * 8,
    )
    return new Uint8Array(bits)
  }
}

export type Operator = ReturnType<typeof createOperator>

export function createOperator({ win, ui, d, visit, stats, log, offline, launcher, storage }: OperatorDeps) {
  const set = ui.setState
  // The lockout survives reloads: it is read back from the kiosk's storage, and written at once.
  set({ pin: parsePinGuard(storage.read(STORAGE_KEYS.pin), Date.now()) })
  const keep = (guard: PinGuard) => {
    set({ pin: guard })
    storage.write(STORAGE_KEYS.pin, JSON.stringify(guard))
  }
  /** What the pad says before any digit: closed (no usable PIN, or no WebCrypto), locked, or nothing. */
  const padState = (): PinResult => {
    const { config, pin } = ui.getState()
    if (!config.operatorPin) return 'closed'
    if (!win.crypto?.subtle) return 'insecure'
    return lockedFor(pin, Date.now()) > 0 ? 'locked' : 'none'
  }
  let checking = false
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
      set({ overlay: 'pin', pinResult: padState() })
      armPinTimer()
    },
    /** Input while the PIN pad is open. */
    touched() {
      if (ui.getState().overlay === 'pin') armPinTimer()
    },
    /** Checks a PIN (slowly, by design: about a second on a small device). */
    async enterPin(pin: string): Promise<PinResult | 'ok'> {
      const state = padState()
      armPinTimer()
      if (state !== 'none' || checking) {
        set({ pinResult: checking ? 'checking' : state })
        return checking ? 'checking' : state
      }
      const stored = ui.getState().config.operatorPin!
      checking = true
      set({ pinResult: 'checking' })
      const ok = await verifyPin(pin, stored, webCryptoPbkdf2(win.crypto.subtle)).catch(() => false)
      checking = false
      if (d.disposed) return 'none'
      // Read the guard again: it is the stored one, whatever happened while the hash was computed.
      const attempt = recordAttempt(ui.getState().pin, ok, Date.now())
      keep(attempt.guard)
      if (attempt.result === 'locked')
        log(
          'operator',
          `PIN pad locked for ${Math.round(lockedFor(attempt.guard, Date.now()) / 60_000)} min after repeated wrong PINs.`,
        )
      if (ui.getState().overlay !== 'pin') return attempt.result
      set({ pinResult: attempt.result === 'ok' ? 'none' : attempt.result })
      if (attempt.result !== 'ok') {
        armPinTimer()
        return attempt.result
      }
      cancelPinTimer()
      // The operator's time at the kiosk is not a visit.
      stats.finish(true)
      visit.takeOver()
      set({ overlay: 'operator' })
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
