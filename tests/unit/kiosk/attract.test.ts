import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runAttract } from '../../../src/modes/kiosk/attract-runner'
import { attractLanguage, attractScript } from '../../../src/modes/kiosk/logic/attract-script'
import { DEFAULT_KIOSK_CONFIG, type KioskConfig } from '../../../src/core/kiosk/config'
import { createAppStore } from '../../../src/state/store'
import { makeTour } from '../tour-fixture'

const attract: KioskConfig['attract'] = {
  ...DEFAULT_KIOSK_CONFIG.attract,
  stopSeconds: 2,
  hotspotMinSeconds: 3,
  hotspotMaxSeconds: 10,
  pauseSeconds: 1,
}

describe('attract script', () => {
  it('visits every stop, then each of its stories, for every tour in order', () => {
    const steps = attractScript([makeTour('one'), makeTour('two')], attract)
    const names = steps.map((s) => (s.kind === 'stop' ? `${s.tourId}:${s.stopId}` : `  ${s.hotspotId}`))
    expect(names.slice(0, 10)).toEqual([
      'one:first',
      '  a',
      '  b',
      '  c',
      'one:second',
      '  d',
      'one:third',
      '  e',
      '  f',
      'two:first',
    ])
    expect(steps).toHaveLength(18)
    expect(steps[0]).toMatchObject({ dwellMs: 2000 })
    expect(steps[1]).toMatchObject({ minMs: 3000, maxMs: 10_000, pauseMs: 1000 })
  })

  it('narrates the stories in each attract language in turn, only in languages the tour has', () => {
    expect([0, 1, 2, 3].map((n) => attractLanguage(n, ['en', 'fr'], ['en', 'fr']))).toEqual([
      'en',
      'fr',
      'en',
      'fr',
    ])
    expect(attractLanguage(1, ['en', 'fr'], ['en'])).toBe('en')
    expect(attractLanguage(0, ['iu'], ['en', 'fr'])).toBe('en')
  })
})

describe('attract runner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup(narration: KioskConfig['attract']['narration'] = 'muted') {
    const store = createAppStore({ language: 'en' })
    const tour = makeTour('one')
    store.setState({ tours: new Map([[tour.id, tour]]) })
    const run = runAttract({
      store,
      steps: attractScript([tour], { ...attract, narration }),
      attract: { ...attract, narration },
      volume: 0.7,
      modelUrl: () => undefined,
    })
    return { store, run }
  }

  it('plays the tour by itself: stop overview, stories with narration, in both languages', async () => {
    const { store, run } = setup()
    const seen = () => {
      const { engine, settings } = store.getState()
      return [
        engine.tourId,
        engine.stopIndex,
        engine.hotspotId,
        engine.language,
        engine.narration.status,
        settings.volume,
      ]
    }
    await vi.advanceTimersByTimeAsync(0)
    expect(seen()).toEqual(['one', 0, null, 'en', 'idle', 0])
    await vi.advanceTimersByTimeAsync(2000)
    // The first story opens and its narration is asked for (muted: volume 0).
    expect(seen()).toEqual(['one', 0, 'a', 'en', 'loading', 0])
    // Its narration ends after 5 s: the story stays until then, then the pause, then the next.
    await vi.advanceTimersByTimeAsync(5000)
    store.getState().actions.narrationEnded()
    await vi.advanceTimersByTimeAsync(10)
    expect(store.getState().engine.hotspotId).toBeNull()
    await vi.advanceTimersByTimeAsync(1000)
    expect(seen()).toEqual(['one', 0, 'b', 'fr', 'loading', 0])
    // A narration that never ends is cut at hotspotMaxSeconds.
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.getState().engine.hotspotId).toBeNull()
    run.stop()
    await run.done
  })

  it('shows a short story at least hotspotMinSeconds', async () => {
    const { store, run } = setup()
    await vi.advanceTimersByTimeAsync(2000)
    store.getState().actions.narrationEnded()
    await vi.advanceTimersByTimeAsync(2900)
    expect(store.getState().engine.hotspotId).toBe('a')
    await vi.advanceTimersByTimeAsync(200)
    expect(store.getState().engine.hotspotId).toBeNull()
    run.stop()
    await run.done
  })

  it('audible: plays at the kiosk volume; if the browser refuses sound, it goes on muted', async () => {
    const onMuted = vi.fn()
    const store = createAppStore({ language: 'en' })
    const tour = makeTour('one')
    store.setState({ tours: new Map([[tour.id, tour]]) })
    const run = runAttract({
      store,
      steps: attractScript([tour], { ...attract, narration: 'audible' }),
      attract: { ...attract, narration: 'audible' },
      volume: 0.7,
      modelUrl: () => undefined,
      onMutedFallback: onMuted,
    })
    await vi.advanceTimersByTimeAsync(2000)
    expect(store.getState().settings.volume).toBe(0.7)
    store.getState().actions.narrationPaused() // what NarrationAudio reports on NotAllowedError
    await vi.advanceTimersByTimeAsync(10)
    expect(store.getState().settings.volume).toBe(0)
    expect(store.getState().engine.narration.status).toBe('loading')
    expect(onMuted).toHaveBeenCalledTimes(1)
    run.stop()
    await run.done
  })

  it('loops, and stops at once when asked', async () => {
    const stops: string[] = []
    const store = createAppStore({ language: 'en' })
    const tour = makeTour('one')
    store.setState({ tours: new Map([[tour.id, tour]]) })
    const run = runAttract({
      store,
      steps: attractScript([tour], {
        ...attract,
        hotspotMinSeconds: 0,
        hotspotMaxSeconds: 0,
        pauseSeconds: 0,
      }),
      attract,
      volume: 1,
      modelUrl: () => undefined,
      onStop: (s) => stops.push(s.stopId),
    })
    await vi.advanceTimersByTimeAsync(2000 * 7)
    expect(stops).toEqual(['first', 'second', 'third', 'first', 'second', 'third', 'first'])
    run.stop()
    await run.done
    const state = store.getState().engine
    await vi.advanceTimersByTimeAsync(60_000)
    expect(store.getState().engine).toBe(state)
  })

  it('waits for the stop’s model before its overview time starts', async () => {
    const store = createAppStore({ language: 'en' })
    const tour = makeTour('one')
    store.setState({ tours: new Map([[tour.id, tour]]) })
    const run = runAttract({
      store,
      steps: attractScript([tour], attract),
      attract,
      volume: 1,
      modelUrl: () => '/assets/models/first.glb',
    })
    await vi.advanceTimersByTimeAsync(5000)
    expect(store.getState().engine.hotspotId).toBeNull()
    store.getState().actions.setModelLoad('/assets/models/first.glb', { status: 'loaded', progress: 1 })
    await vi.advanceTimersByTimeAsync(2000)
    expect(store.getState().engine.hotspotId).toBe('a')
    run.stop()
    await run.done
  })
})
