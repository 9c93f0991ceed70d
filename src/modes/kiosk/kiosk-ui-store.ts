/** The kiosk's own small store, read by its screens (made by the controller, one per kiosk). */
import { createStore } from 'zustand/vanilla'
import { initialIdleState } from './logic/idle'
import { initialPinGuard } from './logic/pin'
import { DEFAULT_KIOSK_CONFIG } from '../../core/kiosk/config'
import type { KioskState, KioskUi } from './kiosk-state'

export function createKioskUi(initial: Pick<KioskState, 'log' | 'stats' | 'startedAt'>): KioskUi {
  return createStore<KioskState>()(() => ({
    idle: initialIdleState(),
    secondsLeft: 0,
    overlay: 'none',
    config: DEFAULT_KIOSK_CONFIG,
    issues: [],
    tours: [],
    unavailable: false,
    offline: { state: 'installing', updateWaiting: false },
    launcher: false,
    pin: initialPinGuard(),
    pinResult: 'none',
    attractAt: null,
    stopChanges: 0,
    ready: false,
    ...initial,
  }))
}
