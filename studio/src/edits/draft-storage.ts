/**
 * The draft in the browser's storage, so a reload (or a crash) loses nothing: keyed by the tour and
 * the version of its file the edits started from, so a draft is never laid over a file that changed
 * since (the studio offers to reapply it instead, see edit-store.ts `reapply`).
 */
import type { Tour } from '../../../src/core/content/schema'
import type { Command } from './patch'

export type Draft = { tour: Tour; past: Command[]; future: Command[]; savedAt: number }

/** The part of `Storage` the draft needs (localStorage in the page, a Map in the tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const PREFIX = 'portage-studio/draft/'

export const draftKey = (tourId: string, baseVersion: string | null) =>
  `${PREFIX}${tourId}/${baseVersion ?? 'new'}`

export function readDraft(storage: DraftStorage, tourId: string, baseVersion: string | null): Draft | null {
  try {
    const text = storage.getItem(draftKey(tourId, baseVersion))
    if (!text) return null
    const draft = JSON.parse(text) as Draft
    return draft && typeof draft === 'object' && draft.tour && Array.isArray(draft.past) ? draft : null
  } catch {
    return null // a draft that cannot be read is no draft: the file on disk is still there
  }
}

/** Returns false when the storage is full or refused (the page says so; the edits stay in memory). */
export function writeDraft(
  storage: DraftStorage,
  tourId: string,
  baseVersion: string | null,
  draft: Draft,
): boolean {
  try {
    storage.setItem(draftKey(tourId, baseVersion), JSON.stringify(draft))
    return true
  } catch {
    return false
  }
}

export function discardDraft(storage: DraftStorage, tourId: string, baseVersion: string | null) {
  try {
    storage.removeItem(draftKey(tourId, baseVersion))
  } catch {
    // nothing to remove
  }
}

/**
 * Drafts of tours not yet saved once (a site just imported): they have no file to open from, so
 * the tour list offers them by themselves. Returns their tour ids.
 */
export function newTourDrafts(storage: Pick<Storage, 'length' | 'key'>): string[] {
  const ids: string[] = []
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)
      const match = key?.match(/^portage-studio\/draft\/([a-z0-9-]+)\/new$/)
      if (match?.[1]) ids.push(match[1])
    }
  } catch {
    // no storage: no drafts
  }
  return ids.sort()
}
