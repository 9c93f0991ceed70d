import { describe, expect, it } from 'vitest'
import {
  clampScale,
  footprint,
  originPose,
  pairChange,
  scaleRange,
  scaleRatio,
  siteToRoom,
  TABLETOP,
  type Placement,
} from '../../../../src/modes/ar/placement'

/** Apply an origin pose (position + yaw quaternion + uniform scale) to a room point: its site point. */
function throughOrigin(pose: ReturnType<typeof originPose>, p: [number, number, number]) {
  const [, qy, , qw] = pose.quaternion
  const angle = 2 * Math.atan2(qy, qw)
  const c = Math.cos(angle)
  const s = Math.sin(angle)
  const k = pose.scale
  return [
    pose.position[0] + k * (c * p[0] + s * p[2]),
    pose.position[1] + k * p[1],
    pose.position[2] + k * (-s * p[0] + c * p[2]),
  ]
}

describe('the miniature on the table', () => {
  const anchor: [number, number, number] = [10, -2, 95]
  const placement: Placement = { surface: [0.06, 0.75, -0.65], yaw: 0.7, scale: 1 / 400 }

  it('shows the anchor exactly where it was placed, and every site point at scale and heading', () => {
    const pose = originPose(placement, anchor)
    for (const site of [
      anchor,
      [60, 20, 40] as [number, number, number],
      [-46, 26, 2] as [number, number, number],
    ]) {
      const room = siteToRoom(placement, anchor, site)
      const back = throughOrigin(pose, room)
      back.forEach((v, i) => expect(v).toBeCloseTo(site[i]!, 6))
    }
    expect(siteToRoom(placement, anchor, anchor)).toEqual([0.06, 0.75, -0.65])
    // Two site points 400 m apart are 1 m apart on the table.
    const a = siteToRoom(placement, anchor, [0, 0, 0])
    const b = siteToRoom(placement, anchor, [400, 0, 0])
    expect(Math.hypot(a[0] - b[0], a[2] - b[2])).toBeCloseTo(1, 9)
  })

  it('fits the footprint to the table, and goes from a quarter of that up to 1:1', () => {
    const r = scaleRange(240)
    expect(r.fit * 240).toBeCloseTo(TABLETOP.fitMetres, 9)
    expect(r.min).toBeCloseTo(r.fit / 4, 12)
    expect(r.max).toBe(1)
    expect(clampScale(5, r)).toBe(1)
    expect(clampScale(0, r)).toBe(r.min)
    // A small site already smaller than the table is shown at its true size, never enlarged.
    expect(scaleRange(0.3).fit).toBe(1)
  })

  it('reads a pinch as the ratio of distances and a twist as the change of angle', () => {
    const start = { ax: 0, ay: 0, bx: 100, by: 0 }
    expect(pairChange(start, { ax: 0, ay: 0, bx: 200, by: 0 })).toEqual({ ratio: 2, turn: 0 })
    const twist = pairChange(start, { ax: 0, ay: 0, bx: 0, by: 100 })
    expect(twist.ratio).toBeCloseTo(1, 9)
    expect(twist.turn).toBeCloseTo(Math.PI / 2, 9)
    // Across ±π the shortest way round.
    const wrap = pairChange({ ax: 0, ay: 0, bx: -100, by: 1 }, { ax: 0, ay: 0, bx: -100, by: -1 })
    expect(Math.abs(wrap.turn)).toBeLessThan(0.05)
    // Two points on top of each other: no resize.
    expect(pairChange({ ax: 1, ay: 1, bx: 1, by: 1 }, start).ratio).toBe(1)
  })

  it('says a scale as a visitor reads it', () => {
    expect(scaleRatio(1)).toBe(1)
    expect(scaleRatio(1 / 7.4)).toBe(7)
    expect(scaleRatio(1 / 433)).toBe(430)
    expect(scaleRatio(1 / 2468)).toBe(2500)
  })

  it("frames a stop's footprint: where visitors walk, its hotspots and its subject, at the ground", () => {
    const f = footprint(
      {
        walkableAreas: [
          {
            y: 0,
            polygon: [
              [-100, 0],
              [100, 0],
              [100, 200],
              [-100, 200],
            ],
          },
        ],
        hotspots: [{ position: [150, 30, 50] }],
        viewpoints: [{ id: 'start', target: [0, 34, -40] }],
        startViewpoint: 'start',
      },
      0,
    )
    expect(f.anchor).toEqual([25, 0, 80])
    expect(f.size).toBe(250)
    expect(f.min).toEqual([-100, -62.5, -40])
    expect(f.max).toEqual([150, Infinity, 200])
  })
})
