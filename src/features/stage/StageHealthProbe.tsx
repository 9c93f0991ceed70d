import { useFrame, useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { attachStageHealth, countFrame } from './stage-health'

/** Inside the canvas: keeps the renderer's health view current (one integer per frame, no allocation). */
export function StageHealthProbe() {
  const get = useThree((s) => s.get)
  useEffect(() => attachStageHealth(get()), [get])
  useFrame(countFrame)
  return null
}
