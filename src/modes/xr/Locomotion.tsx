import { useFrame } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import { BufferAttribute, BufferGeometry, DoubleSide, Matrix4, MeshBasicMaterial, type Mesh } from 'three'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'
import { snapRadians } from './comfort'
import { createStickOutput, createStickState, stepStick } from './locomotion'
import { applyRig, useRig } from './rig'
import { teleportRig, turnRig } from './rig-math'
import { castTeleportArc, createArcResult } from './teleport-arc'
import { COMFORT_VIGNETTE, TELEPORT } from './tuning'
import { xrLive } from './xr-diagnostics'
import { useHeadset } from './headset-context'
import { useXrRuntime } from './XrLayer'

type Hand = 'left' | 'right'

const VALID_COLOR = 0x4fc3f7
const INVALID_COLOR = 0xff8a65
/** Gamepad buttons (xr-standard): X/A = 4, Y/B = 5. The left controller's X or Y opens the menu. */
const MENU_BUTTONS = [4, 5] as const

function createRibbon() {
  const n = TELEPORT.maxPoints
  const geometry = new BufferGeometry()
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(n * 2 * 3), 3))
  const index = new Uint16Array((n - 1) * 6)
  for (let i = 0; i < n - 1; i++) {
    const a = i * 2
    index.set([a, a + 1, a + 2, a + 1, a + 3, a + 2], i * 6)
  }
  geometry.setIndex(new BufferAttribute(index, 1))
  geometry.setDrawRange(0, 0)
  return geometry
}

/**
 * Thumbstick locomotion: push forward to aim a teleport arc (it lands only on the stop's walkable
 * areas, with a marker where you will stand) and let go to jump; flick sideways to snap-turn (or
 * hold, with smooth turning on). Both controllers work the same way. Allocation-free per frame.
 */
