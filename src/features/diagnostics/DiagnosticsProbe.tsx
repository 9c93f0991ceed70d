import { useFrame, useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { live, sampleFrame } from './probe'

/** Inside the canvas: keeps the renderer, scene and camera reachable and samples each frame. */
export function DiagnosticsProbe() {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  useEffect(() => {
    live.gl = gl
    live.scene = scene
    live.camera = camera
  }, [gl, scene, camera])
  // Priority 0 runs before R3F renders, so this reads the previous frame's counters.
  useFrame((_, delta) => sampleFrame(gl, delta))
  return null
}
