/**
 * The studio's one editing store: the tour being edited, its undo and redo history, and the
 * version of the file it started from. Every change to the tour goes through `apply` as a command
 * (patch.ts), so every edit can be undone; the draft is written to storage after each one.
 */
import { createStore } from 'zustand/vanilla'
import type { Tour } from '../../../src/core/content/schema'
import { discardDraft, readDraft, writeDraft, type DraftStorage } from './draft-storage'
import { coalesce, getAt, redoCommand, setAt, undoCommand, type Command } from './patch'

export type EditState = {
  tourId: string | null
  /** sha256 of the file the edits started from; null for a tour not yet on disk. */
  baseVersion: string | null
  tour: Tour | null
  past: Command[]
  future: Command[]
  /** Whether the tour differs from the file it was loaded from. */
  dirty: boolean
  /** False when the browser refused to keep the draft (storage full or disabled). */
  draftKept: boolean
}

export type EditActions = {
  /** Start editing a tour as read from disk (or a new one, baseVersion null). */
  open(tourId: string, tour: Tour, baseVersion: string | null): void
  /** The draft kept for this tour and version, if any (the page offers to restore or discard it). */
  storedDraft(tourId: string, baseVersion: string | null): ReturnType<typeof readDraft>
  restoreDraft(): boolean
  discardDraft(): void
  apply(command: Command): void
  undo(): void
  redo(): void
  /** After a save: the file is now at `version`; the history stays (undo still works). */
  saved(version: string, tour?: Tour): void
  /**
   * The file changed on disk: start from its new content and version and replay this session's
   * edits onto it (each edit sets the value at its path, so edits to other parts of the file keep
   * theirs). Returns the tour after replay.
   */
  reapply(tour: Tour, version: string): Tour
  close(): void
}

export type EditStore = ReturnType<typeof createEditStore>

export function createEditStore({ storage }: { storage: DraftStorage }) {
  const store = createStore<EditState & EditActions>()((set, get) => {
    const keep = () => {
      const { tourId, baseVersion, tour, past, future, dirty } = get()
      if (!tourId || !tour) return
      if (!dirty) {
        discardDraft(storage, tourId, baseVersion)
        return
      }
      const draftKept = writeDraft(storage, tourId, baseVersion, { tour, past, future, savedAt: Date.now() })
      if (draftKept !== get().draftKept) set({ draftKept })
    }
    return {
      tourId: null,
      baseVersion: null,
      tour: null,
      past: [],
      future: [],
      dirty: false,
      draftKept: true,
      open(tourId, tour, baseVersion) {
        set({ tourId, tour, baseVersion, past: [], future: [], dirty: baseVersion === null })
        if (baseVersion === null) keep()
      },
      storedDraft(tourId, baseVersion) {
        return readDraft(storage, tourId, baseVersion)
      },
      restoreDraft() {
        const { tourId, baseVersion } = get()
        if (!tourId) return false
        const draft = readDraft(storage, tourId, baseVersion)
        if (!draft) return false
        set({ tour: draft.tour, past: draft.past, future: draft.future ?? [], dirty: true })
        return true
      },
      discardDraft() {
        const { tourId, baseVersion } = get()
        if (tourId) discardDraft(storage, tourId, baseVersion)
      },
      apply(command) {
        const { tour, past } = get()
        if (!tour) return
        const merged = coalesce(past[past.length - 1], command)
        set({
          tour: redoCommand(tour, command),
          past: merged ? [...past.slice(0, -1), merged] : [...past, command],
          future: [],
          dirty: true,
        })
        keep()
      },
      undo() {
        const { tour, past, future } = get()
        const last = past[past.length - 1]
        if (!tour || !last) return
        set({
          tour: undoCommand(tour, last),
          past: past.slice(0, -1),
          future: [last, ...future],
          dirty: true,
        })
        keep()
      },
      redo() {
        const { tour, past, future } = get()
        const next = future[0]
        if (!tour || !next) return
        // A redone step is never merged with the next typing: it is a step of its own again.
        set({
          tour: redoCommand(tour, next),
          past: [...past, { ...next, at: -Infinity }],
          future: future.slice(1),
          dirty: true,
        })
        keep()
      },
      saved(version, tour) {
        const { tourId, baseVersion } = get()
        if (tourId) discardDraft(storage, tourId, baseVersion)
        set({ baseVersion: version, dirty: false, ...(tour ? { tour } : {}) })
      },
      reapply(tour, version) {
        const { tourId, baseVersion, past } = get()
        if (tourId) discardDraft(storage, tourId, baseVersion)
        // Each step's `before` is read again from the new file, so undo returns to what is on disk now.
        let replayed = tour
        const rebased = past.map((command) => {
          const patches = command.patches.map((p) => {
            const patch = { ...p, before: getAt(replayed, p.path) }
            replayed = setAt(replayed, p.path, p.after)
            return patch
          })
          return { ...command, patches }
        })
        set({ tour: replayed, baseVersion: version, past: rebased, future: [], dirty: true })
        keep()
        return replayed
      },
      close() {
        set({ tourId: null, tour: null, baseVersion: null, past: [], future: [], dirty: false })
      },
    }
  })
  return store
}
