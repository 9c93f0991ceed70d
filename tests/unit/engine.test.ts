import { describe, expect, it } from 'vitest'
import * as engine from '../../src/core/engine/tour-engine'
import { makeTour } from './tour-fixture'

const tour = makeTour()
const tours = new Map([[tour.id, tour]])
const open = (at?: Parameters<typeof engine.openTour>[2]) =>
  engine.openTour(engine.initialEngineState('en'), tour, at)

describe('tour engine: navigation', () => {
  it('opens a tour at its first stop and records the visit', () => {
    const s = open()
    expect(s.tourId).toBe('test-tour')
    expect(s.stopIndex).toBe(0)
    expect(s.hotspotId).toBeNull()
    expect(s.visitedStops).toEqual(['first'])
  })

  it('moves to the next and previous stop, and stays put at either end', () => {
    let s = open()
    s = engine.previousStop(s, tour)
    expect(s.stopIndex).toBe(0)
    s = engine.nextStop(engine.nextStop(s, tour), tour)
    expect(s.stopIndex).toBe(2)
    expect(engine.nextStop(s, tour)).toBe(s)
    s = engine.previousStop(s, tour)
    expect(s.stopIndex).toBe(1)
    expect(s.visitedStops).toEqual(['first', 'second', 'third'])
  })

  it('leaving a stop closes its hotspot and stops the narration', () => {
    let s = engine.requestNarration(open({ hotspotId: 'a' }))
    expect(s.narration.status).toBe('loading')
    s = engine.nextStop(s, tour)
    expect(s.hotspotId).toBeNull()
    expect(s.narration).toEqual(engine.IDLE_NARRATION)
  })

  it('ignores a stop index that does not exist and a tour that is not open', () => {
    const s = open()
    expect(engine.goToStop(s, tour, 7)).toBe(s)
    const other = makeTour('other')
    expect(engine.goToStop(s, other, 1)).toBe(s)
  })

  it('closing the tour keeps progress until another tour opens', () => {
    let s = engine.openHotspot(open(), tour, 'a')
    s = engine.closeTour(s)
    expect(s.tourId).toBeNull()
    s = engine.openTour(s, tour)
    expect(s.visitedHotspots).toEqual(['a'])
    s = engine.openTour(s, makeTour('other'))
    expect(s.visitedHotspots).toEqual([])
  })
})

describe('tour engine: hotspots and narration', () => {
  it('opens only hotspots of the current stop', () => {
    const s = open()
    expect(engine.openHotspot(s, tour, 'd')).toBe(s)
    expect(engine.openHotspot(s, tour, 'b').hotspotId).toBe('b')
  })

  it('steps through hotspots, wrapping around in both directions', () => {
    let s = open()
    s = engine.stepHotspot(s, tour, 1)
    expect(s.hotspotId).toBe('a')
    s = engine.stepHotspot(s, tour, -1)
    expect(s.hotspotId).toBe('c')
    s = engine.stepHotspot(s, tour, 1)
    expect(s.hotspotId).toBe('a')
  })

  it('follows the narration lifecycle: request, play, pause, resume, end, replay', () => {
    let s = open({ hotspotId: 'a' })
    s = engine.requestNarration(s)
    expect(s.narration).toMatchObject({ status: 'loading', hotspotId: 'a', time: 0 })
    s = engine.narrationStarted(s)
    s = engine.narrationProgress(s, 3.5, 20)
    expect(s.narration).toMatchObject({ status: 'playing', time: 3.5, duration: 20 })
    s = engine.narrationPaused(s)
    expect(s.narration.status).toBe('paused')
    s = engine.requestNarration(s)
    expect(s.narration).toMatchObject({ status: 'loading', time: 3.5 }) // resumes where it was
    s = engine.narrationEnded(engine.narrationStarted(s))
    expect(s.narration).toMatchObject({ status: 'ended', time: 20 })
    s = engine.requestNarration(s)
    expect(s.narration.time).toBe(0) // playing after the end starts again
    s = engine.replayNarration(engine.narrationProgress(s, 9, 20))
    expect(s.narration).toMatchObject({ status: 'loading', time: 0 })
  })

  it('narration events without an open hotspot change nothing', () => {
    const s = open()
    expect(engine.requestNarration(s)).toBe(s)
    expect(engine.narrationStarted(s)).toBe(s)
    expect(engine.narrationProgress(s, 1, 2)).toBe(s)
  })

  it('pausing only applies to a narration that is playing or starting', () => {
    const s = open({ hotspotId: 'a' })
    expect(engine.narrationPaused(s)).toBe(s)
  })

  it('a failed narration says so and can be retried', () => {
    let s = engine.narrationFailed(engine.requestNarration(open({ hotspotId: 'a' })))
    expect(s.narration.status).toBe('error')
    s = engine.requestNarration(s)
    expect(s.narration.status).toBe('loading')
  })

  it('switching language keeps the hotspot open and the narration where it is', () => {
    let s = engine.narrationProgress(
      engine.narrationStarted(engine.requestNarration(open({ hotspotId: 'b' }))),
      4,
      10,
    )
    s = engine.setLanguage(s, 'fr')
    expect(s.language).toBe('fr')
    expect(s.hotspotId).toBe('b')
    expect(s.narration).toMatchObject({ status: 'playing', time: 4 })
  })
})

