import { useEffect, useRef } from 'react'
import type { Group } from 'three'
import { InWorldStory, type StoryShown } from '../../features/xr-panels/InWorldStory'
import { placeAhead } from '../../features/xr-panels/follow'
import { useApp } from '../../state/app-context'
import { selectHotspot } from '../../state/selectors'
import { useRig } from './rig'
import { PANEL } from './tuning'
import { xrLive } from './xr-diagnostics'

const report = ({ hotspot, title }: StoryShown) => {
  xrLive.panel.hotspot = hotspot
  xrLive.panel.title = title
}

/**
 * The open story in the headset (the shared in-world story panel). It opens ahead of the visitor
 * and to their right, just below eye level and within arm's reach, and travels with them.
 */
export function XrHotspotPanel() {
  const hotspot = useApp(selectHotspot)
  const rig = useRig()
  const group = useRef<Group>(null)
  // A story opened from the panel's own previous / next stays where the panel is.
  const keepPlace = useRef(false)

  const hotspotId = hotspot?.id
  useEffect(() => {
    const g = group.current
    if (!g || !hotspotId) return
    if (keepPlace.current) {
      keepPlace.current = false
      return
    }
    // Ahead and to the right of where the visitor looks now, facing them (in the rig's space, so
    // it moves with them).
    const { head } = rig
    const yaw = head.yaw + PANEL.side
    placeAhead(g, head, yaw, PANEL.distance, PANEL.drop)
  }, [hotspotId, rig])

  return (
    <group ref={group} visible={!!hotspot} name="xr-hotspot-panel">
      <InWorldStory width={PANEL.width} onStep={() => (keepPlace.current = true)} onShown={report} />
    </group>
  )
}