export function Locomotion() {
  const rig = useRig()
  const mode = useHeadset().store
  const { xrStore } = useXrRuntime()
  const stop = useApp(selectStop)
  const ribbon = useRef<Mesh>(null)
  const marker = useRef<Mesh>(null)
  const { geometry, material, points, arc, sticks, outputs, ray, menuDown } = useMemo(
    () => ({
      geometry: createRibbon(),
      material: new MeshBasicMaterial({
        color: VALID_COLOR,
        side: DoubleSide,
        transparent: true,
        opacity: 0.9,
        toneMapped: false,
      }),
      points: new Float32Array(TELEPORT.maxPoints * 3),
      arc: createArcResult(),
      sticks: { left: createStickState(), right: createStickState() },
      outputs: { left: createStickOutput(), right: createStickOutput() },
      ray: new Matrix4(),
      menuDown: { value: false },
    }),
    [],
  )
  useEffect(
    () => () => {
      geometry.dispose()
      material.dispose()
    },
    [geometry, material],
  )

  useFrame((_, delta, frame: XRFrame | undefined) => {
    const dt = Math.min(delta, 0.1)
    const { comfort, actions, menuOpen } = mode.getState()
    const { inputSourceStates, originReferenceSpace } = xrStore.getState()
    const areas = stop?.walkableAreas
    rig.turning = 0
    let aimingHand: Hand | null = null
    let leftMenuPressed = false
    for (let i = 0; i < inputSourceStates.length; i++) {
      const state = inputSourceStates[i]!
      if (state.type !== 'controller') continue
      const hand = state.inputSource.handedness
      if (hand !== 'left' && hand !== 'right') continue
      const gamepad = state.inputSource.gamepad
      if (!gamepad) continue
      if (
        hand === 'left' &&
        (gamepad.buttons[MENU_BUTTONS[0]]?.pressed || gamepad.buttons[MENU_BUTTONS[1]]?.pressed)
      )
        leftMenuPressed = true
      // xr-standard mapping: the thumbstick is axes 2 and 3 (0 and 1 on touchpad-less layouts).
      const axes = gamepad.axes
      const x = axes.length >= 4 ? axes[2]! : (axes[0] ?? 0)
      const y = axes.length >= 4 ? axes[3]! : (axes[1] ?? 0)
      const out = stepStick(sticks[hand], x, y, comfort.smoothTurn, outputs[hand])
      if (out.snap !== 0) {
        turnRig(rig.pose, rig.head, -out.snap * snapRadians(comfort))
        applyRig(rig)
        rig.blink = COMFORT_VIGNETTE.blink
        xrLive.turns++
      } else if (out.turnRate !== 0) {
        turnRig(rig.pose, rig.head, -out.turnRate * dt)
        applyRig(rig)
        rig.turning = Math.max(rig.turning, Math.abs(out.turnRate) / (Math.PI / 2))
      }
      if ((out.aiming || out.release) && frame && originReferenceSpace && areas && rig.origin.current) {
        const pose = frame.getPose(state.inputSource.targetRaySpace, originReferenceSpace)
        if (!pose) continue
        ray.fromArray(pose.transform.matrix).premultiply(rig.origin.current.matrixWorld)
        const e = ray.elements
        const len = Math.hypot(e[8]!, e[9]!, e[10]!) || 1
        castTeleportArc(e[12]!, e[13]!, e[14]!, -e[8]! / len, -e[9]! / len, -e[10]! / len, areas, points, arc)
        if (out.release) {
          if (arc.valid) {
            teleportRig(rig.pose, rig.head, arc.x, arc.y, arc.z, rig.lift)
            rig.floorY = arc.y
            applyRig(rig)
            rig.blink = COMFORT_VIGNETTE.blink
            xrLive.teleports++
          }
        } else if (!aimingHand) aimingHand = hand
      }
    }

    // The menu button toggles on press, not while held.
    if (leftMenuPressed && !menuDown.value) actions.setMenuOpen(!menuOpen)
    menuDown.value = leftMenuPressed

    xrLive.arc.aiming = aimingHand !== null
    xrLive.arc.valid = aimingHand !== null && arc.valid
    xrLive.arc.x = arc.x
    xrLive.arc.y = arc.y
    xrLive.arc.z = arc.z
    const r = ribbon.current
    const m = marker.current
    if (!r || !m) return
    r.visible = aimingHand !== null
    m.visible = aimingHand !== null && arc.valid
    if (!aimingHand) return
    writeRibbon(geometry, points, arc.count)
    material.color.setHex(arc.valid ? VALID_COLOR : INVALID_COLOR)
    m.position.set(arc.x, arc.y + 0.02, arc.z)
  })

  return (
    <>
      <mesh
        ref={ribbon}
        geometry={geometry}
        material={material}
        frustumCulled={false}
        visible={false}
        renderOrder={30}
        name="teleport-arc"
      />
      <mesh ref={marker} rotation-x={-Math.PI / 2} visible={false} renderOrder={31} name="teleport-marker">
        <ringGeometry args={[TELEPORT.markerRadius * 0.72, TELEPORT.markerRadius, 40]} />
        <meshBasicMaterial color={VALID_COLOR} side={DoubleSide} toneMapped={false} />
      </mesh>
    </>
  )
}

/** Turn the arc's points into a flat ribbon across its direction of travel. */
function writeRibbon(geometry: BufferGeometry, points: Float32Array, count: number) {
  const attr = geometry.getAttribute('position') as BufferAttribute
  const out = attr.array as Float32Array
  const half = TELEPORT.ribbonWidth / 2
  for (let i = 0; i < count; i++) {
    const j = Math.min(i + 1, count - 1)
    const k = j === i ? i - 1 : i
    let dx = points[j * 3]! - points[k * 3]!
    let dz = points[j * 3 + 2]! - points[k * 3 + 2]!
    const len = Math.hypot(dx, dz)
    if (len < 1e-6) {
      dx = 0
      dz = 1
    } else {
      dx /= len
      dz /= len
    }
    const x = points[i * 3]!
    const y = points[i * 3 + 1]!
    const z = points[i * 3 + 2]!
    out[i * 6] = x - dz * half
    out[i * 6 + 1] = y
    out[i * 6 + 2] = z + dx * half
    out[i * 6 + 3] = x + dz * half
    out[i * 6 + 4] = y
    out[i * 6 + 5] = z - dx * half
  }
  attr.needsUpdate = true
  geometry.setDrawRange(0, Math.max(0, count - 1) * 6)
}
