import { describe, expect, it } from 'vitest'
import {
  DEFAULT_COMFORT,
  nextSnapAngle,
  parseComfort,
  snapRadians,
  toggleComfort,
  vignetteStrength,
} from '../../../../src/modes/xr/comfort'
import { Object3D } from 'three'
import { followAhead, followYaw, placeAhead } from '../../../../src/features/xr-panels/follow'
import { pickFrameRate } from '../../../../src/modes/xr/frame-rate'

describe('comfort settings', () => {
  it('defaults to 30° snap turns, no smooth turning, the vignette on, standing', () => {
    expect(DEFAULT_COMFORT).toEqual({ snapAngle: 30, smoothTurn: false, vignette: true, seated: false })
    expect(snapRadians(DEFAULT_COMFORT)).toBeCloseTo(Math.PI / 6)
  })
  it('cycles the snap angle and toggles the rest', () => {
    expect(nextSnapAngle(30)).toBe(45)
    expect(nextSnapAngle(45)).toBe(30)
    expect(toggleComfort(DEFAULT_COMFORT, 'smoothTurn').smoothTurn).toBe(true)
    expect(toggleComfort(DEFAULT_COMFORT, 'vignette').vignette).toBe(false)
    expect(DEFAULT_COMFORT.smoothTurn).toBe(false) // not mutated
  })
  it('keeps only valid saved values', () => {
    expect(parseComfort({ snapAngle: 45, smoothTurn: true, seated: 'yes' })).toEqual({
      ...DEFAULT_COMFORT,
      snapAngle: 45,
      smoothTurn: true,
    })
    expect(parseComfort({ snapAngle: 90 })).toEqual(DEFAULT_COMFORT)
    expect(parseComfort(null)).toEqual(DEFAULT_COMFORT)
    expect(parseComfort('garbage')).toEqual(DEFAULT_COMFORT)
  })
  it('vignette: jumps to its target, fades back, and stays off when turned off', () => {
    expect(vignetteStrength(true, 0, 1, 0.016, 4)).toBe(1)
    expect(vignetteStrength(true, 1, 0, 0.1, 4)).toBeCloseTo(0.6)
    expect(vignetteStrength(true, 0.1, 0, 0.1, 4)).toBe(0)
    expect(vignetteStrength(false, 1, 1, 0.1, 4)).toBe(0)
  })
})

describe('lazy following and frame rate', () => {
  it('stays put inside the dead zone and catches up outside it', () => {
    expect(followYaw(0, 0.2, 0.1, 0.35, 3)).toBe(0)
    const next = followYaw(0, 1, 0.1, 0.35, 3)
    expect(next).toBeGreaterThan(0)
    expect(next).toBeLessThan(1)
    // Across the ±π seam it takes the short way round (through π, not through 0).
    expect(Math.abs(followYaw(3, -3, 0.5, 0.1, 3))).toBeGreaterThan(3)
  })
  it('asks for the highest rate up to the preferred one', () => {
    expect(pickFrameRate([72, 80, 90, 120], 90)).toBe(90)
    expect(pickFrameRate([72, 120], 90)).toBe(72)
    expect(pickFrameRate([120, 144], 90)).toBe(120)
    expect(pickFrameRate([], 90)).toBe(false)
  })

  it('places a panel ahead of the head along its yaw, below the eyes, tilted to face them', () => {
    const panel = new Object3D()
    const head = { x: 1, y: 1.6, z: 2 }
    placeAhead(panel, head, 0, 1.3, 0.45)
    // Yaw 0 looks down -z.
    expect(panel.position.toArray()).toEqual([1, 1.6 - 0.45, 2 - 1.3])
    expect(panel.rotation.x).toBeCloseTo(-Math.atan2(0.45, 1.3))
    expect(panel.rotation.order).toBe('YXZ')
    placeAhead(panel, head, Math.PI / 2, 1, 0)
    // A quarter turn left looks down -x; nothing below the eyes, no tilt.
    expect(panel.position.x).toBeCloseTo(0)
    expect(panel.position.z).toBeCloseTo(2)
    expect(panel.rotation.y).toBeCloseTo(Math.PI / 2)
    expect(panel.rotation.x).toBeCloseTo(0)
  })

  it('a following panel starts where the head looks (plus its side), stays, then catches up', () => {
    const panel = new Object3D()
    const head = { x: 0, y: 1.6, z: 0, yaw: 0 }
    const yaw = { current: null as number | null }
    const tuning = { distance: 1, drop: 0, deadZone: 0.3, followRate: 3, side: 0.5 }
    followAhead(panel, head, yaw, 1 / 72, tuning)
    expect(yaw.current).toBe(0.5)
    expect(panel.rotation.y).toBeCloseTo(0.5)
    // A small turn of the head: the panel stays.
    head.yaw = 0.2
    followAhead(panel, head, yaw, 1 / 72, tuning)
    expect(yaw.current).toBe(0.5)
    // A big one: it moves towards the new place, not all the way in one frame.
    head.yaw = 1.5
    followAhead(panel, head, yaw, 1 / 72, tuning)
    expect(yaw.current).toBeGreaterThan(0.5)
    expect(yaw.current).toBeLessThan(2)
    // A long pause (a dropped second) moves it no more than a tenth of a second would.
    const before = yaw.current!
    const capped = { current: before }
    followAhead(panel, head, capped, 5, tuning)
    const tenth = { current: before }
    followAhead(panel, head, tenth, 0.1, tuning)
    expect(capped.current).toBe(tenth.current)
    // Null again: straight back where the head looks (a notice that reopens).
    yaw.current = null
    followAhead(panel, head, yaw, 1 / 72, { ...tuning, side: undefined })
    expect(yaw.current).toBe(1.5)
  })
})
