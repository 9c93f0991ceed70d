import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { Live, LiveState } from './live-store'

const LiveContext = createContext<Live | null>(null)

export function LiveProvider({ live, children }: { live: Live; children: ReactNode }) {
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
}

/** The page's live session (throws outside its provider: the live components have no default). */
export function useLiveSession(): Live {
  const live = useContext(LiveContext)
  if (!live) throw new Error('useLiveSession() outside <LiveProvider>')
  return live
}

export function useLive<T>(selector: (s: LiveState) => T): T {
  return useStore(useLiveSession().store, selector)
}
