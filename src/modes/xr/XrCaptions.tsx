import { useFrame } from '@react-three/fiber'
import { useRef } from 'react'
import type { Group } from 'three'
import { InWorldCaptions } from '../../features/xr-panels/InWorldCaptions'
import { followAhead } from '../../features/xr-panels/follow'
import { useRig } from './rig'
import { CAPTIONS } from './tuning'
import { xrLive } from './xr-diagnostics'

const report = (text: string, lang: string) => {
  xrLive.caption = text
  xrLive.captionLang = lang
}

/**
 * Captions in the headset (the shared in-world captions): below the line of sight, following the
 * view lazily (they stay put while the visitor looks around a little, and catch up when they turn).
 */
export function XrCaptions() {
  const rig = useRig()
  const group = useRef<Group>(null)
  const yaw = useRef<number | null>(null)
  useFrame((_, delta) => {
    if (group.current) followAhead(group.current, rig.head, yaw, delta, CAPTIONS)
  })
  return (
    <group ref={group} name="xr-captions">
      <InWorldCaptions width={CAPTIONS.width} onText={report} />
    </group>
  )
}
