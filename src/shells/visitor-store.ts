/**
 * The visitor's store, made by a shell with that shell's choice of memory: the page remembers the
 * visitor's language and settings on this device; the embed and the handout start from them but
 * write nothing back (an embed's own options, such as `captions=0`, must not change the visitor's
 * settings everywhere else); the kiosk neither reads nor writes them, so no choice of one visitor
 * reaches the next, even across a reload.
 */
import type { BootConfig } from '../core/boot/boot-config'
import { readBrowser } from '../core/boot/browser'
import {
  localStorageIfAllowed,
  initialStoreOptions,
  persistPreferences,
  readPreferences,
  type PreferenceStorage,
} from '../state/preferences'
import { createAppStore, type AppStore } from '../state/store'

export type VisitorStore = {
  store: AppStore
  /** Where this shell's choices persist (null: nowhere). Modes that remember things use it too. */
  storage: PreferenceStorage | null
}

export type Memory = 'remember' | 'read-only' | 'none'

export function createVisitorStore(boot: BootConfig, memory: Memory): VisitorStore {
  const storage = memory === 'none' ? null : localStorageIfAllowed()
  const store = createAppStore(initialStoreOptions(boot, readPreferences(storage), readBrowser()))
  if (storage && memory === 'remember') persistPreferences(store, storage)
  return { store, storage: memory === 'remember' ? storage : null }
}
