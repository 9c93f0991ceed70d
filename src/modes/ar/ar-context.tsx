/**
 * The AR mode's place in the React tree: its shell gives it with <TabletopProvider>, and the mode's
 * components read it (its state, its runtime once loaded) through these hooks.
 */
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { ArModeState } from './ar-mode-store'
import type { Tabletop } from './tabletop-store'

const TabletopContext = createContext<Tabletop | null>(null)

export function TabletopProvider({ tabletop, children }: { tabletop: Tabletop; children: ReactNode }) {
  return <TabletopContext.Provider value={tabletop}>{children}</TabletopContext.Provider>
}

export function useTabletop(): Tabletop {
  const tabletop = useContext(TabletopContext)
  if (!tabletop)
    throw new Error('Portage: the AR mode is used outside <TabletopProvider> (its shell gives it)')
  return tabletop
}

/** Read the AR mode's state through a selector. */
export function useArMode<T>(selector: (s: ArModeState) => T): T {
  return useStore(useTabletop().store, selector)
}

/** The runtime, inside the AR mode's own components (they exist only once it is loaded). */
export function useArRuntime() {
  const runtime = useArMode((s) => s.runtime)
  if (!runtime) throw new Error('Portage: an AR component rendered before the runtime loaded')
  return runtime
}
