import { useFrame } from '@react-three/fiber'
import { useCallback, useEffect, useRef } from 'react'
import type { Group } from 'three'
import { CanvasPanel, type PanelDrawing } from '../../features/xr-panels/CanvasPanel'
import { followAhead } from '../../features/xr-panels/follow'
import { drawPanelBackground, drawParagraph } from '../../features/xr-panels/panel-draw'
import { useRig } from './rig'
import { NOTICE } from './tuning'
import { xrLive } from './xr-diagnostics'
import { useXrMode } from './headset-context'

/**
 * A notice for the visitor in the headset, who cannot see the page: the kiosk's "Are you still
 * there?" with the seconds left (set by the kiosk through the XR mode store). Straight ahead at eye
 * level, in front of everything, following the view so it cannot be missed; any trigger pull or
 * pinch is the visitor's answer (the kiosk counts it as input).
 */
export function XrNotice() {
  const notice = useXrMode((s) => s.notice)
  const rig = useRig()
  const group = useRef<Group>(null)
  const yaw = useRef<number | null>(null)

  useFrame((_, delta) => {
    const g = group.current
    if (!g || !notice) {
      yaw.current = null
      return
    }
    followAhead(g, rig.head, yaw, delta, NOTICE)
  })

  useEffect(() => {
    xrLive.notice = notice
      ? [...notice.heading, ...notice.body].map((l) => l.text).join(' | ') +
        (notice.count === undefined ? '' : ` | ${notice.count}`)
      : ''
    return () => {
      xrLive.notice = ''
    }
  }, [notice])

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D): PanelDrawing => {
      if (!notice) return { height: 1, buttons: [] }
      const w = NOTICE.canvasWidth
      const pad = 48
      const inner = w - pad * 2
      let y = pad
      for (const line of notice.heading)
        y = drawParagraph(ctx, line.text, pad, y, inner, 56, { bold: true, align: 'center', maxLines: 2 })
      if (notice.count !== undefined) {
        y += 12
        y = drawParagraph(ctx, String(notice.count), pad, y, inner, 150, {
          bold: true,
          align: 'center',
          lineHeight: 1.05,
        })
        y += 12
      }
      for (const line of notice.body)
        y = drawParagraph(ctx, line.text, pad, y + 8, inner, 40, { align: 'center', maxLines: 2 })
      const height = y + pad
      drawPanelBackground(ctx, w, height, { fill: 'rgba(10, 14, 20, 0.94)', radius: 28 })
      return { height, buttons: [] }
    },
    [notice],
  )

  return (
    <group ref={group} visible={!!notice} name="xr-notice">
      <CanvasPanel
        name="notice"
        width={NOTICE.width}
        canvasWidth={NOTICE.canvasWidth}
        canvasMaxHeight={NOTICE.canvasHeight}
        draw={draw}
        renderOrder={40}
      />
    </group>
  )
}
