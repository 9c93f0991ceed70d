import { useFrame, type ThreeEvent } from '@react-three/fiber'
import { useRef, useState } from 'react'
import type { Group } from 'three'
import { Quaternion, Vector3 } from 'three'
import type { Hotspot } from '../../core/content/schema'
import { useApp, useAppStore } from '../../state/app-context'
import { MARKER, VALUE_COLORS } from './markers'

const scratch = new Vector3()
const cameraPosition = new Vector3()
const cameraQuaternion = new Quaternion()
const COARSE = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches
const RADIUS_PX = COARSE ? MARKER.touchRadiusPx : MARKER.radiusPx
/** Pointer travel (px) above which a press is a drag of the view, not a click on the marker. */
const CLICK_SLOP_PX = 6

function Marker({ hotspot, index, selected }: { hotspot: Hotspot; index: number; selected: boolean }) {
  const group = useRef<Group>(null)
  const [pointed, setPointed] = useState(false)
  // Pointed at in 3D, or focused / hovered in the list of stories: the same highlight.
  const listed = useApp((s) => s.highlightedHotspot === hotspot.id)
  const store = useAppStore()
  const hovered = pointed || listed
  const color = VALUE_COLORS[hotspot.value]
  useFrame(({ camera, gl, size }) => {
    const g = group.current
    if (!g) return
    // World pose: in the headset the camera is a child of the visitor's moving rig.
    camera.getWorldPosition(cameraPosition)
    camera.getWorldQuaternion(cameraQuaternion)
    const distance = cameraPosition.distanceTo(scratch.fromArray(hotspot.position))
    let radius: number
    if (gl.xr.isPresenting) {
      // A headset has no CSS pixels: a fixed angle of view instead.
      radius = distance * MARKER.xrRadiusPerMetre
    } else {
      // World size of one CSS pixel at that distance, for a perspective camera.
      const fov = 'fov' in camera ? (camera.fov as number) : 55
      const perPixel = (2 * distance * Math.tan((fov * Math.PI) / 360)) / Math.max(1, size.height)
      radius = perPixel * RADIUS_PX
    }
    const s = Math.max(MARKER.minRadius, radius) * (hovered || selected ? MARKER.hoverScale : 1)
    g.scale.setScalar(s)
    g.quaternion.copy(cameraQuaternion)
  })
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation()
    // Only a mouse press can be a drag of the view; headset rays and pokes have no screen
    // distance (their events throw on `delta`).
    if (e.nativeEvent instanceof MouseEvent && e.delta > CLICK_SLOP_PX) return
    store.getState().actions.openHotspot(hotspot.id)
  }
  return (
    <group
      ref={group}
      position={hotspot.position}
      name={`hotspot:${hotspot.id}`}
      userData={{ hotspotId: hotspot.id, index }}
      onClick={onClick}
      onPointerOver={(e) => {
        e.stopPropagation()
        setPointed(true)
        document.body.style.cursor = 'pointer'
      }}
      onPointerOut={() => {
        setPointed(false)
        document.body.style.cursor = ''
      }}
    >
      {/* Drawn over the site (no depth test) so a marker is never lost behind a wall. */}
      <mesh renderOrder={10}>
        <circleGeometry args={[1, 32]} />
        <meshBasicMaterial
          color={selected ? '#ffffff' : '#1b2330'}
          depthTest={false}
          transparent
          opacity={0.9}
        />
      </mesh>
      <mesh renderOrder={11}>
        <circleGeometry args={[0.78, 32]} />
        <meshBasicMaterial color={hovered ? '#ffffff' : color} depthTest={false} transparent />
      </mesh>
      <mesh renderOrder={12}>
        <circleGeometry args={[0.3, 24]} />
        <meshBasicMaterial color={selected ? color : '#1b2330'} depthTest={false} transparent />
      </mesh>
    </group>
  )
}

export function HotspotMarkers({ hotspots, selectedId }: { hotspots: Hotspot[]; selectedId: string | null }) {
  return (
    <group name="hotspot-markers">
      {hotspots.map((h, i) => (
        <Marker key={h.id} hotspot={h} index={i} selected={h.id === selectedId} />
      ))}
    </group>
  )
}
