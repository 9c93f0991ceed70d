import { describe, expect, it } from 'vitest'
import { Euler, Quaternion } from 'three'
import type { Stop } from '../../../../src/core/content/schema'
import {
  headInWorld,
  placeHead,
  seatedLift,
  startStance,
  teleportRig,
  turnRig,
  viewpointStance,
  yawTowards,
  type HeadPose,
  type RigPose,
} from '../../../../src/modes/xr/rig-math'
import { wrapAngle, yawFromQuaternion } from '../../../../src/features/xr-panels/follow'

const world = (rig: RigPose, head: HeadPose) => headInWorld(rig, head, { x: 0, y: 0, z: 0, yaw: 0 })

describe('rig math', () => {
  it('reads the yaw of a quaternion', () => {
    for (const yaw of [0, 0.5, -1.2, 3]) {
      const q = new Quaternion().setFromEuler(new Euler(0.3, yaw, 0, 'YXZ'))
      expect(yawFromQuaternion(q.x, q.y, q.z, q.w)).toBeCloseTo(wrapAngle(yaw))
    }
  })
  it('faces a target', () => {
    expect(yawTowards(0, 0, 0, -10)).toBeCloseTo(0)
    expect(yawTowards(0, 0, -10, 0)).toBeCloseTo(Math.PI / 2) // +90° turns left, to -X
  })
  it('teleports the head, not the origin, to the target', () => {
    const rig: RigPose = { x: 3, y: 0, z: 4, yaw: 0.7 }
    const head: HeadPose = { x: 0.4, y: 1.6, z: -0.3, yaw: 0.2 }
    teleportRig(rig, head, 10, 2, -5)
    const h = world(rig, head)
    expect(h.x).toBeCloseTo(10)
    expect(h.z).toBeCloseTo(-5)
    expect(rig.y).toBe(2)
    expect(rig.yaw).toBe(0.7) // a jump never turns the visitor
  })
  it('snap-turns about the head, which stays where it was', () => {
    const rig: RigPose = { x: 3, y: 0, z: 4, yaw: 0.7 }
    const head: HeadPose = { x: 0.4, y: 1.6, z: -0.3, yaw: 0.2 }
    const before = { ...world(rig, head) }
    turnRig(rig, head, -Math.PI / 6)
    const after = world(rig, head)
    expect(after.x).toBeCloseTo(before.x)
    expect(after.z).toBeCloseTo(before.z)
    expect(wrapAngle(after.yaw - before.yaw)).toBeCloseTo(-Math.PI / 6)
  })
  it('places the head at a point looking along a yaw (start, recenter)', () => {
    const rig: RigPose = { x: 0, y: 0, z: 0, yaw: 0 }
    const head: HeadPose = { x: -0.2, y: 1.1, z: 0.5, yaw: -0.4 }
    placeHead(rig, head, 7, 0, 8, 1.3, seatedLift(1.1, 1.6))
    const h = world(rig, head)
    expect(h.x).toBeCloseTo(7)
    expect(h.z).toBeCloseTo(8)
    expect(h.yaw).toBeCloseTo(1.3)
    expect(h.y).toBeCloseTo(1.6)
  })
  it('raises a seated visitor to standing eye height, never lowers one', () => {
    expect(seatedLift(1.2, 1.6)).toBeCloseTo(0.4)
    expect(seatedLift(1.8, 1.6)).toBe(0)
  })
})

describe('where a headset visitor stands', () => {
  const stop = {
    startViewpoint: 'front',
    viewpoints: [
      { id: 'front', title: { en: 'f' }, position: [0, 1.6, 50], target: [0, 30, 0] },
      { id: 'off', title: { en: 'o' }, position: [40, 1.6, 10], target: [0, 30, 0] },
    ],
    walkableAreas: [
      {
        id: 'lawn',
        y: 0,
        polygon: [
          [-20, 20],
          [20, 20],
          [20, 60],
          [-20, 60],
        ],
      },
    ],
  } as unknown as Stop
  it('starts at the start viewpoint, on the ground, facing the main subject', () => {
    const s = startStance(stop)
    expect(s).toMatchObject({ x: 0, y: 0, z: 50 })
    expect(s.yaw).toBeCloseTo(0)
  })
  it('moves a viewpoint off the walkable area to the nearest walkable point', () => {
    const s = viewpointStance(stop, 'off')!
    expect(s.x).toBeCloseTo(20)
    expect(s.z).toBeCloseTo(20)
    expect(s.yaw).toBeCloseTo(yawTowards(20, 20, 0, 0))
    expect(viewpointStance(stop, 'nowhere')).toBeNull()
  })
})
