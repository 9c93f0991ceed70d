import { describe, expect, it } from 'vitest'
import {
  behindSite,
  besideSite,
  inFrontOfSite,
  TABLETOP_PANELS,
  type PanelPose,
} from '../../../../src/modes/ar/panel-placement'

const T = TABLETOP_PANELS
// A visitor standing at a table, looking at its middle (0.65 m ahead, 0.75 m high).
const head = { x: 0, y: 1.55, z: 0, yaw: 0 }
const table = [0, 0.75, -0.65] as const
const site = { surface: table, size: 0.6 }

/** Its +Z normal points from the panel to the visitor (horizontally), and it leans back. */
function expectFacing(p: PanelPose, from: typeof head) {
  const dx = from.x - p.x
  const dz = from.z - p.z
  expect((Math.sin(p.yaw) * dx + Math.cos(p.yaw) * dz) / Math.hypot(dx, dz)).toBeCloseTo(1)
  expect(p.pitch).toBeLessThan(0)
  expect(p.pitch).toBeGreaterThan(-Math.PI / 2)
}

describe('the in-world panels around the miniature', () => {
  it('puts the story behind the site, centred on it, above the table, facing the visitor', () => {
    const p = behindSite(site, head, 0.45)!
    expect(p.x).toBeCloseTo(0)
    expect(p.z).toBeCloseTo(table[2] - 0.3 - T.gap)
    expect(p.y).toBeCloseTo(table[1] + T.storyLift)
    expectFacing(p, head)
  })

  it('puts the controls on the table at the visitor’s right of the site, facing them', () => {
    const p = besideSite(site, head, 0.2)!
    expect(p.x).toBeCloseTo(0.3 + T.gap + T.barWidth / 2)
    expect(p.z).toBeCloseTo(table[2] - 0.15)
    expect(p.y).toBeCloseTo(table[1] + T.barLift)
    expectFacing(p, head)
  })

  it('lays the captions on the table in front of the site, facing the visitor', () => {
    const p = inFrontOfSite(site, head, 0.1)!
    expect(p.x).toBeCloseTo(0)
    expect(p.z).toBeCloseTo(table[2] + 0.3 + T.captionsGap)
    expect(p.y).toBeCloseTo(table[1] + T.barLift)
    expectFacing(p, head)
  })

  it('keeps their sides as the visitor walks round the table', () => {
    const across = { x: 0, y: 1.55, z: -1.3, yaw: Math.PI }
    expect(besideSite(site, across, 0.2)!.x).toBeCloseTo(-(0.3 + T.gap + T.barWidth / 2))
    expect(behindSite(site, across, 0.45)!.z).toBeCloseTo(table[2] + 0.3 + T.gap)
  })

  it('moves out with a larger miniature, the panels keeping their size (the caller’s width)', () => {
    const small = behindSite({ surface: table, size: 0.4 }, head, 0.45)!
    const large = behindSite({ surface: table, size: 0.9 }, head, 0.45)!
    expect(large.z - small.z).toBeCloseTo(-0.25)
  })

  it('gives up by a site near true size or out of reach: the caller brings them to the visitor', () => {
    const big = { surface: table, size: T.maxSiteSize + 0.1 }
    expect(behindSite(big, head, 0.45)).toBeNull()
    expect(besideSite(big, head, 0.2)).toBeNull()
    expect(behindSite({ surface: [0, 0, -3], size: 0.6 }, head, 0.45)).toBeNull()
  })

  it('has somewhere to stand when the visitor is over the site', () => {
    const p = behindSite({ surface: [0, 0.75, 0], size: 0.6 }, head, 0.45)
    expect(p).not.toBeNull()
    expect(Number.isFinite(p!.yaw)).toBe(true)
  })
})
