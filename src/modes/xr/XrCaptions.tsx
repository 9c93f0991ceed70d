import { useFrame } from '@react-three/fiber'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Group } from 'three'
import { cueAt, type Cue } from '../../core/content/webvtt'
import { modelUrls } from '../../core/content/urls'
import { narrationUnderway } from '../../core/engine/tour-engine'
import { modelErrorMessage } from '../../features/stage/model-message'
import { useT } from '../../state/use-t'
import { useCues, useNarrationTrack } from '../../features/narration/NarrationAudio'
import { useNarrationOutput } from '../../features/narration/narration-output-context'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'
import { CanvasPanel, type PanelDrawing } from './CanvasPanel'
import { followAhead } from './follow'
import { drawPanelBackground, drawParagraph } from './panel-draw'
import { useRig } from './rig'
import { CAPTIONS } from './tuning'
import { xrLive } from './xr-diagnostics'

const BASE = import.meta.env.BASE_URL

/**
 * Captions in the headset: white on black, large, below the line of sight, following the view
 * lazily (they stay put while the visitor looks around a little, and catch up when they turn). The
 * cue is read from the narration element's own clock each frame, so captions keep time even where
 * the page's animation frames pause during an immersive session. Also says when the site loads.
 */
export function XrCaptions() {
  const { t, lang } = useT()
  const rig = useRig()
  const track = useNarrationTrack()
  const cues = useCues(track?.captions)
  const enabled = useApp((s) => s.settings.captions)
  const status = useApp((s) => s.engine.narration.status)
  const stop = useApp(selectStop)
  const modelUrl = stop ? modelUrls(BASE, stop).full : ''
  const load = useApp((s) => s.models[modelUrl])
  const narrationOutput = useNarrationOutput()
  const [cue, setCue] = useState<Cue | null>(null)
  const group = useRef<Group>(null)
  const yaw = useRef<number | null>(null)

  const showing = enabled && track && narrationUnderway({ status })
  useFrame((_, delta) => {
    const el = narrationOutput.element
    const next = showing && cues && el ? cueAt(cues, el.currentTime) : null
    if (next !== cue) setCue(next)
    if (group.current) followAhead(group.current, rig.head, yaw, delta, CAPTIONS)
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
    xrLive.caption = text
    xrLive.captionLang = text ? textLang : ''
  }, [text, textLang])

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D): PanelDrawing => {
      if (!text) return { height: 1, buttons: [] }
      const w = CAPTIONS.canvasWidth
      const pad = 28
      const end = drawParagraph(ctx, text, pad, pad, w - pad * 2, 44, {
        bold: true,
        maxLines: 3,
        align: 'center',
      })
      drawPanelBackground(ctx, w, end + pad, { fill: 'rgba(0, 0, 0, 0.85)', radius: 20 })
      return { height: end + pad, buttons: [] }
    },
    [text],
  )

  return (
    <group ref={group} visible={!!text} name="xr-captions">
      <CanvasPanel
        name="captions"
        width={CAPTIONS.width}
        canvasWidth={CAPTIONS.canvasWidth}
        canvasMaxHeight={CAPTIONS.canvasHeight}
        draw={draw}
        renderOrder={25}
      />
    </group>
  )
}
