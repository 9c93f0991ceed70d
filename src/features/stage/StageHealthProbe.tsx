import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import { attachStageHealth, countFrame } from './stage-health'

/**
 * Inside the canvas: keeps the renderer's health view current (one integer per frame, no
 * allocation) and tells `onContext` when the WebGL context is lost and restored.
 */
export function StageHealthProbe({ onContext }: { onContext?: (lost: boolean) => void }) {
  const get = useThree((s) => s.get)
  const report = useRef(onContext)
  report.current = onContext
  useEffect(() => attachStageHealth(get(), (lost) => report.current?.(lost)), [get])
  useFrame(countFrame)
  return null
}
