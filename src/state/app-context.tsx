/**
 * The React binding of the visitor's store. The store itself is made by a shell (src/shells/),
 * which also chooses what persists, and handed down here: no module creates or imports an instance,
 * so each way in (and each test) has its own, and nothing happens merely because a file was loaded.
 */
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { BootConfig } from '../core/boot/boot-config'
import type { AppState, AppStore } from './store'

type AppContextValue = { store: AppStore; boot: BootConfig }

const AppContext = createContext<AppContextValue | null>(null)

/** Give the tree below its store and how the page was asked for (its shell's choices). */
export function AppProvider({ store, boot, children }: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ store, boot }}>{children}</AppContext.Provider>
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext)
  if (!value)
    throw new Error('Portage: a component read the store outside <AppProvider> (its shell gives it)')
  return value
}

/** Read the store through a selector; the component re-renders when the selected value changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppContext().store, selector)
}

/** The store itself, for event handlers and subscriptions that must read it when they run. */
export function useAppStore(): AppStore {
  return useAppContext().store
}

/** How this page was asked for (see core/boot/boot-config.ts). */
export function useBoot(): BootConfig {
  return useAppContext().boot
}

export { AppContext }
