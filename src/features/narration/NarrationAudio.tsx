import { useEffect, useMemo, useRef, useState } from 'react'
import { assetUrl } from '../../core/content/catalog'
import type { Cue } from '../../core/content/webvtt'
import { useApp, useAppStore } from '../../state/app-context'
import { selectHotspot, selectLanguage } from '../../state/selectors'
import { loadCaptions, mapTime, type CaptionTrack } from './captions'
import { useNarrationOutput } from './narration-output-context'

const BASE = import.meta.env.BASE_URL

export type NarrationTrackUrls = { audio: string; captions: string; lang: string }

/**
 * The narration track of the open hotspot in the visitor's language (falling back to English).
 * The same object while the hotspot and language are the same: effects that depend on it must
 * not re-run (and cancel their work) on every render of a playing narration.
 */
export function useNarrationTrack(): NarrationTrackUrls | null {
  const hotspot = useApp(selectHotspot)
  const lang = useApp(selectLanguage)
  return useMemo(() => {
    if (!hotspot) return null
    const trackLang = hotspot.narration[lang] ? lang : 'en'
    const track = hotspot.narration[trackLang]
    return track
      ? { audio: assetUrl(BASE, track.audio), captions: assetUrl(BASE, track.captions), lang: trackLang }
      : null
  }, [hotspot, lang])
}

/** Cues of a caption file, or null while loading or when it failed. */
export function useCues(url: string | undefined): Cue[] | null {
  const track = useCaptionTrack(url)
  return track?.status === 'ready' ? track.cues : null
}

/** A caption file's state: null while loading, else ready (with cues) or error (unreadable, empty). */
export function useCaptionTrack(url: string | undefined): CaptionTrack | null {
  const [state, setState] = useState<{ url: string; track: CaptionTrack } | null>(null)
  useEffect(() => {
    if (!url) return
    let live = true
    void loadCaptions(url).then((track) => live && setState({ url, track }))
    return () => {
      live = false
    }
  }, [url])
  return state && state.url === url ? state.track : null
}

/**
 * Drives one <audio> element from the store: the engine says what should happen (loading, paused,
 * replay from 0), the element reports what did (playing, paused, ended, error, time). Rendered
 * once by the tour view; headless of UI.
 */
export function NarrationAudio() {
  const store = useAppStore()
  const output = useNarrationOutput()
  const ref = useRef<HTMLAudioElement>(null)
  const track = useNarrationTrack()
  const narration = useApp((s) => s.engine.narration)
  const volume = useApp((s) => s.settings.volume)
  const previousTrack = useRef<NarrationTrackUrls | null>(null)

  useEffect(() => {
    if (!ref.current) return
    ref.current.volume = volume
    // Volume 0 is muted: browsers let muted audio play without a gesture (a kiosk's attract loop).
    ref.current.muted = volume === 0
  }, [volume])

  // The headset routes this same element to a spatial output (see narration-output.ts).
  useEffect(() => {
    const audio = ref.current
    if (!audio) return
    output.attach(audio)
    return () => output.detach(audio)
  }, [output])

  // A language switch while a narration is under way: continue in the new language at the same
  // point of the same sentence, playing or paused as it was. (This effect once re-ran on every
  // render, as the track was a new object each time: the switch was dropped whenever the other
  // language's captions took longer than a frame to load, e.g. from a kiosk's offline copy.)
  useEffect(() => {
    const before = previousTrack.current
    previousTrack.current = track
    const audio = ref.current
    if (!audio || !track || !before || before.lang === track.lang || before.audio === track.audio) return
    const status = store.getState().engine.narration.status
    if (status !== 'playing' && status !== 'paused') return
    const at = audio.currentTime
    const fromDuration = Number.isFinite(audio.duration) ? audio.duration : 0
    let live = true
    void Promise.all([loadCaptions(before.captions), loadCaptions(track.captions)]).then(([a, b]) => {
      if (!live) return
      const from = a.status === 'ready' ? a.cues : []
      const to = b.status === 'ready' ? b.cues : []
      audio.src = track.audio
      audio.currentTime = mapTime(at, from, to, fromDuration, to.at(-1)?.end ?? 0)
      if (status === 'playing') audio.play().catch(() => store.getState().actions.narrationPaused())
    })
    return () => {
      live = false
    }
  }, [track, store])

  useEffect(() => {
    const audio = ref.current
    if (!audio) return
    const { actions } = store.getState()
    if (!track) {
      audio.pause()
      audio.removeAttribute('src')
      audio.load()
      return
    }
    if (narration.status === 'loading') {
      if (audio.getAttribute('src') !== track.audio) {
        audio.src = track.audio
      }
      if (Math.abs(audio.currentTime - narration.time) > 0.25) audio.currentTime = narration.time
      audio.play().catch((e: DOMException) => {
        // Autoplay without a gesture is refused: wait for the visitor's Play. Anything else failed.
        if (e.name === 'NotAllowedError' || e.name === 'AbortError') actions.narrationPaused()
        else actions.narrationFailed()
      })
    } else if (narration.status === 'paused' || narration.status === 'idle') {
      if (!audio.paused) audio.pause()
    }
  }, [track, narration.status, narration.time, store])

  // Report the element's own events to the engine; time is sampled each frame while playing so
  // captions change on the cue's time, not on the next 250 ms timeupdate.
  useEffect(() => {
    const audio = ref.current
    if (!audio) return
    const { actions } = store.getState()
    let frame = 0
    const sample = () => {
      actions.narrationProgress(audio.currentTime, Number.isFinite(audio.duration) ? audio.duration : 0)
      if (!audio.paused) frame = requestAnimationFrame(sample)
    }
    const onPlaying = () => {
      actions.narrationStarted()
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(sample)
    }
    const onPause = () => {
      if (!audio.ended && store.getState().engine.narration.status === 'playing') actions.narrationPaused()
      sample()
    }
    const onEnded = () => {
      sample()
      actions.narrationEnded()
    }
    const onError = () => {
      if (audio.getAttribute('src')) actions.narrationFailed()
    }
    audio.addEventListener('playing', onPlaying)
    audio.addEventListener('pause', onPause)
    audio.addEventListener('ended', onEnded)
    audio.addEventListener('error', onError)
    audio.addEventListener('loadedmetadata', sample)
    return () => {
      cancelAnimationFrame(frame)
      audio.removeEventListener('playing', onPlaying)
      audio.removeEventListener('pause', onPause)
      audio.removeEventListener('ended', onEnded)
      audio.removeEventListener('error', onError)
      audio.removeEventListener('loadedmetadata', sample)
    }
  }, [store])

  return <audio ref={ref} preload="auto" data-testid="narration-audio" />
}
