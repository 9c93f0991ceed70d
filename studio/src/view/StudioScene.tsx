/**
 * The stop's 3D view in the studio: the site model (loaded as the app loads it,
 * src/features/stage/model-loading.ts), the hotspot markers, viewpoints and walkable areas, and the
 * pointing tools: click the surface to place a hotspot (standing off the surface along its normal)
 * or a corner of a walkable area; drag a marker or a corner to move it along the surface.
 */
import { Line, OrbitControls } from '@react-three/drei'
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import { XROrigin, useXR } from '@react-three/xr'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Box3, Sphere, Vector3, type Mesh, type Object3D } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import type { Stop, Tour } from '../../../src/core/content/schema'
import { VALUE_COLORS } from '../../../src/features/stage/markers'
import { useSiteGltf } from '../../../src/features/stage/model-loading'
import { insertCommand, setCommand } from '../edits/patch'
import { useStoresRaw, useUi } from '../state/context'
import { checkStop } from './live-checks'
import { newHotspot } from './placing'

type V3 = [number, number, number]
type Drag = { kind: 'hotspot'; index: number } | { kind: 'corner'; area: number; corner: number } | null

/** Clicks that moved more than this (CSS px) between press and release were a camera drag. */
const CLICK_SLOP_PX = 5

export function StudioScene({
  modelUrl,
  stop,
  stopIndex,
}: {
  modelUrl: string
  stop: Stop
  stopIndex: number
}) {
  const gltf = useSiteGltf(modelUrl)
  const { edits, ui } = useStoresRaw()
  const tool = useUi((s) => s.tool)
  const selection = useUi((s) => s.selection)
  const pending = useUi((s) => s.pendingArea)
  const controls = useRef<OrbitControlsImpl>(null)
  const camera = useThree((s) => s.camera)
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const [drag, setDrag] = useState<Drag>(null)
  const [dragAt, setDragAt] = useState<V3 | null>(null)
  const targetMark = useRef<Mesh>(null)
  // In the headset, the trigger on the model moves the selected hotspot (headset/headset.ts).
  const inHeadset = useXR((s) => s.session !== undefined && s.session !== null)

  const size = useMemo(() => {
    const sphere = new Box3().setFromObject(gltf.scene).getBoundingSphere(new Sphere())
    return Math.max(sphere.radius, 1)
  }, [gltf.scene])
  // Markers keep their size on screen (as in the app): their scale follows their distance.
  const markerRadius = 1

  // Open at the stop's start viewpoint (again when another stop is chosen).
  const start = stop.viewpoints.find((v) => v.id === stop.startViewpoint) ?? stop.viewpoints[0]
  useEffect(() => {
    if (!start) return
    camera.position.set(...start.position)
    controls.current?.target.set(...start.target)
    controls.current?.update()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stop changes
  }, [stop.id, camera])

  // In the headset: at true scale, standing on the ground under the start viewpoint (the first
  // walkable area's height, or the model's lowest point), facing its target.
  const standing = useMemo((): V3 => {
    const ground = stop.walkableAreas[0]?.y ?? new Box3().setFromObject(gltf.scene).min.y
    return start ? [start.position[0], ground, start.position[2]] : [0, ground, 0]
  }, [start, stop.walkableAreas, gltf.scene])

  const facing = start
    ? Math.atan2(-(start.target[0] - start.position[0]), -(start.target[2] - start.position[2]))
    : 0

  // A stand-off to suit the model: 2 % of its size (a marker a metre off a skull would float away).
  useEffect(() => {
    ui.getState().set({ offset: Math.min(1, Math.max(0.02, Math.round(size * 2) / 100)) })
  }, [size, ui])

  // "Use this view" and posters read the camera through this probe.
  useEffect(() => {
    ui.getState().set({
      camera: {
        view: () => ({
          position: camera.position.toArray().map(round) as V3,
          target: (controls.current?.target.toArray() ?? [0, 0, 0]).map(round) as V3,
        }),
        posterPng: () =>
          new Promise((resolve) => {
            gl.render(scene, camera)
            gl.domElement.toBlob(resolve, 'image/png')
          }),
      },
    })
    return () => ui.getState().set({ camera: null })
  }, [camera, gl, scene, ui])

  // The point looked at, shown as it moves, and every helper scaled to a constant size on screen
  // (no React state per frame).
  const helpers = useRef<Object3D>(null)
  useFrame(() => {
    if (targetMark.current && controls.current) targetMark.current.position.copy(controls.current.target)
    helpers.current?.traverse((o) => {
      if (!o.userData['screenSized']) return
      o.getWorldPosition(world)
      o.scale.setScalar(Math.max(0.05, world.distanceTo(camera.position) * SCREEN_RADIUS))
    })
  })

  // Live checks: recomputed shortly after the stop changes (a ray per marker, per area sample).
  useEffect(() => {
    const timer = setTimeout(() => ui.getState().set({ live: checkStop(gltf.scene, stop) }), 300)
    return () => clearTimeout(timer)
  }, [gltf.scene, stop, ui])

  const apply = (make: (tour: Tour) => Parameters<ReturnType<typeof edits.getState>['apply']>[0]) => {
    const tour = edits.getState().tour
    if (tour) edits.getState().apply(make(tour))
  }
  const offset = () => ui.getState().offset
  const surfacePoint = (e: ThreeEvent<PointerEvent | MouseEvent>, standOff: number): V3 => {
    const normal = e.face?.normal.clone().transformDirection(e.object.matrixWorld) ?? new Vector3(0, 1, 0)
    return e.point.clone().addScaledVector(normal, standOff).toArray().map(round) as V3
  }

  const onModelClick = (e: ThreeEvent<MouseEvent>) => {
    if ((!inHeadset && e.delta > CLICK_SLOP_PX) || drag) return
    e.stopPropagation()
    const chosen = ui.getState().selection
    const hotspotIndex = chosen?.kind === 'hotspot' ? stop.hotspots.findIndex((h) => h.id === chosen.id) : -1
    if (inHeadset && tool !== 'place' && hotspotIndex >= 0) {
      const position = surfacePoint(e, offset())
      apply((t) =>
        setCommand(
          t,
          ['stops', stopIndex, 'hotspots', hotspotIndex, 'position'],
          position,
          'edit.move',
          performance.now(),
        ),
      )
    } else if (tool === 'place') {
      const position = surfacePoint(e, offset())
      const tour = edits.getState().tour
      if (!tour) return
      const hotspot = newHotspot(tour, position)
      apply((t) =>
        insertCommand(t, ['stops', stopIndex, 'hotspots'], hotspot, 'edit.place', performance.now()),
      )
      ui.getState().set({ selection: { kind: 'hotspot', id: hotspot.id } })
    } else if (tool === 'area') {
      ui.getState().set({ pendingArea: [...ui.getState().pendingArea, surfacePoint(e, 0)] })
    } else {
      ui.getState().set({ selection: null })
    }
  }

  const onModelMove = (e: ThreeEvent<PointerEvent>) => {
    if (!drag) return
    setDragAt(surfacePoint(e, drag.kind === 'hotspot' ? offset() : 0))
  }

  // A drag ends wherever the pointer is released: one command, one undo step.
  useEffect(() => {
    if (!drag) return
    const end = () => {
      setDrag(null)
      setDragAt((at) => {
        if (at && drag.kind === 'hotspot')
          apply((t) =>
            setCommand(
              t,
              ['stops', stopIndex, 'hotspots', drag.index, 'position'],
              at,
              'edit.move',
              performance.now(),
            ),
          )
        if (at && drag.kind === 'corner')
          apply((t) =>
            setCommand(
              t,
              ['stops', stopIndex, 'walkableAreas', drag.area, 'polygon', drag.corner],
              [at[0], at[2]],
              'edit.corner',
              performance.now(),
            ),
          )
        return null
      })
    }
    window.addEventListener('pointerup', end, { once: true })
    return () => window.removeEventListener('pointerup', end)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the drag's own lifetime
  }, [drag])

  return (
    <>
      <hemisphereLight args={['#dfe9f3', '#5b5446', 1.6]} />
      <directionalLight position={[size, size * 2, size]} intensity={1.8} />
      <OrbitControls ref={controls} makeDefault enabled={!drag && !inHeadset} enableDamping={false} />
      <XROrigin position={standing} rotation={[0, facing, 0]} />
      <primitive object={gltf.scene} onClick={onModelClick} onPointerMove={onModelMove} />
      <group ref={helpers} userData={{ studioHelper: true }}>
        <mesh ref={targetMark} userData={{ studioHelper: true, screenSized: true }} raycast={() => null}>
          <sphereGeometry args={[markerRadius * 0.4, 12, 8]} />
          <meshBasicMaterial color="#ffffff" depthTest={false} transparent opacity={0.9} />
        </mesh>
        {stop.hotspots.map((h, i) => {
          const dragging = drag?.kind === 'hotspot' && drag.index === i
          const selected = selection?.kind === 'hotspot' && selection.id === h.id
          return (
            <mesh
              key={`${h.id}-${i}`}
              name={`studio-marker-${h.id}`}
              userData={{ studioHelper: true, screenSized: true, hotspot: h.id }}
              position={dragging && dragAt ? dragAt : h.position}
              raycast={drag ? () => null : undefined}
              onPointerDown={(e) => {
                if (tool !== 'select') return
                e.stopPropagation()
                ui.getState().set({ selection: { kind: 'hotspot', id: h.id } })
                setDrag({ kind: 'hotspot', index: i })
              }}
            >
              <sphereGeometry args={[markerRadius * (selected ? 1.35 : 1), 20, 14]} />
              <meshBasicMaterial color={VALUE_COLORS[h.value] ?? '#ffffff'} />
            </mesh>
          )
        })}
        {stop.viewpoints.map((vp) => (
          <group key={vp.id} userData={{ studioHelper: true }}>
            <mesh position={vp.position} raycast={() => null} userData={{ screenSized: true }}>
              <boxGeometry args={[markerRadius, markerRadius, markerRadius]} />
              <meshBasicMaterial color={vp.id === stop.startViewpoint ? '#00e0ff' : '#9ab'} />
            </mesh>
            <Line
              points={[vp.position, vp.target]}
              color="#00e0ff"
              lineWidth={1}
              dashed
              dashSize={size / 100}
              gapSize={size / 100}
              raycast={() => null}
            />
          </group>
        ))}
        {stop.walkableAreas.map((area, a) => {
          const corners = area.polygon.map(([x, z], c): V3 =>
            drag?.kind === 'corner' && drag.area === a && drag.corner === c && dragAt
              ? [dragAt[0], area.y, dragAt[2]]
              : [x, area.y, z],
          )
          const lifted = corners.map(([x, y, z]): V3 => [x, y + 0.05, z])
          return (
            <group key={`${area.id}-${a}`} userData={{ studioHelper: true }}>
              <Line points={[...lifted, lifted[0]!]} color="#7CFC00" lineWidth={2} raycast={() => null} />
              {corners.map((p, c) => (
                <mesh
                  key={c}
                  position={p}
                  userData={{ studioHelper: true, screenSized: true, corner: `${area.id}:${c}` }}
                  raycast={drag ? () => null : undefined}
                  onPointerDown={(e) => {
                    if (tool !== 'select') return
                    e.stopPropagation()
                    ui.getState().set({ selection: { kind: 'area', id: area.id } })
                    setDrag({ kind: 'corner', area: a, corner: c })
                  }}
                >
                  <sphereGeometry args={[markerRadius * 0.6, 12, 8]} />
                  <meshBasicMaterial color="#7CFC00" />
                </mesh>
              ))}
            </group>
          )
        })}
        {pending.length ? (
          <group userData={{ studioHelper: true }}>
            {pending.length > 1 ? (
              <Line points={pending} color="#ffd23f" lineWidth={2} raycast={() => null} />
            ) : null}
            {pending.map((p, i) => (
              <mesh key={i} position={p} raycast={() => null} userData={{ screenSized: true }}>
                <sphereGeometry args={[markerRadius * 0.6, 12, 8]} />
                <meshBasicMaterial color="#ffd23f" />
              </mesh>
            ))}
          </group>
        ) : null}
      </group>
    </>
  )
}

const round = (n: number) => Math.round(n * 100) / 100
const world = new Vector3()
/** A marker's radius as a share of its distance: about 12 CSS px in an 800 px high view at 55°. */
const SCREEN_RADIUS = 0.016

export type { Object3D }
