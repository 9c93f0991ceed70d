import { describe, expect, it } from 'vitest'
import type { WalkableArea } from '../../../../src/content/schema'
import { nearestWalkablePoint, pointInPolygon, walkableAreaAt } from '../../../../src/modes/xr/walkable'

const square: [number, number][] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
]
// An L-shaped (concave) lawn and a raised terrace over part of it.
const lShape: [number, number][] = [
  [0, 0],
  [20, 0],
  [20, 5],
  [5, 5],
  [5, 20],
  [0, 20],
]
const areas: WalkableArea[] = [
  { id: 'lawn', y: 0, polygon: lShape },
  {
    id: 'terrace',
    y: 2,
    polygon: [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
    ],
  },
]

describe('point in polygon', () => {
  it('tells inside from outside, concave corners included', () => {
    expect(pointInPolygon(5, 5, square)).toBe(true)
    expect(pointInPolygon(-1, 5, square)).toBe(false)
    expect(pointInPolygon(15, 2, lShape)).toBe(true)
    expect(pointInPolygon(15, 15, lShape)).toBe(false) // the notch of the L
    expect(pointInPolygon(2, 18, lShape)).toBe(true)
  })
  it('does not depend on the winding', () => {
    const reversed = [...lShape].reverse()
    for (const [x, z] of [
      [15, 2],
      [15, 15],
      [2, 18],
      [30, 30],
    ] as const)
      expect(pointInPolygon(x, z, reversed)).toBe(pointInPolygon(x, z, lShape))
  })
})

describe('walkable areas', () => {
  it('picks the highest floor the visitor can arrive on', () => {
    expect(walkableAreaAt(areas, 2, 2)).toBe(1) // the terrace, from above
    expect(walkableAreaAt(areas, 2, 2, 1)).toBe(0) // arriving at 1 m: the lawn under it
    expect(walkableAreaAt(areas, 15, 15)).toBe(-1)
  })
  it('finds the nearest walkable point, or the point itself', () => {
    expect(nearestWalkablePoint(areas, 10, 2)).toEqual({ x: 10, y: 0, z: 2, area: 0 })
    const p = nearestWalkablePoint(areas, 15, 15)
    // Nearest edges of the notch: z = 5 (distance 10) and x = 5 (distance 10); either is right.
    expect(Math.hypot(p.x - 15, p.z - 15)).toBeCloseTo(10)
    expect(p.area).toBe(0)
    expect(nearestWalkablePoint(areas, -3, 10)).toMatchObject({ x: 0, z: 10, area: 0 })
  })
})
