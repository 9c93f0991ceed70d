/**
 * The visitor's rig at run time: the XR origin group and the mutable pose it mirrors, shared by
 * the components that move the visitor (locomotion, recenter) or place things around them
 * (panels, captions). Per-frame values live here, never in React state.
 */
import { createContext, useContext } from 'react'
import type { Group } from 'three'
import type { HeadPose, RigPose } from './rig-math'

export type Rig = {
  origin: { current: Group | null }
  /** Where the origin is in the world (source of truth; applied to the group). */
  pose: RigPose
  /** The head relative to the origin (tracking space), as of the last frame drawn. */
  head: HeadPose
  /** The floor the visitor stands on, and how far a seated visitor is raised above it. */
  floorY: number
  lift: number
  /** Comfort vignette requests: seconds of blink left, smooth-turn speed 0..1 this frame. */
  blink: number
  turning: number
}

export function createRig(): Rig {
  return {
    origin: { current: null },
    pose: { x: 0, y: 0, z: 0, yaw: 0 },
    head: { x: 0, y: 1.6, z: 0, yaw: 0 },
    floorY: 0,
    lift: 0,
    blink: 0,
    turning: 0,
  }
}

/** Write the pose to the origin group now, so anything read later this frame sees the move. */
export function applyRig(rig: Rig) {
  const g = rig.origin.current
  if (!g) return
  g.position.set(rig.pose.x, rig.pose.y, rig.pose.z)
  g.rotation.set(0, rig.pose.yaw, 0)
  g.updateMatrixWorld(true)
}

export const RigContext = createContext<Rig | null>(null)

export function useRig(): Rig {
  const rig = useContext(RigContext)
  if (!rig) throw new Error('useRig must be used inside the headset rig (XrRig)')
  return rig
}
