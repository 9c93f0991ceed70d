import { cueAt } from '../content/webvtt'
import { useCues, useNarrationTrack } from '../narration/NarrationAudio'
import { useApp } from '../store/app-store'

/** Captions of the narration, drawn by the app from the WebVTT cues at the audio's current time. */
export function Captions() {
  const track = useNarrationTrack()
  const cues = useCues(track?.captions)
  const enabled = useApp((s) => s.settings.captions)
  const size = useApp((s) => s.settings.captionSize)
  const background = useApp((s) => s.settings.captionBackground)
  const text = useApp((s) => {
    const n = s.engine.narration
    if (!cues || n.status === 'idle' || n.status === 'ended' || n.status === 'error') return ''
    return cueAt(cues, n.time)?.text ?? ''
  })
  if (!enabled || !track) return null
  return (
    <div
      className="captions"
      lang={track.lang}
      data-size={size}
      data-background={background}
      data-testid="captions"
    >
      {text && <p>{text}</p>}
    </div>
  )
}
