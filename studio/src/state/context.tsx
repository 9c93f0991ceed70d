/** The studio's two stores, given by main.tsx, and the hooks that read them. */
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { EditState, EditStore, EditActions } from '../edits/edit-store'
import type { Tour } from '../../../src/core/content/schema'
import { removeCommand, setCommand, type Command, type EditLabel, type Path } from '../edits/patch'
import { st, type StudioKey, type Vars } from '../i18n/i18n'
import type { UiState, UiStore } from './ui-store'

export const StoresContext = createContext<{ edits: EditStore; ui: UiStore } | null>(null)

function useStores() {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('studio components must be inside <StoresContext.Provider>')
  return stores
}

export const useEdits = <T,>(select: (s: EditState & EditActions) => T): T =>
  useStore(useStores().edits, select)
export const useUi = <T,>(select: (s: UiState) => T): T => useStore(useStores().ui, select)
export const useStoresRaw = useStores

/** The studio's translate function, in the language chosen. */
export function useT() {
  const lang = useUi((s) => s.lang)
  return (key: StudioKey, vars?: Vars) => st(lang, key, vars)
}

/** Apply an edit made from the tour as it is now (nothing while no tour is open), as one undo step. */
export function useApply() {
  const { edits } = useStoresRaw()
  return (make: (tour: Tour) => Command) => {
    const tour = edits.getState().tour
    if (tour) edits.getState().apply(make(tour))
  }
}

/** Set the value at a path of the tour as one edit (typing merges into one undo step per field). */
export function useSetAt() {
  const apply = useApply()
  return (path: Path, value: unknown, label: EditLabel = 'edit.type', coalesce = true) =>
    apply((tour) => setCommand(tour, path, value, label, performance.now(), { coalesce }))
}

/** Remove the item at `index` of the list at a path of the tour, as one undoable deletion. */
export function useRemoveAt() {
  const apply = useApply()
  return (path: Path, index: number) =>
    apply((tour) => removeCommand(tour, path, index, 'edit.delete', performance.now()))
}
