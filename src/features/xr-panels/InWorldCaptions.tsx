import { useFrame } from '@react-three/fiber'
import { useCallback, useEffect, useState } from 'react'
import { cueAt, type Cue } from '../../core/content/webvtt'
import { modelUrls } from '../../core/content/urls'
import { narrationUnderway } from '../../core/engine/tour-engine'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { useCues, useNarrationTrack } from '../narration/NarrationAudio'
import { useNarrationOutput } from '../narration/narration-output-context'
import { modelErrorMessage } from '../stage/model-message'
import { CanvasPanel, type PanelDrawing } from './CanvasPanel'
import { drawPanelBackground, drawParagraph, font } from './panel-draw'
import { wrapText } from './panel-layout'
import { CAPTIONS_CANVAS } from './tuning'

const BASE = import.meta.env.BASE_URL
/** Caption sizes (canvas px), largest first. */
const CAPTION_SIZES = [44, 40, 36] as const

export type InWorldCaptionsProps = {
  /** Width in metres. */
  width: number
  /** The line shown changed: its text ('' when none) and language. */
  onText?: (text: string, lang: string) => void
}

/**
 * Captions in the world: white on black, large, centred. The cue is read from the narration
 * element's own clock each frame, so captions keep time even where the page's animation frames
 * pause during an immersive session. Also says when the site loads or why it did not. Hidden
 * while there is nothing to say; the mode places them (their parent group).
 */
export function InWorldCaptions({ width, onText }: InWorldCaptionsProps) {
  const { t, lang } = useT()
  const track = useNarrationTrack()
  const cues = useCues(track?.captions)
  const enabled = useApp((s) => s.settings.captions)
  const status = useApp((s) => s.engine.narration.status)
  const stop = useApp(selectStop)
  const modelUrl = stop ? modelUrls(BASE, stop).full : ''
  const load = useApp((s) => s.models[modelUrl])
  const narrationOutput = useNarrationOutput()
  const [cue, setCue] = useState<Cue | null>(null)

  const showing = enabled && track && narrationUnderway({ status })
  useFrame(() => {
    const el = narrationOutput.element
    const next = showing && cues && el ? cueAt(cues, el.currentTime) : null
    if (next !== cue) setCue(next)
  })

  const loading = load && load.status === 'loading'
  const failure = load?.status === 'error' ? modelErrorMessage(load, lang) : null
  const text = loading
    ? t('tour.loadingModel', { percent: Math.round(load.progress * 100) })
    : failure
      ? // The page's message for the reason, in the visitor's language (model-message.ts).
        t(failure.key, failure.vars)
      : (cue?.text ?? '')
  const textLang = loading || load?.status === 'error' ? lang : (track?.lang ?? lang)
  useEffect(() => {
    onText?.(text, text ? textLang : '')
  }, [text, textLang, onText])

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D): PanelDrawing => {
      if (!text) return { height: 1, buttons: [] }
      const w = CAPTIONS_CANVAS.width
      const pad = 28
      // Large, unless the line needs more than three lines at that size (a long French cue): then
      // smaller and up to four lines, never cut.
      const inner = w - pad * 2
      const fits = (size: number) => {
        ctx.font = font(size, true)
        return wrapText(text, inner, (s) => ctx.measureText(s).width).length <= 3
      }
      const size = CAPTION_SIZES.find(fits) ?? CAPTION_SIZES[CAPTION_SIZES.length - 1]!
      const end = drawParagraph(ctx, text, pad, pad, inner, size, {
        bold: true,
        maxLines: 4,
        align: 'center',
      })
      drawPanelBackground(ctx, w, end + pad, { fill: 'rgba(0, 0, 0, 0.85)', radius: 20 })
      return { height: end + pad, buttons: [] }
    },
    [text],
  )

  return (
    <group visible={!!text}>
      <CanvasPanel
        name="captions"
        width={width}
        canvasWidth={CAPTIONS_CANVAS.width}
        canvasMaxHeight={CAPTIONS_CANVAS.height}
        draw={draw}
        renderOrder={25}
      />
    </group>
  )
}
