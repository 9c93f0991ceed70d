import { describe, expect, it } from 'vitest'
import type { WalkableArea } from '../../../../src/core/content/schema'
import { castTeleportArc, createArcResult } from '../../../../src/modes/xr/teleport-arc'
import { TELEPORT } from '../../../../src/modes/xr/tuning'

const lawn: WalkableArea = {
  id: 'lawn',
  y: 0,
  polygon: [
    [-10, -30],
    [10, -30],
    [10, 0],
    [-10, 0],
  ],
}
const terrace: WalkableArea = {
  id: 'terrace',
  y: 3,
  polygon: [
    [-10, -60],
    [10, -60],
    [10, -40],
    [-10, -40],
  ],
}
const buffer = new Float32Array(TELEPORT.maxPoints * 3)
const down45 = Math.SQRT1_2

describe('teleport arc', () => {
  it('lands on the walkable area it falls onto', () => {
    const r = castTeleportArc(0, 1.2, -0.5, 0, 0, -1, [lawn], buffer, createArcResult())
    expect(r.valid).toBe(true)
    expect(r.area).toBe(0)
    expect(r.y).toBe(0)
    expect(r.z).toBeLessThan(-0.5)
    expect(r.z).toBeGreaterThan(-30)
    // The last point drawn is the landing point.
    expect(buffer[(r.count - 1) * 3 + 2]).toBeCloseTo(r.z)
  })
  it('goes further when aimed higher, within the reach of the launch speed', () => {
    const flat = castTeleportArc(0, 1.2, 0, 0, 0, -1, [lawn], buffer, createArcResult()).z
    const up = castTeleportArc(
      0,
      1.2,
      0,
      0,
      down45 / 2,
      -Math.sqrt(1 - 1 / 8),
      [lawn],
      buffer,
      createArcResult(),
    ).z
    expect(up).toBeLessThan(flat)
  })
  it('is not valid when aimed off the walkable area', () => {
    const r = castTeleportArc(0, 1.2, -0.5, 0, 0, 1, [lawn], buffer, createArcResult()) // backwards: z > 0
    expect(r.valid).toBe(false)
    expect(r.area).toBe(-1)
    expect(r.count).toBeGreaterThan(2) // the arc is still drawn, to show where it went
  })
  it('is not valid when it falls short of a raised area, and lands on it from above', () => {
    const short = castTeleportArc(0, 1.2, -35, 0, 0, -1, [terrace], buffer, createArcResult())
    expect(short.valid).toBe(false) // starts below the terrace and never rises past it
    const high = castTeleportArc(0, 6, -30, 0, down45, -down45, [terrace], buffer, createArcResult())
    expect(high.valid).toBe(true)
    expect(high.y).toBe(3)
  })
  it('never writes past the buffer', () => {
    const small = new Float32Array(5 * 3)
    const r = castTeleportArc(0, 100, 0, 0, 1, 0, [lawn], small, createArcResult())
    expect(r.count).toBeLessThanOrEqual(5)
  })
})
