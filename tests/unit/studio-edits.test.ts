/**
 * The studio's edit commands and their undo (studio/src/edits): every kind of edit the studio makes
 * (place, move, type with coalescing, delete, set a view, draw an area) is undone and redone
 * exactly, and the draft survives a reload keyed by tour and base version.
 */
import { describe, expect, it } from 'vitest'
import { createEditStore } from '../../studio/src/edits/edit-store'
import { draftKey, newTourDrafts } from '../../studio/src/edits/draft-storage'
import {
  COALESCE_MS,
  combine,
  getAt,
  insertCommand,
  redoCommand,
  removeCommand,
  setAt,
  setCommand,
  undoCommand,
} from '../../studio/src/edits/patch'
import { newArea, newHotspot, newViewpoint } from '../../studio/src/view/placing'
import { makeTour } from './tour-fixture'

class MemoryStorage {
  readonly map = new Map<string, string>()
  full = false
  getItem = (k: string) => this.map.get(k) ?? null
  setItem = (k: string, v: string) => {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError')
    this.map.set(k, v)
  }
  removeItem = (k: string) => void this.map.delete(k)
}

function opened(version: string | null = 'v1') {
  const storage = new MemoryStorage()
  const store = createEditStore({ storage })
  const tour = makeTour()
  store.getState().open(tour.id, tour, version)
  return { storage, store, tour, s: () => store.getState() }
}

describe('paths', () => {
  it('sets a value by copy on write, leaving the original and untouched branches as they were', () => {
    const tour = makeTour()
    const next = setAt(tour, ['stops', 0, 'title', 'fr'], 'Nouveau')
    expect(getAt(next, ['stops', 0, 'title', 'fr'])).toBe('Nouveau')
    expect(tour.stops[0]!.title['fr']).not.toBe('Nouveau')
    expect(next.stops[0]!.hotspots).toBe(tour.stops[0]!.hotspots)
    expect(next.stops[1]).toBe(tour.stops[1])
  })
  it('removes a key when set to undefined', () => {
    const tour = makeTour()
    const withView = setAt(tour, ['stops', 0, 'hotspots', 0, 'view'], {
      position: [1, 2, 3],
      target: [0, 0, 0],
    })
    expect(getAt(withView, ['stops', 0, 'hotspots', 0, 'view'])).toBeDefined()
    const without = setAt(withView, ['stops', 0, 'hotspots', 0, 'view'], undefined)
    expect('view' in without.stops[0]!.hotspots[0]!).toBe(false)
  })
})

describe('each command undoes to the exact document and redoes to the exact result', () => {
  const tour = makeTour()
  const at = 1000
  const hotspot = newHotspot(tour, [1, 2, 3])
  const cases = {
    place: insertCommand(tour, ['stops', 0, 'hotspots'], hotspot, 'edit.place', at),
    move: setCommand(tour, ['stops', 0, 'hotspots', 0, 'position'], [5, 6, 7], 'edit.move', at),
    type: setCommand(tour, ['stops', 0, 'hotspots', 0, 'title', 'fr'], 'Titre', 'edit.type', at, {
      coalesce: true,
    }),
    delete: removeCommand(tour, ['stops', 0, 'hotspots'], 0, 'edit.delete', at),
    viewpoint: setCommand(
      tour,
      ['stops', 0, 'viewpoints', 0],
      { ...tour.stops[0]!.viewpoints[0]!, position: [9, 9, 9], target: [1, 1, 1] },
      'edit.view',
      at,
    ),
    closeUp: setCommand(
      tour,
      ['stops', 0, 'hotspots', 0, 'view'],
      { position: [3, 3, 3], target: [0, 0, 0] },
      'edit.view',
      at,
    ),
    area: insertCommand(
      tour,
      ['stops', 0, 'walkableAreas'],
      newArea(tour.stops[0]!, [
        [0, 1, 0],
        [4, 1, 0],
        [4, 1.2, 4],
      ]),
      'edit.area',
      at,
    ),
    corner: setCommand(tour, ['stops', 0, 'walkableAreas', 0, 'polygon', 1], [12, -8], 'edit.corner', at),
  }
  for (const [name, command] of Object.entries(cases))
    it(name, () => {
      const after = redoCommand(tour, command)
      expect(after).not.toEqual(tour)
      expect(undoCommand(after, command)).toEqual(tour)
      expect(redoCommand(undoCommand(after, command), command)).toEqual(after)
    })

  it('a combined command undoes all its steps at once, in reverse', () => {
    const command = combine('edit.place', at, tour, [
      (t) => insertCommand(t, ['stops', 0, 'hotspots'], hotspot, 'edit.place', at),
      (t) =>
        setCommand(
          t,
          ['stops', 0, 'hotspots', t.stops[0]!.hotspots.length - 1, 'title', 'en'],
          'New',
          'edit.type',
          at,
        ),
    ])
    const after = redoCommand(tour, command)
    expect(after.stops[0]!.hotspots.at(-1)!.title['en']).toBe('New')
    expect(undoCommand(after, command)).toEqual(tour)
  })
})

