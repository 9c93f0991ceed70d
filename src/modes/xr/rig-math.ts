/**
 * The visitor's rig: the XR origin (their floor, in the world) and their head within it. Moving
 * the visitor means moving the origin so that their head ends up where they asked; pure functions
 * of plain numbers, unit-tested. Yaw is a rotation about +Y (three.js), 0 faces -Z.
 */
import type { Stop } from '../../core/content/schema'
import { nearestWalkable } from '../../core/engine/walkable'
import { wrapAngle } from '../../features/xr-panels/follow'

export type RigPose = { x: number; y: number; z: number; yaw: number }
/** Head position and yaw relative to the origin (the tracking space). */
export type HeadPose = { x: number; y: number; z: number; yaw: number }

/** Yaw that faces from (x, z) towards (tx, tz). */
export const yawTowards = (x: number, z: number, tx: number, tz: number) => Math.atan2(-(tx - x), -(tz - z))

/** Where the head is in the world (x, z, yaw), written to `out`. */
export function headInWorld(rig: RigPose, head: HeadPose, out: RigPose): RigPose {
  const c = Math.cos(rig.yaw)
  const s = Math.sin(rig.yaw)
  out.x = rig.x + head.x * c + head.z * s
  out.z = rig.z - head.x * s + head.z * c
  out.y = rig.y + head.y
  out.yaw = wrapAngle(rig.yaw + head.yaw)
  return out
}

/** Move the rig so the head stands over (x, z) on a floor at `floorY` (+ `lift`, seated mode). */
export function teleportRig(
  rig: RigPose,
  head: HeadPose,
  x: number,
  floorY: number,
  z: number,
  lift = 0,
): void {
  const c = Math.cos(rig.yaw)
  const s = Math.sin(rig.yaw)
  rig.x = x - (head.x * c + head.z * s)
  rig.z = z - (-head.x * s + head.z * c)
  rig.y = floorY + lift
}

/** Turn the rig by `angle` about the head, so the visitor turns in place. */
export function turnRig(rig: RigPose, head: HeadPose, angle: number): void {
  const c = Math.cos(rig.yaw)
  const s = Math.sin(rig.yaw)
  const hx = rig.x + head.x * c + head.z * s
  const hz = rig.z - head.x * s + head.z * c
  rig.yaw = wrapAngle(rig.yaw + angle)
  const c2 = Math.cos(rig.yaw)
  const s2 = Math.sin(rig.yaw)
  rig.x = hx - (head.x * c2 + head.z * s2)
  rig.z = hz - (-head.x * s2 + head.z * c2)
}

/** Place the rig so the head is at (x, z) on `floorY` and looks along `yaw` (start, recenter). */
export function placeHead(
  rig: RigPose,
  head: HeadPose,
  x: number,
  floorY: number,
  z: number,
  yaw: number,
  lift = 0,
): void {
  rig.yaw = wrapAngle(yaw - head.yaw)
  teleportRig(rig, head, x, floorY, z, lift)
}

/** How far a seated visitor is raised so their eyes are at standing height. */
export const seatedLift = (headHeight: number, standingEyeHeight: number) =>
  Math.max(0, standingEyeHeight - headHeight)

export type Stance = { x: number; y: number; z: number; yaw: number }

/** A viewpoint as a place to stand: the walkable ground nearest to it, facing its target. */
export function viewpointStance(stop: Stop, viewpointId: string): Stance | null {
  const vp = stop.viewpoints.find((v) => v.id === viewpointId)
  if (!vp) return null
  // Null only for a stop without walkable areas, which the schema refuses: then the viewpoint itself.
  const ground = nearestWalkable(stop.walkableAreas, vp.position[0], vp.position[2]) ?? {
    x: vp.position[0],
    y: 0,
    z: vp.position[2],
  }
  return {
    x: ground.x,
    y: ground.y,
    z: ground.z,
    yaw: yawTowards(ground.x, ground.z, vp.target[0], vp.target[2]),
  }
}

/** Where a headset visitor starts at a stop: the start viewpoint's stance, facing the main subject. */
export const startStance = (stop: Stop): Stance =>
  viewpointStance(stop, stop.startViewpoint) ?? viewpointStance(stop, stop.viewpoints[0]!.id)!
