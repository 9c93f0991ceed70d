import { OrbitControls } from '@react-three/drei'
import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef, type RefObject } from 'react'
import { Spherical, Vector3 } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { CAMERA, type View } from './camera'

type Props = {
  /** Where the camera should be; a new object starts a new flight (or a cut). */
  view: View | null
  /** Go there at once: a new stop, or reduced motion. */
  cut: boolean
  /** Element that receives keyboard orbiting (the focusable 3D view). */
  keyTarget: RefObject<HTMLElement | null>
}

const goalPosition = new Vector3()
const goalTarget = new Vector3()
const offset = new Vector3()
const spherical = new Spherical()

/** Orbit controls plus camera flights to viewpoints and hotspots, and keyboard orbiting. */
export function CameraRig({ view, cut, keyTarget }: Props) {
  const controls = useRef<OrbitControlsImpl>(null)
  const camera = useThree((s) => s.camera)
  const flying = useRef(false)

  useEffect(() => {
    const c = controls.current
    if (!view || !c) return
    goalPosition.fromArray(view.position)
    goalTarget.fromArray(view.target)
    if (cut) {
      camera.position.copy(goalPosition)
      c.target.copy(goalTarget)
      c.update()
      flying.current = false
    } else {
      flying.current = true
    }
  }, [view, cut, camera])

  useFrame((_, delta) => {
    const c = controls.current
    if (!flying.current || !c) return
    const k = 1 - Math.exp(-CAMERA.flightRate * Math.min(delta, 0.1))
    camera.position.lerp(goalPosition, k)
    c.target.lerp(goalTarget, k)
    c.update()
    if (
      camera.position.distanceTo(goalPosition) < CAMERA.arriveEpsilon &&
      c.target.distanceTo(goalTarget) < CAMERA.arriveEpsilon
    )
      flying.current = false
  })

  useEffect(() => {
    const el = keyTarget.current
    if (!el) return
    const onKey = (e: KeyboardEvent) => {
      const c = controls.current
      if (!c || e.ctrlKey || e.metaKey || e.altKey) return
      let dTheta = 0
      let dPhi = 0
      let zoom = 1
      switch (e.key) {
        case 'ArrowLeft':
          dTheta = -CAMERA.keyRotate
          break
        case 'ArrowRight':
          dTheta = CAMERA.keyRotate
          break
        case 'ArrowUp':
          dPhi = -CAMERA.keyRotate
          break
        case 'ArrowDown':
          dPhi = CAMERA.keyRotate
          break
        case '+':
        case '=':
          zoom = 1 / CAMERA.keyZoom
          break
        case '-':
        case '_':
          zoom = CAMERA.keyZoom
          break
        default:
          return
      }
      e.preventDefault()
      flying.current = false
      offset.copy(camera.position).sub(c.target)
      spherical.setFromVector3(offset)
      spherical.theta += dTheta
      spherical.phi = Math.min(CAMERA.maxPolar, Math.max(CAMERA.minPolar, spherical.phi + dPhi))
      spherical.radius = Math.min(c.maxDistance, Math.max(c.minDistance, spherical.radius * zoom))
      offset.setFromSpherical(spherical)
      camera.position.copy(c.target).add(offset)
      c.update()
    }
    el.addEventListener('keydown', onKey)
    return () => el.removeEventListener('keydown', onKey)
  }, [keyTarget, camera])

  return (
    <OrbitControls
      ref={controls}
      makeDefault
      enableDamping
      dampingFactor={0.12}
      minDistance={2}
      maxDistance={2500}
      maxPolarAngle={CAMERA.maxPolar}
      onStart={() => {
        flying.current = false
      }}
    />
  )
}
