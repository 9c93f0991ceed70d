/**
 * Where a mode adds to the shared interface without the interface knowing it exists. A shell fills
 * the slots with what its modes bring (the headset's Enter VR and its runtime in the 3D view, the
 * kiosk's sources as QR codes); features render whatever they are given, or their default.
 */
import { createContext, useContext, type ReactNode } from 'react'
import type { Source } from '../../core/content/schema'

export type Slots = {
  /** How a story's source is shown. @default a link that opens in a new tab */
  source?: (source: Source) => ReactNode
  /** In the tour's sidebar, above the stop's heading (the headset's Enter VR button). */
  sidebarTop?: ReactNode
  /** In the tour's sidebar, below the stories (how to visit in VR where it cannot be done here). */
  sidebarBottom?: ReactNode
  /** Inside the 3D view's <Canvas>, beside the site (the headset's runtime). */
  stageLayers?: ReactNode
}

const SlotsContext = createContext<Slots>({})

export function SlotsProvider({ slots, children }: { slots: Slots; children: ReactNode }) {
  return <SlotsContext.Provider value={slots}>{children}</SlotsContext.Provider>
}

/** The slots the shell filled (empty outside any provider: every slot has a default). */
export function useSlots(): Slots {
  return useContext(SlotsContext)
}
