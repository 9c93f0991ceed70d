import { useFrame, useThree } from '@react-three/fiber'
import { XROrigin, useXR } from '@react-three/xr'
import { useEffect, useMemo, useRef } from 'react'
import { Plane, Vector3, type Group, type Material, type Mesh, type Object3D } from 'three'
import { useStore } from 'zustand'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'
import { useArRuntime } from './ar-context'
import { arLive } from './ar-live'
import { ArPanels } from './ArPanels'
import {
  footprint,
  originPose,
  pairChange,
  scaleRange,
  TABLETOP,
  type Footprint,
  type Pair,
} from './placement'

const preview: [number, number, number] = [0, 0, 0]

/** Is `o` (or an ancestor) one of the objects the miniature must not clip? */
function skipped(o: Object3D, skip: readonly Object3D[]): boolean {
  for (let n: Object3D | null = o; n; n = n.parent) if (skip.includes(n)) return true
  return false
}

/** Clipping planes (world space) that keep the site's model inside a stop's footprint. */
function clipPlanes(f: Footprint): Plane[] {
  return [
    new Plane(new Vector3(1, 0, 0), -f.min[0]),
    new Plane(new Vector3(-1, 0, 0), f.max[0]),
    new Plane(new Vector3(0, 0, 1), -f.min[2]),
    new Plane(new Vector3(0, 0, -1), f.max[2]),
    new Plane(new Vector3(0, 1, 0), -f.min[1]),
  ]
}

type Held = { source: XRInputSource; kind: 'squeeze' | 'select' }

/**
 * The miniature: the page's own site and hotspot markers, shown on the visitor's table by moving
 * the XR origin (placement.ts). A reticle follows the surface the device points at (WebXR
 * hit-test from the viewer: the middle of a phone's screen, where a headset looks) with the site
 * standing on it as a preview; a tap, trigger or pinch places it. Both grips (or a pinch of both
 * hands) held and moved apart, together or round resize and turn it.
 */
