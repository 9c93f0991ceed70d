import { useCallback, useEffect } from 'react'
import { VALUE_COLORS } from '../stage/markers'
import { useApp } from '../../state/app-context'
import { selectActions, selectHotspot, selectPlayButton } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { CanvasPanel, type PanelDrawing } from './CanvasPanel'
import { COLORS, drawButton, drawPanelBackground, drawParagraph } from './panel-draw'
import { rowOfButtons, type HitRect } from './panel-layout'
import { STORY_CANVAS } from './tuning'

const W = STORY_CANVAS.width
const PAD = 48
const BUTTON_H = 96
const GAP = 18

/** What the panel shows, for the mode's diagnostics: the story and the language it is read in. */
export type StoryShown = { hotspot: string | null; title: string; lang: string }

export type InWorldStoryProps = {
  /** Width in metres. */
  width: number
  /** Which point of the panel sits at its group's origin. @default 'center' */
  anchor?: 'center' | 'bottom'
  /** The visitor asked for the previous or next story from the panel (before it opens). */
  onStep?: () => void
  /** The story shown changed (or its language). */
  onShown?: (shown: StoryShown) => void
}

/**
 * The open story in the world: value, title, text, how many sources, narration play / pause /
 * replay, previous / next story and close, on one canvas-textured quad (poke it, or point and pull
 * the trigger). The mode places and shows it (its parent group); this draws the page's open story
 * in the visitor's language and acts on the page's own tour state.
 */
export function InWorldStory({ width, anchor = 'center', onStep, onShown }: InWorldStoryProps) {
  const { t, loc, lang } = useT()
  const hotspot = useApp(selectHotspot)
  const actions = useApp(selectActions)
  const playButton = useApp(selectPlayButton)
  const playLabel = t(`narration.${playButton}`)

  useEffect(() => {
    onShown?.({ hotspot: hotspot?.id ?? null, title: hotspot ? loc(hotspot.title) : '', lang })
  }, [hotspot, loc, lang, onShown])

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
      const height = Math.min(STORY_CANVAS.maxHeight, stepRow[0]!.y + BUTTON_H + PAD)
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
          onStep?.()
          actions.stepHotspot(id === 'next' ? 1 : -1)
          break
      }
    },
    [actions, onStep],
  )

  return (
    <CanvasPanel
      name="hotspot"
      width={width}
      canvasWidth={W}
      canvasMaxHeight={STORY_CANVAS.maxHeight}
      draw={draw}
      onSelect={onSelect}
      anchor={anchor}
    />
  )
}
