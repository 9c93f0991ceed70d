/**
 * The live mode inside the 3D view's <Canvas> (the `stageLayers` slot): the "look here" mark and
 * the arrow that leads to it from the edge of the view (on a screen a page arrow, in the headset an
 * arrow in the periphery of the view); for the guide, each follower's gaze as a mark on the site
 * and the click that places "look here"; for a follower, the guide's "bring everyone to my view"
 * (a camera flight, never in the headset: there the mark and arrow show where to look instead) and
 * the comfort fade that every move of the guide passes through in the headset.
 */
import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import {
  Raycaster,
  Vector2,
  Vector3,
  type Group,
  type Mesh,
  type MeshBasicMaterial,
  type Object3D,
} from 'three'
import type { Vec3 } from '../../core/live/protocol.mjs'
import { LIVE } from '../../core/live/protocol.mjs'
import { useApp, useAppStore } from '../../state/app-context'
import { selectHotspot } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { edgeArrow, LOOK } from './look'
import { useLive, useLiveSession } from './live-context'
import { useGroup } from './use-group'

const v = new Vector3()
const forward = new Vector3()
const ndc = new Vector2()
const raycaster = new Raycaster()

/** The site under a point of the view (NDC), skipping the live mode's own marks. */
function pick(
  scene: Object3D,
  camera: Parameters<Raycaster['setFromCamera']>[1],
  x: number,
  y: number,
): Vec3 | null {
  ndc.set(x, y)
  raycaster.setFromCamera(ndc, camera)
  for (const hit of raycaster.intersectObjects(scene.children, true)) {
    let o: Object3D | null = hit.object
    let ours = false
    while (o) {
      if (o.userData.live) ours = true
      o = o.parent
    }
    if (!ours && hit.object.visible) return [hit.point.x, hit.point.y, hit.point.z]
  }
  return null
}

/** The "look here" mark: a ring and a dot, the same size in view at any distance, pulsing. */
function LookMark({ point }: { point: Vec3 }) {
  const group = useRef<Group>(null)
  useFrame(({ camera, clock }) => {
    const g = group.current
    if (!g) return
    camera.getWorldPosition(v)
    const d = v.distanceTo(g.position)
    g.scale.setScalar(Math.max(0.05, d * LOOK.markPerMetre) * (1 + 0.15 * Math.sin(clock.elapsedTime * 5)))
    g.lookAt(v)
  })
  return (
    <group ref={group} position={point} userData={{ live: true }} renderOrder={10}>
      <mesh renderOrder={10}>
        <ringGeometry args={[0.7, 1, 40]} />
        <meshBasicMaterial color={LOOK.color} depthTest={false} transparent />
      </mesh>
      <mesh renderOrder={10}>
        <circleGeometry args={[0.25, 24]} />
        <meshBasicMaterial color={LOOK.color} depthTest={false} transparent />
      </mesh>
    </group>
  )
}

/**
 * The arrow to an out-of-view point. On a screen: an element over the 3D view, at its edge, turned
 * toward the point. In the headset: a triangle in the lower periphery of the view, pointing the way.
 */
