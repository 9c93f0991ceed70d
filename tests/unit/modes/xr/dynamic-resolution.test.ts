import { describe, expect, it } from 'vitest'
import {
  createDynamicResolution,
  foveationForScale,
  updateDynamicResolution,
  type DynamicResolution,
} from '../../../../src/modes/xr/dynamic-resolution'
import { DYNAMIC_RESOLUTION as T } from '../../../../src/modes/xr/tuning'

const BUDGET = 10 // ms: 100 Hz, round numbers
const SLOW = BUDGET * 2 // a missed refresh
const ON_TIME = BUDGET

/** Feed `n` frames of `ms`; the scale after each frame that changed it. */
function run(state: DynamicResolution, n: number, ms: number) {
  const changes: number[] = []
  for (let i = 0; i < n; i++) if (updateDynamicResolution(state, ms, BUDGET)) changes.push(state.scale)
  return changes
}

describe('dynamic resolution controller', () => {
  it('starts at full resolution', () => {
    expect(createDynamicResolution()).toMatchObject({ scale: 1, drops: 0, climbs: 0 })
  })

  it('drops one step only after N consecutive frames over budget', () => {
    const s = createDynamicResolution()
    expect(run(s, T.dropAfterFrames - 1, SLOW)).toEqual([])
    expect(s.scale).toBe(1)
    expect(run(s, 1, SLOW)).toEqual([0.9])
    // The next step needs another N frames over budget.
    expect(run(s, T.dropAfterFrames - 1, SLOW)).toEqual([])
    expect(run(s, 1, SLOW)).toEqual([0.8])
  })

  it('an on-time frame in between restarts the count: isolated hitches change nothing', () => {
    const s = createDynamicResolution()
    for (let i = 0; i < 50; i++) {
      run(s, T.dropAfterFrames - 1, SLOW)
      run(s, 1, ON_TIME)
    }
    expect(s.scale).toBe(1)
    expect(s.drops).toBe(0)
  })

  it('small jitter over the budget is neither over nor within it', () => {
    const s = createDynamicResolution()
    const jitter = BUDGET * ((T.overFactor + T.underFactor) / 2)
    expect(run(s, 1000, jitter)).toEqual([])
    run(s, T.dropAfterFrames, SLOW)
    expect(s.scale).toBe(0.9)
    expect(run(s, 1000, jitter)).toEqual([])
    expect(s.scale).toBe(0.9)
  })

  it('is bounded: never below min, never above max', () => {
    const s = createDynamicResolution()
    const drops = run(s, T.dropAfterFrames * 100, SLOW)
    expect(drops).toEqual([0.9, 0.8, 0.7, 0.6, 0.5])
    expect(s.scale).toBe(T.min)
    const climbs = run(s, 100_000, ON_TIME)
    expect(climbs).toEqual([0.6, 0.7, 0.8, 0.9, 1])
    expect(s.scale).toBe(T.max)
  })

  it('climbs back slowly: a step only after a sustained spell within budget', () => {
    const s = createDynamicResolution()
    run(s, T.dropAfterFrames, SLOW)
    expect(s.scale).toBe(0.9)
    const framesToClimb = Math.ceil(T.climbAfterMs / ON_TIME)
    expect(framesToClimb).toBeGreaterThan(T.dropAfterFrames * 10)
    expect(run(s, framesToClimb - 1, ON_TIME)).toEqual([])
    // One slow frame restarts the spell.
    run(s, 1, SLOW)
    expect(run(s, framesToClimb - 1, ON_TIME)).toEqual([])
    expect(run(s, 1, ON_TIME)).toEqual([1])
    expect(s).toMatchObject({ drops: 1, climbs: 1 })
  })

  it('ignores nonsense input', () => {
    const s = createDynamicResolution()
    for (const [ms, budget] of [
      [NaN, BUDGET],
      [Infinity, BUDGET],
      [-5, BUDGET],
      [SLOW, 0],
      [SLOW, NaN],
    ] as const)
      for (let i = 0; i < 20; i++) expect(updateDynamicResolution(s, ms, budget)).toBe(false)
    expect(s).toEqual(createDynamicResolution())
  })

  it('allocates nothing per frame: the same state object, plain numbers', () => {
    const s = createDynamicResolution()
    const keys = Object.keys(s)
    run(s, 500, SLOW)
    run(s, 5000, ON_TIME)
    expect(Object.keys(s)).toEqual(keys)
    expect(Object.values(s).every((v) => typeof v === 'number')).toBe(true)
  })

  it('without viewport scaling, more foveation as the scale drops', () => {
    expect(foveationForScale(1, 0.5)).toBe(0.5)
    expect(foveationForScale(0.75, 0.5)).toBeCloseTo(0.75)
    expect(foveationForScale(0.5, 0.5)).toBe(1)
  })
})
