import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import { Quaternion, Vector3 } from 'three'
import type { SpatialOutput } from '../../features/narration/narration-output'
import { useNarrationOutput } from '../../features/narration/narration-output-context'
import { useApp } from '../../state/app-context'
import { selectHotspot } from '../../state/selectors'
import { NARRATION_AUDIO } from './tuning'

const position = new Vector3()
const orientation = new Quaternion()
const forward = new Vector3()
const up = new Vector3()

function setParam(param: AudioParam | undefined, value: number) {
  if (param) param.value = value
}

/**
 * Narration as positional sound in the headset: the one narration element is routed through a
 * panner at the open hotspot while the session lasts, and the listener follows the head. Nothing
 * else plays it, so the page and the headset cannot both be heard.
 */
export function SpatialNarration() {
  const hotspot = useApp(selectHotspot)
  const camera = useThree((s) => s.gl.xr.getCamera())
  const output = useRef<SpatialOutput | null>(null)
  const narrationOutput = useNarrationOutput()

  useEffect(() => {
    output.current = narrationOutput.spatialize()
    const o = output.current
    if (o) {
      o.panner.panningModel = 'HRTF'
      o.panner.distanceModel = NARRATION_AUDIO.distanceModel
      o.panner.refDistance = NARRATION_AUDIO.refDistance
      o.panner.rolloffFactor = NARRATION_AUDIO.rolloffFactor
      o.panner.maxDistance = NARRATION_AUDIO.maxDistance
    }
    return () => {
      output.current = null
      narrationOutput.flatten()
    }
  }, [narrationOutput])

  useEffect(() => {
    const o = output.current
    if (!o || !hotspot) return
    const [x, y, z] = hotspot.position
    setParam(o.panner.positionX, x)
    setParam(o.panner.positionY, y)
    setParam(o.panner.positionZ, z)
  }, [hotspot])

  useFrame(() => {
    const o = output.current
    if (!o) return
    camera.matrixWorld.decompose(position, orientation, up)
    forward.set(0, 0, -1).applyQuaternion(orientation)
    up.set(0, 1, 0).applyQuaternion(orientation)
    const l = o.listener
    if (l.positionX) {
      setParam(l.positionX, position.x)
      setParam(l.positionY, position.y)
      setParam(l.positionZ, position.z)
      setParam(l.forwardX, forward.x)
      setParam(l.forwardY, forward.y)
      setParam(l.forwardZ, forward.z)
      setParam(l.upX, up.x)
      setParam(l.upY, up.y)
      setParam(l.upZ, up.z)
    } else {
      l.setPosition(position.x, position.y, position.z)
      l.setOrientation(forward.x, forward.y, forward.z, up.x, up.y, up.z)
    }
  })
  return null
}