describe('placing', () => {
  it('gives new hotspots ids unused anywhere in the tour, and no invented text', () => {
    const tour = makeTour()
    const first = newHotspot(tour, [0, 0, 0])
    const withFirst = setAt(tour, ['stops', 1, 'hotspots'], [...tour.stops[1]!.hotspots, first])
    const second = newHotspot(withFirst, [0, 0, 0])
    expect(first.id).toBe('hotspot-1')
    expect(second.id).toBe('hotspot-2')
    expect(first.title).toEqual({})
    expect(first.sources).toEqual([])
  })
  it('a walkable area stands at the mean height of its points; a viewpoint takes the camera', () => {
    const stop = makeTour().stops[0]!
    const area = newArea(stop, [
      [0, 1, 0],
      [2, 2, 0],
      [2, 3, 2],
    ])
    expect(area).toEqual({
      id: 'area-1',
      y: 2,
      polygon: [
        [0, 0],
        [2, 0],
        [2, 2],
      ],
    })
    expect(newViewpoint(stop, { position: [1, 2, 3], target: [0, 0, 0] }).id).toBe('view-1')
  })
})

describe('the edit store', () => {
  it('undoes and redoes every edit, and a new edit clears what could be redone', () => {
    const { store, tour, s } = opened()
    s().apply(setCommand(tour, ['stops', 0, 'hotspots', 0, 'position'], [1, 1, 1], 'edit.move', 0))
    s().apply(removeCommand(s().tour!, ['stops', 0, 'hotspots'], 0, 'edit.delete', 10_000))
    expect(s().tour!.stops[0]!.hotspots).toHaveLength(tour.stops[0]!.hotspots.length - 1)
    s().undo()
    expect(s().tour!.stops[0]!.hotspots[0]!.position).toEqual([1, 1, 1])
    s().undo()
    expect(s().tour).toEqual(tour)
    expect(s().past).toHaveLength(0)
    s().redo()
    expect(s().tour!.stops[0]!.hotspots[0]!.position).toEqual([1, 1, 1])
    expect(s().future).toHaveLength(1)
    s().apply(setCommand(s().tour!, ['title', 'en'], 'Other', 'edit.type', 20_000))
    expect(s().future).toHaveLength(0)
    expect(store.getState().dirty).toBe(true)
  })

  it('merges a burst of typing in one field into one undo step, but not across fields or pauses', () => {
    const { s, tour } = opened()
    const path = ['stops', 0, 'title', 'en'] as const
    let t = 0
    for (const text of ['P', 'Pa', 'Par', 'Parl']) {
      s().apply(setCommand(s().tour!, path, text, 'edit.type', (t += 200), { coalesce: true }))
    }
    expect(s().past).toHaveLength(1)
    s().apply(
      setCommand(s().tour!, ['stops', 0, 'title', 'fr'], 'C', 'edit.type', (t += 200), { coalesce: true }),
    )
    expect(s().past).toHaveLength(2)
    s().apply(setCommand(s().tour!, path, 'Parl!', 'edit.type', t + COALESCE_MS + 1, { coalesce: true }))
    expect(s().past).toHaveLength(3)
    s().undo()
    expect(s().tour!.stops[0]!.title['en']).toBe('Parl')
    s().undo()
    s().undo()
    expect(s().tour!.stops[0]!.title['en']).toBe(tour.stops[0]!.title['en'])
  })

  it('keeps the draft across a reload, keyed by tour and base version, until saved or discarded', () => {
    const { storage, s, tour } = opened('v1')
    s().apply(setCommand(tour, ['title', 'fr'], 'Brouillon', 'edit.type', 0))
    expect(storage.map.has(draftKey(tour.id, 'v1'))).toBe(true)

    // A reload: a new store over the same storage.
    const again = createEditStore({ storage })
    again.getState().open(tour.id, tour, 'v1')
    expect(again.getState().storedDraft(tour.id, 'v1')?.past).toHaveLength(1)
    expect(again.getState().storedDraft(tour.id, 'v2')).toBeNull()
    expect(again.getState().restoreDraft()).toBe(true)
    expect(again.getState().tour!.title['fr']).toBe('Brouillon')
    again.getState().undo() // the history came back with it
    expect(again.getState().tour!.title['fr']).toBe(tour.title['fr'])

    again.getState().discardDraft()
    expect(storage.map.has(draftKey(tour.id, 'v1'))).toBe(false)
  })

  it('a save drops the draft and moves the base version; undo still works after it', () => {
    const { storage, s, tour } = opened('v1')
    s().apply(setCommand(tour, ['title', 'en'], 'Saved', 'edit.type', 0))
    s().saved('v2')
    expect(s().baseVersion).toBe('v2')
    expect(s().dirty).toBe(false)
    expect(storage.map.size).toBe(0)
    s().undo()
    expect(s().tour!.title['en']).toBe(tour.title['en'])
    expect(storage.map.has(draftKey(tour.id, 'v2'))).toBe(true)
  })

  it('reapplies the edits onto a file changed on disk, keeping the other changes made there', () => {
    const { s, tour } = opened('v1')
    s().apply(setCommand(tour, ['stops', 0, 'title', 'en'], 'Mine', 'edit.type', 0))
    const onDisk = setAt(tour, ['summary', 'en'], 'Changed by someone else')
    const merged = s().reapply(onDisk, 'v2')
    expect(merged.stops[0]!.title['en']).toBe('Mine')
    expect(merged.summary['en']).toBe('Changed by someone else')
    expect(s().baseVersion).toBe('v2')
    s().undo()
    expect(s().tour).toEqual(onDisk)
  })

  it('says when the browser refuses to keep the draft, and keeps editing in memory', () => {
    const { storage, s, tour } = opened('v1')
    storage.full = true
    s().apply(setCommand(tour, ['title', 'en'], 'X', 'edit.type', 0))
    expect(s().draftKept).toBe(false)
    expect(s().tour!.title['en']).toBe('X')
  })

  it('lists the drafts of new tours (never saved), which have no file to be opened from', () => {
    const storage = new MemoryStorage()
    const store = createEditStore({ storage })
    const tour = { ...makeTour('fort-york'), id: 'fort-york' }
    store.getState().open('fort-york', tour, null)
    storage.setItem(draftKey('other', 'v1'), '{}')
    const listing = Object.assign(storage, {
      get length() {
        return storage.map.size
      },
      key: (i: number) => [...storage.map.keys()][i] ?? null,
    })
    expect(newTourDrafts(listing)).toEqual(['fort-york'])
  })
})