export function TabletopRig() {
  const { tabletop } = useArRuntime()
  const actions = useStore(tabletop, (s) => s.actions)
  const session = useXR((s) => s.session)
  // No DOM overlay (a headset): the story, captions and controls are shown in the world.
  const overlay = useStore(tabletop, (s) => s.overlay)
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const origin = useRef<Group>(null)
  const reticle = useRef<Group>(null)
  const stop = useApp(selectStop)
  const stopKey = stop?.id ?? ''
  const measured = useRef('')
  // The stop's footprint and the planes that clip the site's model to it (a hill's terrain or a
  // lake reaches kilometres: on a table only the part the stories are about is shown).
  const planes = useMemo(() => {
    if (!stop) return null
    const f = footprint(stop)
    arLive.anchor = f.anchor
    arLive.size = f.size
    return clipPlanes(f)
  }, [stop])
  const clipped = useMemo(() => new Set<Material>(), [])
  const frameCount = useRef(0)
  const hitSource = useRef<XRHitTestSource | null>(null)
  const held = useMemo(() => new Map<XRInputSource, Held>(), [])
  const gesture = useRef<{ start: Pair; scale: number; yaw: number } | null>(null)
  const hidden = useRef<Object3D[]>([])

  // Hit-test from the viewer for the life of the session.
  useEffect(() => {
    if (!session) return
    let cancelled = false
    void session
      .requestReferenceSpace('viewer')
      .then((space) => session.requestHitTestSource?.({ space }))
      .then((source) => {
        if (cancelled) source?.cancel()
        else hitSource.current = source ?? null
      })
      .catch(() => {})
    return () => {
      cancelled = true
      hitSource.current?.cancel()
      hitSource.current = null
    }
  }, [session])

  // Select (screen tap, trigger, pinch) places the site where the reticle is; squeeze (and the
  // pinch of a hand) are held for the two-hand gesture.
  useEffect(() => {
    if (!session) return
    const onSelect = () => {
      const t = tabletop.getState()
      if (arLive.overPanels.size > 0) return
      if (!t.placed && t.surfaceFound) t.actions.place([...arLive.reticle])
    }
    const start = (kind: Held['kind']) => (e: XRInputSourceEvent) => {
      if (e.inputSource.targetRayMode !== 'tracked-pointer') return
      // A controller's trigger selects and places; its grip is for the gesture. A hand pinches.
      if (kind === 'select' && !e.inputSource.hand) return
      held.set(e.inputSource, { source: e.inputSource, kind })
    }
    const end = (e: XRInputSourceEvent) => {
      held.delete(e.inputSource)
    }
    const onSqueezeStart = start('squeeze')
    const onSelectStart = start('select')
    session.addEventListener('select', onSelect)
    session.addEventListener('squeezestart', onSqueezeStart)
    session.addEventListener('squeezeend', end)
    session.addEventListener('selectstart', onSelectStart)
    session.addEventListener('selectend', end)
    return () => {
      session.removeEventListener('select', onSelect)
      session.removeEventListener('squeezestart', onSqueezeStart)
      session.removeEventListener('squeezeend', end)
      session.removeEventListener('selectstart', onSelectStart)
      session.removeEventListener('selectend', end)
      held.clear()
    }
  }, [session, tabletop, held])

  // Everything but the rig is hidden while no surface is found and nothing is placed: the site at
  // full size all around the visitor would hide the room. Restored on leaving.
  useEffect(() => {
    const clipping = gl.localClippingEnabled
    gl.localClippingEnabled = true
    return () => {
      for (const o of hidden.current) o.visible = true
      hidden.current = []
      // The page's view is whole again: no clipping left on the site's (shared, cached) materials.
      for (const m of clipped) m.clippingPlanes = null
      clipped.clear()
      gl.localClippingEnabled = clipping
      arLive.origin = null
    }
  }, [gl, clipped])

  useFrame((state, delta, frame?: XRFrame) => {
    const o = origin.current
    const r = reticle.current
    if (!o || !r) return
    arLive.scene = scene
    arLive.origin = o
    const xrCamera = gl.xr.getCamera()
    arLive.camera = xrCamera.cameras[0] ?? xrCamera
    arLive.frameMs = arLive.frameMs ? arLive.frameMs * 0.9 + delta * 100 : delta * 1000
    arLive.drawCalls = gl.info.render.calls
    const t = tabletop.getState()
    if (measured.current !== stopKey && planes) {
      measured.current = stopKey
      t.actions.setRange(scaleRange(arLive.size))
      frameCount.current = 0
    }
    // The site's materials clip to the footprint; checked now and then, as the full model
    // replaces the proxy. The markers, the reticle and the controllers are not clipped.
    if (planes && frameCount.current++ % 30 === 0) {
      const markers = scene.getObjectByName('hotspot-markers')
      const skip = markers ? [o, markers] : [o]
      scene.traverse((n) => {
        const mesh = n as Mesh
        if (!mesh.isMesh || skipped(mesh, skip)) return
        for (const m of Array.isArray(mesh.material) ? mesh.material : [mesh.material]) {
          if (m.clippingPlanes === planes) continue
          m.clippingPlanes = planes
          clipped.add(m)
        }
      })
    }
    const space = gl.xr.getReferenceSpace()
    // The surface under the reticle.
    let found = false
    if (frame && space && hitSource.current && !t.placed) {
      const pose = frame.getHitTestResults(hitSource.current)[0]?.getPose(space)
      if (pose) {
        found = true
        r.matrix.fromArray(pose.transform.matrix)
        const p = pose.transform.position
        arLive.reticle = [p.x, p.y, p.z]
      }
    }
    if (!t.placed) actions.setSurfaceFound(found)
    r.visible = !t.placed && found

    // Two hands: resize and turn about the placed site.
    if (frame && space && t.placed && held.size >= 2) {
      const [a, b] = [...held.values()]
      const pa = frame.getPose(a!.source.gripSpace ?? a!.source.targetRaySpace, space)
      const pb = frame.getPose(b!.source.gripSpace ?? b!.source.targetRaySpace, space)
      if (pa && pb) {
        const now: Pair = {
          ax: pa.transform.position.x,
          ay: pa.transform.position.z,
          bx: pb.transform.position.x,
          by: pb.transform.position.z,
        }
        if (!gesture.current) {
          gesture.current = { start: now, scale: t.scale, yaw: t.yaw }
          arLive.gestures++
        } else {
          const { ratio, turn } = pairChange(gesture.current.start, now)
          t.actions.setScale(gesture.current.scale * ratio)
          t.actions.setYaw(gesture.current.yaw - turn)
        }
      }
    } else gesture.current = null

    // Where the site stands: placed, or previewed on the reticle.
    const show = t.placed || found
    if (show) {
      if (!t.placed) preview.splice(0, 3, ...arLive.reticle)
      const now = tabletop.getState()
      const pose = originPose(
        { surface: now.placed ? now.surface : preview, yaw: now.yaw, scale: now.scale },
        arLive.anchor,
      )
      o.position.fromArray(pose.position)
      o.quaternion.fromArray(pose.quaternion)
      o.scale.setScalar(pose.scale)
    }
    // Hide the site (not the rig) while there is nowhere to show it.
    if (!show && hidden.current.length === 0) {
      for (const c of scene.children) {
        if (c === o || !c.visible) continue
        c.visible = false
        hidden.current.push(c)
      }
    } else if (show && hidden.current.length > 0) {
      for (const c of hidden.current) c.visible = true
      hidden.current = []
    }
    void state
  })

  return (
    <XROrigin ref={origin}>
      {/* The hit pose's y axis is the surface normal: the ring lies flat in its x-z plane. */}
      <group ref={reticle} matrixAutoUpdate={false} visible={false} name="ar-reticle">
        <mesh rotation={[-Math.PI / 2, 0, 0]} renderOrder={20}>
          <ringGeometry args={[TABLETOP.reticleRadius * 0.75, TABLETOP.reticleRadius, 40]} />
          <meshBasicMaterial color="#ffffff" depthTest={false} transparent opacity={0.9} />
        </mesh>
      </group>
      {!overlay && <ArPanels />}
    </XROrigin>
  )
}
