import { useFrame, useThree } from '@react-three/fiber'
import { XROrigin } from '@react-three/xr'
import { useEffect, useMemo, useRef, type ReactNode } from 'react'
import type { Stop } from '../../core/content/schema'
import { yawFromQuaternion } from '../../features/xr-panels/follow'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'
import {
  headInWorld,
  placeHead,
  seatedLift,
  startStance,
  teleportRig,
  yawTowards,
  type RigPose,
} from './rig-math'
import { applyRig, createRig, RigContext, type Rig } from './rig'
import { XR } from './tuning'
import { xrLive } from './xr-diagnostics'
import { useHeadset, useXrMode } from './headset-context'

type Placement = 'start' | 'recenter' | 'seat' | null

const scratch: RigPose = { x: 0, y: 0, z: 0, yaw: 0 }

/** Move the rig for a pending placement; pure rig math on the live head pose. */
function place(rig: Rig, stop: Stop, placement: Exclude<Placement, null>, seated: boolean) {
  const { pose, head } = rig
  rig.lift = seated ? seatedLift(head.y, XR.standingEyeHeight) : 0
  if (placement === 'start') {
    const s = startStance(stop)
    rig.floorY = s.y
    placeHead(pose, head, s.x, s.y, s.z, s.yaw, rig.lift)
  } else {
    const h = headInWorld(pose, head, scratch)
    if (placement === 'recenter') {
      const vp = stop.viewpoints.find((v) => v.id === stop.startViewpoint) ?? stop.viewpoints[0]!
      placeHead(pose, head, h.x, rig.floorY, h.z, yawTowards(h.x, h.z, vp.target[0], vp.target[2]), rig.lift)
    } else {
      teleportRig(pose, head, h.x, rig.floorY, h.z, rig.lift)
    }
  }
  applyRig(rig)
}

/**
 * The visitor in the headset: the XR origin placed at the stop's walkable start, facing its main
 * subject, at true scale (1 unit = 1 m, floor at the walkable area's height). It goes back there
 * on a new stop; recenter turns the visitor to the subject where they stand; seated mode raises
 * the view to standing eye height.
 */
export function XrRig({ children }: { children: ReactNode }) {
  const rig = useMemo(() => createRig(), [])
  const stop = useApp(selectStop)
  const stopKey = stop?.id
  const recenterCount = useXrMode((s) => s.recenterCount)
  const seated = useXrMode((s) => s.comfort.seated)
  const mode = useHeadset().store
  const camera = useThree((s) => s.gl.xr.getCamera())
  const pending = useRef<Placement>('start')
  const headKnown = useRef(false)
  const seen = useRef({ recenterCount, seated })

  // What changed is applied in the frame loop, with that frame's head pose.
  useEffect(() => {
    pending.current = 'start'
  }, [stopKey])
  useEffect(() => {
    if (recenterCount !== seen.current.recenterCount) pending.current = 'recenter'
    else if (seated !== seen.current.seated) pending.current ??= 'seat'
    seen.current = { recenterCount, seated }
  }, [recenterCount, seated])

  // The site spans kilometres with its ground and fog: the headset sees as far as the page does.
  useEffect(() => {
    camera.near = XR.near
    camera.far = XR.far
  }, [camera])

  // Before the first tracked frame, stand the visitor at the start as if at the tracking centre,
  // so not even one frame is drawn from the world's origin.
  useEffect(() => {
    if (!stop) return
    place(rig, stop, 'start', false)
    // Only on mount: later stops are placed with the real head pose in the frame loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rig])

  // Runs early in the frame: the head pose the rest of the frame works with.
  useFrame((_, __, frame) => {
    const head = rig.head
    const q = camera.quaternion
    head.x = camera.position.x
    head.y = camera.position.y
    head.z = camera.position.z
    head.yaw = yawFromQuaternion(q.x, q.y, q.z, q.w)
    if (frame && head.y > 0.1) headKnown.current = true
    if (pending.current && headKnown.current && stop) {
      place(rig, stop, pending.current, mode.getState().comfort.seated)
      pending.current = null
    }
    Object.assign(xrLive.rig, rig.pose)
    headInWorld(rig.pose, head, xrLive.head)
  }, -900)

  return (
    <RigContext.Provider value={rig}>
      <XROrigin ref={(g) => void (rig.origin.current = g)}>{children}</XROrigin>
    </RigContext.Provider>
  )
}
