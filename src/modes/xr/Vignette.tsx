import { useFrame } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import { RingGeometry, ShaderMaterial, type Mesh } from 'three'
import { vignetteStrength } from './comfort'
import { useRig } from './rig'
import { COMFORT_VIGNETTE } from './tuning'
import { xrLive } from './xr-diagnostics'
import { useHeadset } from './headset-context'

/**
 * The comfort vignette: darkens the edges of each eye's view during artificial motion (a blink
 * over a jump or a snap turn, and while turning smoothly). Drawn in clip space, so it is locked to
 * the eyes with no lag whatever the head does; a ring, so the clear centre costs no pixels.
 */
export function Vignette() {
  const rig = useRig()
  const mesh = useRef<Mesh>(null)
  const { geometry, material } = useMemo(
    () => ({
      // Clip-space ring from just inside the clear centre to past the corners (√2).
      geometry: new RingGeometry(0.3, 1.5, 48, 1),
      material: new ShaderMaterial({
        uniforms: { strength: { value: 0 } },
        vertexShader: /* glsl */ `
          varying vec2 vPos;
          void main() {
            vPos = position.xy;
            gl_Position = vec4(position.xy, 0.0, 1.0);
          }`,
        fragmentShader: /* glsl */ `
          uniform float strength;
          varying vec2 vPos;
          void main() {
            float r = length(vPos);
            float inner = mix(1.2, 0.35, strength);
            gl_FragColor = vec4(0.0, 0.0, 0.0, smoothstep(inner, inner + 0.35, r) * min(1.0, strength * 1.2));
          }`,
        transparent: true,
        depthTest: false,
        depthWrite: false,
      }),
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
  const strength = useRef(0)
  const mode = useHeadset().store
  useFrame((_, delta) => {
    const dt = Math.min(delta, 0.1)
    const target = rig.blink > 0 ? 1 : rig.turning * COMFORT_VIGNETTE.smoothTurn
    rig.blink = Math.max(0, rig.blink - dt)
    const enabled = mode.getState().comfort.vignette
    strength.current = vignetteStrength(enabled, strength.current, target, dt, COMFORT_VIGNETTE.fadeRate)
    material.uniforms['strength']!.value = strength.current
    xrLive.vignette = strength.current
    if (mesh.current) mesh.current.visible = strength.current > 0.001
  })
  return (
    <mesh
      ref={mesh}
      geometry={geometry}
      material={material}
      frustumCulled={false}
      renderOrder={1000}
      visible={false}
      name="comfort-vignette"
    />
  )
}