describe('tour engine: progress', () => {
  it('counts visited stops and hotspots and knows when the tour is complete', () => {
    let s = open()
    expect(engine.progress(s, tour)).toEqual({
      stopsVisited: 1,
      stopsTotal: 3,
      hotspotsVisited: 0,
      hotspotsTotal: 6,
      complete: false,
    })
    for (const [i, ids] of [
      [0, ['a', 'b', 'c']],
      [1, ['d']],
      [2, ['e', 'f']],
    ] as const) {
      s = engine.goToStop(s, tour, i)
      for (const id of ids) s = engine.openHotspot(s, tour, id)
    }
    expect(engine.progress(s, tour).complete).toBe(true)
  })
})

describe('tour engine: resolving a requested location', () => {
  it('resolves a valid tour, stop and hotspot exactly', () => {
    expect(engine.resolveLocation(tours, { tour: 'test-tour', stop: 'third', hotspot: 'f' })).toEqual({
      tourId: 'test-tour',
      stopIndex: 2,
      hotspotId: 'f',
      notices: [],
    })
  })

  it('falls back to the landing page for an unknown tour', () => {
    const r = engine.resolveLocation(tours, { tour: 'atlantis', stop: 'x' })
    expect(r.tourId).toBeNull()
    expect(r.notices).toEqual([{ kind: 'unknown-tour', value: 'atlantis' }])
  })

  it('an unknown stop goes to the stop of the requested hotspot, else the first stop', () => {
    expect(engine.resolveLocation(tours, { tour: 'test-tour', stop: 'gone', hotspot: 'd' })).toMatchObject({
      stopIndex: 1,
      hotspotId: 'd',
      notices: [{ kind: 'unknown-stop', value: 'gone' }],
    })
    expect(engine.resolveLocation(tours, { tour: 'test-tour', stop: 'gone' })).toMatchObject({ stopIndex: 0 })
  })

  it('a hotspot given without its stop opens at that hotspot’s stop', () => {
    expect(engine.resolveLocation(tours, { tour: 'test-tour', hotspot: 'e' })).toEqual({
      tourId: 'test-tour',
      stopIndex: 2,
      hotspotId: 'e',
      notices: [],
    })
  })

  it('an unknown hotspot leaves the stop open without a hotspot', () => {
    expect(engine.resolveLocation(tours, { tour: 'test-tour', stop: 'second', hotspot: 'a' })).toEqual({
      tourId: 'test-tour',
      stopIndex: 1,
      hotspotId: null,
      notices: [{ kind: 'unknown-hotspot', value: 'a' }],
    })
  })
})
