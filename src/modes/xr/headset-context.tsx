/**
 * The headset mode's place in the React tree: its shell gives it with <HeadsetProvider>, and the
 * mode's components read it (its state, its runtime once loaded) through these hooks.
 */
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { Headset } from './headset-store'
import type { XrModeState } from './xr-mode-store'

const HeadsetContext = createContext<Headset | null>(null)

export function HeadsetProvider({ headset, children }: { headset: Headset; children: ReactNode }) {
  return <HeadsetContext.Provider value={headset}>{children}</HeadsetContext.Provider>
}

export function useHeadset(): Headset {
  const headset = useContext(HeadsetContext)
  if (!headset)
    throw new Error('Portage: the headset mode is used outside <HeadsetProvider> (its shell gives it)')
  return headset
}

/** Read the headset mode's state through a selector. */
export function useXrMode<T>(selector: (s: XrModeState) => T): T {
  return useStore(useHeadset().store, selector)
}
