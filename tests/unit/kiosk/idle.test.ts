import { describe, expect, it } from 'vitest'
import {
  idleStep,
  initialIdleState,
  secondsLeft,
  visitDuration,
  type IdleEvent,
  type IdleState,
} from '../../../src/modes/kiosk/logic/idle'

const timing = { idleTimeoutMs: 90_000, warningMs: 30_000 }

function run(events: IdleEvent[], state: IdleState = initialIdleState()) {
  const effects: [number, string][] = []
  for (const e of events) {
    const r = idleStep(state, e, timing)
    state = r.state
    if (r.effect) effects.push([e.now, r.effect])
  }
  return { state, effects }
}

const ticks = (from: number, to: number, every = 250): IdleEvent[] =>
  Array.from({ length: Math.floor((to - from) / every) + 1 }, (_, i) => ({
    type: 'tick',
    now: from + i * every,
  }))

describe('kiosk idle timer', () => {
  it('stays in the attract loop until someone touches', () => {
    expect(run(ticks(0, 600_000, 1000)).effects).toEqual([])
    expect(run([{ type: 'input', now: 5 }]).effects).toEqual([[5, 'start-visit']])
  })

  it('warns exactly at the idle timeout and resets exactly when the countdown ends', () => {
    const { effects } = run([{ type: 'input', now: 1000 }, ...ticks(1000, 200_000)])
    expect(effects).toEqual([
      [1000, 'start-visit'],
      [91_000, 'warn'],
      [121_000, 'reset'],
    ])
  })

  it('a late tick does not lengthen the countdown: it ends when it was due', () => {
    const { state } = run([
      { type: 'input', now: 0 },
      { type: 'tick', now: 95_000 },
    ])
    expect(state.phase).toBe('warning')
    expect(state.warningEndsAt).toBe(120_000)
    expect(secondsLeft(state, 95_000)).toBe(25)
    expect(secondsLeft(state, 119_001)).toBe(1)
  })

  it('any input during the countdown extends the visit by a whole idle timeout', () => {
    const { effects, state } = run([
      { type: 'input', now: 0 },
      ...ticks(0, 100_000),
      { type: 'input', now: 100_000 },
      ...ticks(100_000, 250_000),
    ])
    expect(effects).toEqual([
      [0, 'start-visit'],
      [90_000, 'warn'],
      [100_000, 'extend'],
      [190_000, 'warn'],
      [220_000, 'reset'],
    ])
    expect(state.phase).toBe('attract')
  })

  it('input during the visit postpones the warning', () => {
    const { effects } = run([
      { type: 'input', now: 0 },
      ...ticks(0, 60_000),
      { type: 'input', now: 60_000 },
      ...ticks(60_000, 160_000),
    ])
    expect(effects.map(([t, e]) => [t, e])).toContainEqual([150_000, 'warn'])
  })

  it('a narration playing holds the idle clock; its end starts it again', () => {
    const { effects } = run([
      { type: 'input', now: 0 },
      { type: 'hold', now: 10_000, held: true },
      ...ticks(10_000, 200_000),
      { type: 'hold', now: 200_000, held: false },
      ...ticks(200_000, 300_000),
    ])
    expect(effects).toEqual([
      [0, 'start-visit'],
      [290_000, 'warn'],
    ])
  })

  it('"End visit" resets at once; an end in the attract loop does nothing', () => {
    expect(
      run([
        { type: 'input', now: 0 },
        { type: 'end', now: 5000 },
      ]).effects,
    ).toEqual([
      [0, 'start-visit'],
      [5000, 'reset'],
    ])
    expect(run([{ type: 'end', now: 5000 }]).effects).toEqual([])
  })

  it('measures the visit from its start to the last sign of a visitor', () => {
    const { state } = run([
      { type: 'input', now: 1000 },
      { type: 'input', now: 41_000 },
      ...ticks(41_000, 60_000),
    ])
    expect(visitDuration(state)).toBe(40_000)
  })
})

describe('kiosk idle timer: the operator and the restarts', () => {
  it('the operator takes over from the attract loop without starting a visit; the idle clock runs', () => {
    const { state, effects } = run([{ type: 'take-over', now: 1000 }, ...ticks(1000, 125_000)])
    // No start-visit (no statistics, no store reset), but the operator who walks away is reset.
    expect(effects).toEqual([
      [91_000, 'warn'],
      [121_000, 'reset'],
    ])
    expect(state.phase).toBe('attract')
  })

  it('a take-over during a visit or its countdown changes nothing', () => {
    const visit = run([{ type: 'input', now: 0 }]).state
    expect(idleStep(visit, { type: 'take-over', now: 5000 }, timing)).toEqual({ state: visit, effect: null })
    const warning = run([
      { type: 'input', now: 0 },
      { type: 'tick', now: 95_000 },
    ]).state
    expect(idleStep(warning, { type: 'take-over', now: 96_000 }, timing)).toEqual({
      state: warning,
      effect: null,
    })
  })

  it('a restart resets from every phase, the attract loop included', () => {
    const phases: IdleState[] = [
      initialIdleState(),
      run([{ type: 'input', now: 0 }]).state,
      run([
        { type: 'input', now: 0 },
        { type: 'tick', now: 95_000 },
      ]).state,
    ]
    expect(phases.map((s) => s.phase)).toEqual(['attract', 'visit', 'warning'])
    for (const s of phases)
      expect(idleStep(s, { type: 'restart', now: 100_000 }, timing)).toEqual({
        state: initialIdleState(),
        effect: 'reset',
      })
  })
})
