import { describe, expect, it } from 'vitest'
import {
  areaAt,
  lowestFloor,
  nearestWalkable,
  pointInPolygon,
  step,
  type Area,
} from '../../src/core/engine/walkable'

const lawn: Area = {
  id: 'lawn',
  y: 0,
  polygon: [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
  ],
}
// An L-shaped terrace, higher up.
const terrace: Area = {
  id: 'terrace',
  y: 2,
  polygon: [
    [20, 0],
    [30, 0],
    [30, 4],
    [24, 4],
    [24, 10],
    [20, 10],
  ],
}

describe('walkable areas', () => {
  it('tests points against convex and concave polygons', () => {
    expect(pointInPolygon(5, 5, lawn.polygon)).toBe(true)
    expect(pointInPolygon(11, 5, lawn.polygon)).toBe(false)
    expect(pointInPolygon(22, 8, terrace.polygon)).toBe(true)
    expect(pointInPolygon(27, 8, terrace.polygon)).toBe(false) // the notch of the L
  })

  it('does not depend on the winding of a polygon', () => {
    const reversed = [...terrace.polygon].reverse()
    for (const [x, z] of [
      [22, 8],
      [27, 8],
      [28, 2],
      [40, 40],
    ] as const)
      expect(pointInPolygon(x, z, reversed)).toBe(pointInPolygon(x, z, terrace.polygon))
  })

  it('finds the area under a point, with its height', () => {
    expect(areaAt([lawn, terrace], 21, 1)?.id).toBe('terrace')
    expect(areaAt([lawn, terrace], 15, 5)).toBeNull()
  })

  it('stands on the highest of overlapping areas, whatever their order', () => {
    const balcony: Area = { id: 'balcony', y: 3, polygon: lawn.polygon.map(([x, z]) => [x / 2, z / 2]) }
    expect(areaAt([lawn, balcony], 2, 2)?.id).toBe('balcony')
    expect(areaAt([balcony, lawn], 2, 2)?.id).toBe('balcony')
    expect(areaAt([balcony, lawn], 8, 8)?.id).toBe('lawn')
    expect(nearestWalkable([lawn, balcony], 2, 2)).toEqual({ x: 2, y: 3, z: 2, area: 'balcony' })
  })

  it('knows the lowest floor (where a falling teleport arc gives up)', () => {
    expect(lowestFloor([terrace, lawn])).toBe(0)
    expect(lowestFloor([])).toBe(Infinity)
  })

  it('finds the nearest walkable point from outside', () => {
    expect(nearestWalkable([lawn, terrace], 5, -3)).toMatchObject({ x: 5, z: 0, y: 0, area: 'lawn' })
    expect(nearestWalkable([lawn, terrace], 5, 5)).toEqual({ x: 5, y: 0, z: 5, area: 'lawn' })
    expect(nearestWalkable([], 0, 0)).toBeNull()
  })

  it('steps on walkable ground, slides along an edge, and refuses to leave', () => {
    const out = { x: 0, y: 0, z: 0 }
    expect(step([lawn], 5, 5, 1, 1, out)).toBe(true)
    expect(out).toEqual({ x: 6, y: 0, z: 6 })
    // Walking diagonally into the x = 10 edge glides along z.
    expect(step([lawn], 9.5, 5, 1, 1, out)).toBe(true)
    expect(out).toEqual({ x: 9.5, y: 0, z: 6 })
    // Straight into a corner: blocked, `out` untouched.
    out.x = -1
    expect(step([lawn], 9.5, 9.5, 1, 1, out)).toBe(false)
    expect(out.x).toBe(-1)
  })
})
