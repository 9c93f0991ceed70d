import { narrationUnderway } from '../../core/engine/tour-engine'
import { cueAt } from '../../core/content/webvtt'
import { useT } from '../../state/use-t'
import { useCaptionTrack, useNarrationTrack } from './NarrationAudio'
import { useApp } from '../../state/app-context'

/** Captions of the narration, drawn by the app from the WebVTT cues at the audio's current time. */
export function Captions() {
  const { t, lang } = useT()
  const track = useNarrationTrack()
  const captionTrack = useCaptionTrack(track?.captions)
  const cues = captionTrack?.status === 'ready' ? captionTrack.cues : null
  // A caption file that is missing or does not parse: say so while the narration runs, rather
  // than leave a deaf visitor waiting for words that will not come.
  const unavailable = useApp((s) => captionTrack?.status === 'error' && narrationUnderway(s.engine.narration))
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
      {unavailable && (
        <p className="captions-note" lang={lang} data-testid="captions-unavailable">
          {t('narration.captionsUnavailable')}
        </p>
      )}
    </div>
  )
}
