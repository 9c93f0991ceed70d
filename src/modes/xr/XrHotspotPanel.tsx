import { useCallback, useEffect, useRef } from 'react'
import type { Group } from 'three'
import { useT } from '../../i18n/use-t'
import { VALUE_COLORS } from '../../scene/markers'
import { useApp } from '../../store/app-store'
import { selectActions, selectHotspot, selectNarration } from '../../store/selectors'
import { CanvasPanel, type PanelDrawing } from './CanvasPanel'
import { COLORS, drawButton, drawPanelBackground, drawParagraph, font } from './panel-draw'
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
 * replay, previous / next story and close. It opens in front of the visitor, just below eye level
 * and within arm's reach (poke it, or point and pull the trigger), and travels with them.
 */
export function XrHotspotPanel() {
  const { t, loc } = useT()
  const hotspot = useApp(selectHotspot)
  const narration = useApp(selectNarration)
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
    // In front of where the visitor looks now (in the rig's space, so it moves with them).
    const { head } = rig
    const fx = -Math.sin(head.yaw)
    const fz = -Math.cos(head.yaw)
    g.position.set(head.x + fx * PANEL.distance, head.y - PANEL.drop, head.z + fz * PANEL.distance)
    g.rotation.set(-Math.atan2(PANEL.drop, PANEL.distance), head.yaw, 0, 'YXZ')
  }, [hotspotId, rig])

  const active = narration.status === 'playing' || narration.status === 'loading'
  const playLabel = active
    ? t('narration.pause')
    : narration.time > 0 && narration.status === 'paused'
      ? t('narration.resume')
      : t('narration.play')

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, hover: string | null): PanelDrawing => {
      if (!hotspot) return { height: 1, buttons: [] }
      const inner = W - PAD * 2
      const buttons: HitRect[] = []
      // Measure pass: draw at the true height once it is known (the background goes first).
      const layoutOnce = (paint: boolean) => {
        let y = PAD
        const close: HitRect = { id: 'close', x: W - PAD - BUTTON_H, y: PAD - 12, w: BUTTON_H, h: BUTTON_H }
        if (paint) {
          ctx.fillStyle = VALUE_COLORS[hotspot.value]
          ctx.beginPath()
          ctx.arc(PAD + 14, y + 18, 14, 0, Math.PI * 2)
          ctx.fill()
          ctx.font = font(32, true)
          ctx.fillStyle = COLORS.soft
          ctx.textBaseline = 'top'
          ctx.textAlign = 'left'
          ctx.fillText(t(`value.${hotspot.value}`), PAD + 42, y + 2, inner - BUTTON_H - 60)
          drawButton(ctx, close, '', hover, { icon: 'close' })
        }
        y += 66
        y = paintText(paint, loc(hotspot.title), y, inner - BUTTON_H, 54, { bold: true, lineHeight: 1.2, maxLines: 3 })
        y += 18
        y = paintText(paint, loc(hotspot.body), y, inner, 36, { color: COLORS.soft, lineHeight: 1.4, maxLines: 12 })
        y += 16
        y = paintText(paint, t('hotspot.sourcesCount', { count: hotspot.sources.length }), y, inner, 30, {
          color: COLORS.soft,
        })
        y += 28
        const narrationRow = rowOfButtons(['play', 'replay'], PAD, y, inner, BUTTON_H, GAP)
        y += BUTTON_H + GAP
        const stepRow = rowOfButtons(['previous', 'next'], PAD, y, inner, BUTTON_H, GAP)
        y += BUTTON_H + PAD
        if (paint) {
          drawButton(ctx, narrationRow[0]!, playLabel, hover, { primary: true, icon: active ? 'pause' : 'play' })
          drawButton(ctx, narrationRow[1]!, t('narration.replay'), hover, { icon: 'replay' })
          drawButton(ctx, stepRow[0]!, t('hotspot.previous'), hover, { icon: 'previous' })
          drawButton(ctx, stepRow[1]!, t('hotspot.next'), hover, { icon: 'next' })
          buttons.push(close, ...narrationRow, ...stepRow)
        }
        return y
      }
      const paintText = (
        paint: boolean,
        text: string,
        y: number,
        width: number,
        size: number,
        options: Parameters<typeof drawParagraph>[6],
      ) => {
        if (paint) return drawParagraph(ctx, text, PAD, y, width, size, options)
        // Measure only: draw nowhere (fully transparent) to learn the height.
        ctx.save()
        ctx.globalAlpha = 0
        const end = drawParagraph(ctx, text, PAD, y, width, size, options)
        ctx.restore()
        return end
      }
      const height = Math.min(PANEL.canvasMaxHeight, layoutOnce(false))
      drawPanelBackground(ctx, W, height)
      layoutOnce(true)
      return { height, buttons }
    },
    [hotspot, t, loc, playLabel, active],
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
