import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import { DeviceOrientationControls } from 'three-stdlib'

/**
 * "Look around by moving the phone": the camera stays where it is and turns with the device
 * (device orientation). Turned on from the settings after the browser's permission prompt.
 */
export function MotionRig() {
  const camera = useThree((s) => s.camera)
  const controls = useRef<DeviceOrientationControls | null>(null)
  useEffect(() => {
    const c = new DeviceOrientationControls(camera)
    controls.current = c
    return () => {
      c.dispose()
      controls.current = null
    }
  }, [camera])
  useFrame(() => controls.current?.update())
  return null
}
