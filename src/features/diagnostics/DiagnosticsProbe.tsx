import { useFrame, useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { live, sampleFrame } from './probe'

/**
 * Inside the canvas: keeps the renderer, scene and camera reachable and samples each frame.
 * @param contextLost reads whether the WebGL context is lost (the stage keeps the one watch on it)
 */
export function DiagnosticsProbe({ contextLost }: { contextLost: () => boolean }) {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  useEffect(() => {
    live.gl = gl
    live.scene = scene
    live.camera = camera
    live.contextLost = contextLost
  }, [gl, scene, camera, contextLost])
  // Priority 0 runs before R3F renders, so this reads the previous frame's counters.
  useFrame((_, delta) => sampleFrame(gl, delta))
  return null
}
