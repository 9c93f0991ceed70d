import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { KioskController, KioskState } from './controller'

export const KioskContext = createContext<KioskController | null>(null)

export function useKioskController(): KioskController {
  const controller = useContext(KioskContext)
  if (!controller) throw new Error('useKioskController must be used inside <KioskApp> (kiosk mode)')
  return controller
}

/** Read the kiosk's own state (phase, countdown, overlays, statistics) through a selector. */
export function useKiosk<T>(selector: (s: KioskState) => T): T {
  return useStore(useKioskController().ui, selector)
}
