/**
 * A hotspot's narration in one language: generate it from the script (the narration pipeline on
 * the studio server: espeak-ng, ffmpeg, timed captions), or record a voice-over with the
 * microphone (saved as MP3, its captions re-timed from the recording), then play it back with
 * its captions shown as they are spoken.
 */
import { useEffect, useRef, useState } from 'react'
import { assetUrl } from '../../../src/core/content/urls'
import type { Hotspot } from '../../../src/core/content/schema'
import { api, ApiError, followJob, type NarrationResult } from '../api/api'
import type { Path } from '../edits/patch'
import { useEdits, useSetAt, useStoresRaw, useT, useUi } from '../state/context'

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; percent: number }
  | { kind: 'recording'; seconds: number }
  | { kind: 'failed'; message: string }

export function NarrationControls({ hotspot, lang, path }: { hotspot: Hotspot; lang: string; path: Path }) {
  const t = useT()
  const setAt = useSetAt()
  const { edits } = useStoresRaw()
  const tourId = useEdits((s) => s.tourId)
  const stopIndex = useUi((s) => s.stopIndex)
  const stopId = useEdits((s) => s.tour?.stops[stopIndex]?.id)
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const recorder = useRef<{ stop(): void } | null>(null)
  const track = hotspot.narration[lang]
  const script = track?.script.trim() ?? ''
  const langName = lang === 'en' || lang === 'fr' ? t(`lang.${lang}`) : lang
  // Cache-busting: a new recording is saved over the same file name.
  const [stamp, setStamp] = useState(0)

  const done = (result: NarrationResult) => {
    const current = edits.getState().tour
    const scriptNow = (current && (getScript(current, path) ?? script)) || script
    setAt(
      path,
      { script: scriptNow, audio: result.audio, captions: result.captions },
      'edit.narration',
      false,
    )
    setStamp(Date.now())
    setStatus({ kind: 'idle' })
  }
  const fail = (message: string) => setStatus({ kind: 'failed', message })
  const where = tourId && stopId ? { tour: tourId, stop: stopId, hotspot: hotspot.id, lang } : null

  const generate = async () => {
    if (!where) return
    setStatus({ kind: 'working', percent: 0 })
    try {
      const { job } = await api.synthesize({ ...where, script }).catch((e: unknown) => {
        // A recorded voice-over is never replaced by the synthetic voice without asking.
        if (e instanceof ApiError && e.status === 409 && window.confirm(t('narration.replaceRecording')))
          return api.synthesize({ ...where, script, replace: true })
        throw e
      })
      followJob<NarrationResult>(job, {
        progress: (p) => setStatus({ kind: 'working', percent: Math.round((100 * p.done) / (p.total || 1)) }),
        done,
        error: fail,
      })
    } catch (e) {
      fail((e as Error).message)
    }
  }

  const record = async () => {
    if (!where) return
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true })
    } catch (e) {
      setStatus({ kind: 'failed', message: t('narration.noMic', { message: (e as Error).message }) })
      return
    }
    const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'].find((m) =>
      MediaRecorder.isTypeSupported(m),
    )
    const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined)
    const chunks: Blob[] = []
    const started = performance.now()
    const timer = setInterval(
      () => setStatus({ kind: 'recording', seconds: Math.round((performance.now() - started) / 1000) }),
      250,
    )
    media.ondataavailable = (e) => chunks.push(e.data)
    media.onstop = async () => {
      clearInterval(timer)
      stream.getTracks().forEach((track) => track.stop())
      recorder.current = null
      setStatus({ kind: 'working', percent: 50 })
      try {
        done(
          await api.recording({ ...where, script }, new Blob(chunks, { type: media.mimeType.split(';')[0] })),
        )
      } catch (e) {
        fail((e as Error).message)
      }
    }
    media.start(250)
    recorder.current = media
    setStatus({ kind: 'recording', seconds: 0 })
  }

  const busy = status.kind === 'working' || status.kind === 'recording'
  const blocked = !script ? t('narration.needScript') : null
  return (
    <div className="narration" data-narration={`${hotspot.id}.${lang}`}>
      <div className="row">
        <button
          type="button"
          disabled={busy || !!blocked}
          onClick={() => void generate()}
          aria-label={`${t('narration.generate')} (${langName})`}
        >
          {t('narration.generate')}
        </button>
        {status.kind === 'recording' ? (
          <button
            type="button"
            onClick={() => recorder.current?.stop()}
            aria-label={`${t('narration.stop')} (${langName})`}
          >
            {t('narration.stop')}
          </button>
        ) : (
          <button
            type="button"
            disabled={busy || !!blocked}
            onClick={() => void record()}
            aria-label={`${t('narration.record')} (${langName})`}
          >
            {t('narration.record')}
          </button>
        )}
      </div>
      <p className="meta" role="status">
        {blocked && !busy
          ? blocked
          : status.kind === 'working'
            ? t('narration.working', { percent: status.percent })
            : status.kind === 'recording'
              ? t('narration.recording', { seconds: status.seconds })
              : status.kind === 'failed'
                ? t('narration.failed', { message: status.message })
                : track?.audio
                  ? t('narration.ready', { lang: langName })
                  : t('narration.none')}
      </p>
      {track?.audio && track.captions ? (
        <Playback audio={track.audio} captions={track.captions} lang={lang} stamp={stamp} label={langName} />
      ) : null}
    </div>
  )
}

function getScript(tour: unknown, path: Path): string | undefined {
  let node: unknown = tour
  for (const key of [...path, 'script']) node = (node as Record<string | number, unknown> | undefined)?.[key]
  return typeof node === 'string' ? node : undefined
}

/** The narration with its captions, shown line by line as the audio plays. */
function Playback({
  audio,
  captions,
  lang,
  stamp,
  label,
}: {
  audio: string
  captions: string
  lang: string
  stamp: number
  label: string
}) {
  const t = useT()
  const ref = useRef<HTMLAudioElement>(null)
  const [cue, setCue] = useState('')
  useEffect(() => {
    const element = ref.current
    const track = element?.textTracks[0]
    if (!track) return
    track.mode = 'hidden'
    const show = () => {
      const active = track.activeCues?.[0] as VTTCue | undefined
      setCue(active?.text ?? '')
    }
    track.addEventListener('cuechange', show)
    return () => track.removeEventListener('cuechange', show)
  }, [audio, captions, stamp])
  const bust = stamp ? `?v=${stamp}` : ''
  return (
    <div className="playback">
      <audio
        ref={ref}
        controls
        preload="metadata"
        src={assetUrl('/', audio) + bust}
        aria-label={`${t('narration.play')} (${label})`}
      >
        <track kind="captions" srcLang={lang} src={assetUrl('/', captions) + bust} default label={label} />
      </audio>
      <p className="caption" lang={lang} aria-live="off" data-caption>
        {cue}
      </p>
    </div>
  )
}
