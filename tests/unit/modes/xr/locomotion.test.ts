import { describe, expect, it } from 'vitest'
import { createStickOutput, createStickState, stepStick } from '../../../../src/modes/xr/locomotion'

describe('thumbstick gestures', () => {
  it('aims while pushed forward and jumps when let go', () => {
    const s = createStickState()
    const o = createStickOutput()
    expect(stepStick(s, 0, -0.2, false, o)).toMatchObject({ aiming: false, release: false })
    expect(stepStick(s, 0.1, -0.9, false, o)).toMatchObject({ aiming: true, release: false })
    expect(stepStick(s, 0.2, -0.5, false, o)).toMatchObject({ aiming: true, release: false })
    expect(stepStick(s, 0, 0, false, o)).toMatchObject({ aiming: false, release: true })
    expect(stepStick(s, 0, 0, false, o)).toMatchObject({ aiming: false, release: false })
  })
  it('snap-turns once per flick', () => {
    const s = createStickState()
    const o = createStickOutput()
    expect(stepStick(s, 0.9, 0, false, o).snap).toBe(1)
    expect(stepStick(s, 1, 0, false, o).snap).toBe(0) // held: no second turn
    expect(stepStick(s, 0.5, 0, false, o).snap).toBe(0)
    expect(stepStick(s, 0.1, 0, false, o).snap).toBe(0) // back to centre re-arms
    expect(stepStick(s, -0.95, 0.1, false, o).snap).toBe(-1)
  })
  it('turns smoothly only when chosen, proportionally, with a dead zone', () => {
    const s = createStickState()
    const o = createStickOutput()
    expect(stepStick(s, 0.1, 0, true, o).turnRate).toBe(0)
    const half = stepStick(s, 0.6, 0, true, o).turnRate
    const full = stepStick(s, 1, 0, true, o).turnRate
    expect(half).toBeGreaterThan(0)
    expect(full).toBeGreaterThan(half)
    expect(stepStick(s, -1, 0, true, o).turnRate).toBe(-full)
    expect(stepStick(s, -1, 0, true, o).snap).toBe(0)
  })
  it('never moves on its own: a resting stick does nothing', () => {
    const s = createStickState()
    const o = createStickOutput()
    for (let i = 0; i < 10; i++) expect(stepStick(s, 0, 0, true, o)).toEqual(createStickOutput())
  })
})