function EdgeArrow({ point }: { point: Vec3 }) {
  const { t } = useT()
  const gl = useThree((s) => s.gl)
  const label = t('live.lookHere')
  const el = useMemo(() => {
    const div = document.createElement('div')
    div.className = 'live-arrow'
    div.setAttribute('role', 'img')
    div.dataset.testid = 'live-arrow'
    div.hidden = true
    div.innerHTML =
      '<span class="live-arrow-head" aria-hidden="true"></span><span class="live-arrow-text"></span>'
    return div
  }, [])
  const head = el.querySelector<HTMLElement>('.live-arrow-head')!
  useEffect(() => {
    el.setAttribute('aria-label', label)
    el.querySelector('.live-arrow-text')!.textContent = label
  }, [el, label])
  useEffect(() => {
    const host = gl.domElement.parentElement
    host?.appendChild(el)
    return () => el.remove()
  }, [el, gl])
  const xr = useRef<Mesh>(null)
  useFrame(({ camera, size }) => {
    v.fromArray(point)
    const presenting = gl.xr.isPresenting
    const arrow = edgeArrow(v, camera, size.width, size.height, LOOK.edgeMarginPx)
    el.hidden = presenting || !arrow
    if (arrow && !presenting) {
      el.style.transform = `translate(${arrow.x}px, ${arrow.y}px) translate(-50%, -50%)`
      head.style.transform = `rotate(${arrow.angle}rad)`
      el.dataset.angle = arrow.angle.toFixed(2)
    }
    const m = xr.current
    if (!m) return
    m.visible = presenting && !!arrow
    if (!m.visible || !arrow) return
    // In front of the eyes, low and off-centre toward the point: in the periphery, never in the way.
    camera.getWorldPosition(v)
    camera.getWorldDirection(forward)
    m.position.copy(v).addScaledVector(forward, LOOK.xrArrowDistance)
    m.quaternion.copy(camera.quaternion)
    m.translateX(Math.cos(arrow.angle) * LOOK.xrArrowOffset)
    m.translateY(-Math.sin(arrow.angle) * LOOK.xrArrowOffset)
    m.rotateZ(-arrow.angle)
  })
  return (
    <mesh ref={xr} visible={false} userData={{ live: true }} renderOrder={11} name="live-xr-arrow">
      <circleGeometry args={[LOOK.xrArrowSize, 3]} />
      <meshBasicMaterial color={LOOK.color} depthTest={false} transparent />
    </mesh>
  )
}

/** The guide's view of the group: a small dot where each follower in 3D is looking. */
function FollowerMarks() {
  const group = useGroup()
  const marks = useRef<Group>(null)
  useFrame(({ camera }) => {
    camera.getWorldPosition(v)
    for (const m of marks.current?.children ?? []) {
      m.scale.setScalar(Math.max(0.03, v.distanceTo(m.position) * LOOK.gazePerMetre))
      m.lookAt(v)
    }
  })
  return (
    <group ref={marks} userData={{ live: true }} name="live-follower-marks">
      {group.marks.map((p, i) => (
        <mesh key={i} position={p} renderOrder={9}>
          <circleGeometry args={[1, 16]} />
          <meshBasicMaterial color={LOOK.gazeColor} depthTest={false} transparent opacity={0.85} />
        </mesh>
      ))}
    </group>
  )
}

/** The guide: the camera for "bring everyone to my view", and the click that places "look here". */
function GuideLayer() {
  const live = useLiveSession()
  const armed = useLive((s) => s.lookArmed)
  const { gl, scene, camera } = useThree()
  const controls = useThree((s) => s.controls) as { target?: Vector3 } | null
  useFrame(({ camera: c }) => {
    c.getWorldPosition(v)
    live.camera.position = [v.x, v.y, v.z]
    const target = controls?.target ?? c.getWorldDirection(forward).multiplyScalar(10).add(v)
    live.camera.target = [target.x, target.y, target.z]
    live.camera.known = true
  })
  useEffect(() => {
    if (!armed) return
    const el = gl.domElement
    el.classList.add('live-armed')
    let down: { x: number; y: number } | null = null
    const onDown = (e: PointerEvent) => (down = { x: e.clientX, y: e.clientY })
    const onUp = (e: PointerEvent) => {
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 6) return
      const r = el.getBoundingClientRect()
      const point = pick(
        scene,
        camera,
        ((e.clientX - r.left) / r.width) * 2 - 1,
        -((e.clientY - r.top) / r.height) * 2 + 1,
      )
      if (point) live.store.getState().actions.look(point)
    }
    el.addEventListener('pointerdown', onDown)
    el.addEventListener('pointerup', onUp)
    return () => {
      el.classList.remove('live-armed')
      el.removeEventListener('pointerdown', onDown)
      el.removeEventListener('pointerup', onUp)
    }
  }, [armed, gl, scene, camera, live])
  return <FollowerMarks />
}

