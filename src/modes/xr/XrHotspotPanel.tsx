import { useCallback, useEffect, useRef } from 'react'
import type { Group } from 'three'
import { useT } from '../../state/use-t'
import { VALUE_COLORS } from '../../features/stage/markers'
import { useApp } from '../../state/app-context'
import { selectActions, selectHotspot, selectPlayButton } from '../../state/selectors'
import { CanvasPanel, type PanelDrawing } from './CanvasPanel'
import { placeAhead } from './follow'
import { COLORS, drawButton, drawPanelBackground, drawParagraph } from './panel-draw'
import { rowOfButtons, type HitRect } from './panel-layout'
import { useRig } from './rig'
import { PANEL } from './tuning'
import { xrLive } from './xr-diagnostics'

const W = PANEL.canvasWidth
const PAD = 48
const BUTTON_H = 96
const GAP = 18

/**
 * The open story in the headset: value, title, text, how many sources, narration play / pause /
 * replay, previous / next story and close. It opens ahead of the visitor and to their right, just
 * below eye level and within arm's reach (poke it, or point and pull the trigger), and travels
 * with them.
 */
export function XrHotspotPanel() {
  const { t, loc } = useT()
  const hotspot = useApp(selectHotspot)
  const actions = useApp(selectActions)
  const rig = useRig()
  const group = useRef<Group>(null)
  // A story opened from the panel's own previous / next stays where the panel is.
  const keepPlace = useRef(false)

  useEffect(() => {
    xrLive.panel.hotspot = hotspot?.id ?? null
    xrLive.panel.title = hotspot ? loc(hotspot.title) : ''
  }, [hotspot, loc])

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

  const playButton = useApp(selectPlayButton)
  const playLabel = t(`narration.${playButton}`)

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, hover: string | null): PanelDrawing => {
      if (!hotspot) return { height: 1, buttons: [] }
      const inner = W - PAD * 2
      const close: HitRect = { id: 'close', x: W - PAD - BUTTON_H, y: PAD - 12, w: BUTTON_H, h: BUTTON_H }
      drawButton(ctx, close, '', hover, { icon: 'close' })
      ctx.fillStyle = VALUE_COLORS[hotspot.value]
      ctx.beginPath()
      ctx.arc(PAD + 14, PAD + 18, 14, 0, Math.PI * 2)
      ctx.fill()
      let y = drawParagraph(ctx, t(`value.${hotspot.value}`), PAD + 42, PAD, inner - BUTTON_H - 60, 32, {
        bold: true,
        color: COLORS.soft,
        maxLines: 1,
      })
      y = drawParagraph(ctx, loc(hotspot.title), PAD, y + 24, inner - BUTTON_H, 54, {
        bold: true,
        lineHeight: 1.2,
        maxLines: 3,
      })
      y = drawParagraph(ctx, loc(hotspot.body), PAD, y + 18, inner, 36, {
        color: COLORS.soft,
        lineHeight: 1.4,
        maxLines: 12,
      })
      y = drawParagraph(
        ctx,
        t('hotspot.sourcesCount', { count: hotspot.sources.length }),
        PAD,
        y + 16,
        inner,
        30,
        {
          color: COLORS.soft,
        },
      )
      const narrationRow = rowOfButtons(['play', 'replay'], PAD, y + 28, inner, BUTTON_H, GAP)
      const stepRow = rowOfButtons(['previous', 'next'], PAD, y + 28 + BUTTON_H + GAP, inner, BUTTON_H, GAP)
      drawButton(ctx, narrationRow[0]!, playLabel, hover, {
        primary: true,
        icon: playButton === 'pause' ? 'pause' : 'play',
      })
      drawButton(ctx, narrationRow[1]!, t('narration.replay'), hover, { icon: 'replay' })
      drawButton(ctx, stepRow[0]!, t('hotspot.previous'), hover, { icon: 'previous' })
      drawButton(ctx, stepRow[1]!, t('hotspot.next'), hover, { icon: 'next' })
      const height = Math.min(PANEL.canvasMaxHeight, stepRow[0]!.y + BUTTON_H + PAD)
      drawPanelBackground(ctx, W, height)
      return { height, buttons: [close, ...narrationRow, ...stepRow] }
    },
    [hotspot, t, loc, playLabel, playButton],
  )

  const onSelect = useCallback(
    (id: string) => {
      switch (id) {
        case 'close':
          actions.closeHotspot()
          break
        case 'play':
          actions.toggleNarration()
          break
        case 'replay':
          actions.replayNarration()
          break
        case 'previous':
        case 'next':
          keepPlace.current = true
          actions.stepHotspot(id === 'next' ? 1 : -1)
          break
      }
    },
    [actions],
  )

  return (
    <group ref={group} visible={!!hotspot} name="xr-hotspot-panel">
      <CanvasPanel
        name="hotspot"
        width={PANEL.width}
        canvasWidth={W}
        canvasMaxHeight={PANEL.canvasMaxHeight}
        draw={draw}
        onSelect={onSelect}
      />
    </group>
  )
}
