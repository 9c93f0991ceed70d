import { useFrame, useThree } from '@react-three/fiber'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Group } from 'three'
import { readDiagnostics } from '../../features/diagnostics/diagnostics'
import { useAppStore } from '../../state/app-context'
import { CanvasPanel, type PanelDrawing } from '../../features/xr-panels/CanvasPanel'
import { followAhead } from '../../features/xr-panels/follow'
import { COLORS, drawPanelBackground, drawParagraph } from '../../features/xr-panels/panel-draw'
import { useRig } from './rig'
import { DIAGNOSTICS } from './tuning'
import { diagnosticsLines, xrLive } from './xr-diagnostics'
import { useXrRuntime } from './XrLayer'

/**
 * `?diagnostics=1` inside the headset, where the page's overlay cannot be seen: frame time against
 * the session's budget, draw calls per eye, triangles, the dynamic resolution scale and its steps,
 * foveation and GPU resources, on a small panel up and to the left that follows the view lazily.
 * It is redrawn twice a second (outside the frame loop); the panel itself is one draw call per eye.
 */
export function XrDiagnostics() {
  const gl = useThree((s) => s.gl)
  const rig = useRig()
  const group = useRef<Group>(null)
  const yaw = useRef<number | null>(null)
  const [lines, setLines] = useState<{ text: string; warn: boolean }[]>([])
  const store = useAppStore()
  const { xrStore } = useXrRuntime()

  useEffect(() => {
    const read = () => {
      const next = diagnosticsLines(
        readDiagnostics(store),
        xrLive.resolution,
        xrStore.getState().frameRate ?? null,
        gl.xr.getFoveation(),
      )
      xrLive.diagnostics = next.map((l) => l.text).join(' | ')
      setLines(next)
    }
    read()
    const id = setInterval(read, 1000 / DIAGNOSTICS.refreshHz)
    return () => {
      clearInterval(id)
      xrLive.diagnostics = ''
    }
  }, [gl, store, xrStore])

  useFrame((_, delta) => {
    if (group.current) followAhead(group.current, rig.head, yaw, delta, DIAGNOSTICS)
  })

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D): PanelDrawing => {
      const w = DIAGNOSTICS.canvasWidth
      const pad = 28
      let y = drawParagraph(ctx, 'Diagnostics', pad, pad, w - pad * 2, 36, { bold: true })
      for (const line of lines)
        y = drawParagraph(ctx, line.text, pad, y + 10, w - pad * 2, 32, {
          color: line.warn ? '#ffb84d' : COLORS.soft,
          maxLines: 2,
        })
      const height = y + pad
      drawPanelBackground(ctx, w, height, { fill: 'rgba(10, 14, 20, 0.88)', radius: 20 })
      return { height, buttons: [] }
    },
    [lines],
  )

  return (
    <group ref={group} name="xr-diagnostics">
      <CanvasPanel
        name="diagnostics"
        width={DIAGNOSTICS.width}
        canvasWidth={DIAGNOSTICS.canvasWidth}
        canvasMaxHeight={DIAGNOSTICS.canvasHeight}
        draw={draw}
        renderOrder={30}
        interactive={false}
      />
    </group>
  )
}