/** A follower: reports where it looks, takes the guide's view, and fades the headset between places. */
function FollowerLayer() {
  const live = useLiveSession()
  const app = useAppStore()
  const { camera, scene, gl } = useThree()
  const controls = useThree((s) => s.controls) as { target: Vector3; update(): void } | null
  const bring = useLive((s) => s.bring)
  const flight = useRef<{ position: Vector3; target: Vector3 } | null>(null)
  const lastReport = useRef(0)
  const fade = useRef<Mesh>(null)
  const fading = useRef<{ phase: 'out' | 'in'; level: number; move: (() => void) | null }>({
    phase: 'in',
    level: 0,
    move: null,
  })

  useEffect(() => {
    if (!bring || app.getState().immersive) return
    flight.current = {
      position: new Vector3().fromArray(bring.view.position),
      target: new Vector3().fromArray(bring.view.target),
    }
  }, [bring, app])

  // Every move of the guide, in the headset, goes through a fade to black and back (docs/vr.md).
  useEffect(() => {
    live.moveGate.current = (move) => {
      fading.current = { phase: 'out', level: fading.current.level, move }
    }
    return () => {
      live.moveGate.current = null
    }
  }, [live])

  useFrame(({ clock }, delta) => {
    const dt = Math.min(delta, 0.1)
    // The guide's view: a short flight (the visitor's own orbit takes over as soon as they drag).
    const f = flight.current
    if (f && controls) {
      const k = 1 - Math.exp(-LOOK.flightRate * dt)
      camera.position.lerp(f.position, k)
      controls.target.lerp(f.target, k)
      controls.update()
      if (camera.position.distanceTo(f.position) < 0.05) flight.current = null
    }
    // The comfort fade.
    const fd = fading.current
    const m = fade.current
    if (fd.phase === 'out') {
      fd.level = Math.min(1, fd.level + dt / LOOK.fadeSeconds)
      if (fd.level >= 1) {
        fd.move?.()
        fd.move = null
        fd.phase = 'in'
      }
    } else if (fd.level > 0) fd.level = Math.max(0, fd.level - dt / LOOK.fadeSeconds)
    if (m) {
      m.visible = fd.level > 0
      ;(m.material as MeshBasicMaterial).opacity = fd.level
      camera.getWorldPosition(v)
      camera.getWorldDirection(forward)
      m.position.copy(v).addScaledVector(forward, 0.2)
      m.quaternion.copy(camera.quaternion)
    }
    // Where this follower looks, for the guide (twice a second).
    const now = clock.elapsedTime * 1000
    if (now - lastReport.current < LIVE.viewEveryMs) return
    lastReport.current = now
    const hotspot = selectHotspot(app.getState())
    let looking = false
    if (hotspot) {
      v.fromArray(hotspot.position).project(camera)
      looking = v.z < 1 && Math.abs(v.x) <= 1 && Math.abs(v.y) <= 1
    }
    const at = pick(scene, camera, 0, 0)
    live.store.getState().actions.reportView({ mode: gl.xr.isPresenting ? 'xr' : '3d', at, looking })
  })
  return (
    <mesh ref={fade} visible={false} userData={{ live: true }} renderOrder={20} name="live-fade">
      <planeGeometry args={[4, 4]} />
      <meshBasicMaterial color="#000" transparent opacity={0} depthTest={false} depthWrite={false} />
    </mesh>
  )
}

export function LiveStage() {
  const role = useLive((s) => s.role)
  const phase = useLive((s) => s.phase)
  const look = useLive((s) => (s.role === 'guide' ? s.extras.look : s.session?.look) ?? null)
  const bring = useLive((s) => s.bring)
  const immersive = useApp((s) => s.immersive)
  if (phase !== 'live') return null
  // In the headset "bring everyone to my view" is not a camera move (it would be one the visitor
  // did not make): the guide's view's centre becomes a mark to look at, with its arrow.
  const point = look ?? (role === 'follower' && immersive && bring ? bring.view.target : null)
  return (
    <>
      {role === 'guide' ? <GuideLayer /> : <FollowerLayer />}
      {point && <LookMark point={point} />}
      {point && role === 'follower' && <EdgeArrow point={point} />}
    </>
  )
}
