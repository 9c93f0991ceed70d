import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef, type RefObject } from 'react'
import { Euler } from 'three'
import type { Stop } from '../../core/content/schema'
import { nearestWalkable, step } from '../../core/engine/walkable'
import type { View } from './camera'
import { WALK } from './walk'

const euler = new Euler(0, 0, 0, 'YXZ')
const next = { x: 0, y: 0, z: 0 }
const codes = (list: readonly string[], pressed: Set<string>) => list.some((c) => pressed.has(c))

/**
 * Walk mode: the camera at eye height on the stop's walkable areas; W A S D or arrows move,
 * dragging looks around. Steps that would leave the walkable areas slide along their edge or stop.
 */
export function WalkRig(props: {
  stop: Stop
  lookAt: View
  /** A point to turn towards (the open hotspot), without moving. */
  face: readonly [number, number, number] | null
  keyTarget: RefObject<HTMLElement | null>
}) {
  const { stop, lookAt, face, keyTarget } = props
  const camera = useThree((s) => s.camera)
  const gl = useThree((s) => s.gl)
  const pressed = useRef(new Set<string>())
  const run = useRef(false)
  const look = useRef({ yaw: 0, pitch: 0 })

  // Stand on the walkable ground nearest the stop's start view, facing what it looks at.
  useEffect(() => {
    const [px, , pz] = lookAt.position
    const start = nearestWalkable(stop.walkableAreas, px, pz)
    if (!start) return
    camera.position.set(start.x, start.y + WALK.eyeHeight, start.z)
    const [tx, ty, tz] = lookAt.target
    look.current.yaw = Math.atan2(-(tx - start.x), -(tz - start.z))
    look.current.pitch = Math.max(
      -WALK.maxPitch,
      Math.min(
        WALK.maxPitch,
        Math.atan2(ty - (start.y + WALK.eyeHeight), Math.hypot(tx - start.x, tz - start.z)),
      ),
    )
  }, [stop, lookAt, camera])

  useEffect(() => {
    if (!face) return
    const [fx, fy, fz] = face
    const { x, y, z } = camera.position
    look.current.yaw = Math.atan2(-(fx - x), -(fz - z))
    look.current.pitch = Math.max(
      -WALK.maxPitch,
      Math.min(WALK.maxPitch, Math.atan2(fy - y, Math.hypot(fx - x, fz - z))),
    )
  }, [face, camera])

  useEffect(() => {
    const el = keyTarget.current
    if (!el) return
    const moveKeys = new Set<string>([...WALK.forward, ...WALK.back, ...WALK.left, ...WALK.right])
    const down = (e: KeyboardEvent) => {
      run.current = e.shiftKey
      if (!moveKeys.has(e.code) || e.ctrlKey || e.metaKey || e.altKey) return
      e.preventDefault()
      pressed.current.add(e.code)
    }
    const up = (e: KeyboardEvent) => {
      run.current = e.shiftKey
      pressed.current.delete(e.code)
    }
    const clear = () => pressed.current.clear()
    let dragging: { x: number; y: number } | null = null
    const pointerDown = (e: PointerEvent) => {
      dragging = { x: e.clientX, y: e.clientY }
    }
    const pointerMove = (e: PointerEvent) => {
      if (!dragging) return
      look.current.yaw -= (e.clientX - dragging.x) * WALK.lookPerPixel
      look.current.pitch = Math.max(
        -WALK.maxPitch,
        Math.min(WALK.maxPitch, look.current.pitch - (e.clientY - dragging.y) * WALK.lookPerPixel),
      )
      dragging = { x: e.clientX, y: e.clientY }
    }
    const pointerUp = () => {
      dragging = null
    }
    const canvas = gl.domElement
    el.addEventListener('keydown', down)
    el.addEventListener('keyup', up)
    el.addEventListener('blur', clear)
    canvas.addEventListener('pointerdown', pointerDown)
    window.addEventListener('pointermove', pointerMove)
    window.addEventListener('pointerup', pointerUp)
    return () => {
      el.removeEventListener('keydown', down)
      el.removeEventListener('keyup', up)
      el.removeEventListener('blur', clear)
      canvas.removeEventListener('pointerdown', pointerDown)
      window.removeEventListener('pointermove', pointerMove)
      window.removeEventListener('pointerup', pointerUp)
    }
  }, [keyTarget, gl])

  useFrame((_, delta) => {
    const keys = pressed.current
    const forward = (codes(WALK.forward, keys) ? 1 : 0) - (codes(WALK.back, keys) ? 1 : 0)
    const strafe = (codes(WALK.right, keys) ? 1 : 0) - (codes(WALK.left, keys) ? 1 : 0)
    const { yaw, pitch } = look.current
    if (forward || strafe) {
      const distance = WALK.speed * (run.current ? WALK.runFactor : 1) * Math.min(delta, 0.1)
      const sin = Math.sin(yaw)
      const cos = Math.cos(yaw)
      // Facing -z at yaw 0: forward is (-sin, -cos), right is (cos, -sin).
      const dx = (-sin * forward + cos * strafe) * distance
      const dz = (-cos * forward - sin * strafe) * distance
      if (step(stop.walkableAreas, camera.position.x, camera.position.z, dx, dz, next))
        camera.position.set(next.x, next.y + WALK.eyeHeight, next.z)
    }
    euler.set(pitch, yaw, 0)
    camera.quaternion.setFromEuler(euler)
  })
  return null
}
