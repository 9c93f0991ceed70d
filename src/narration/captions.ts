/**
 * Caption tracks fetched once and kept parsed. The app renders captions itself (not the browser's
 * track UI) so the same cues can be drawn in the headset.
 */
import { parseVtt, type Cue } from '../content/webvtt'

export type CaptionTrack = { status: 'ready'; cues: Cue[] } | { status: 'error'; message: string }

const cache = new Map<string, Promise<CaptionTrack>>()

export function loadCaptions(url: string): Promise<CaptionTrack> {
  let track = cache.get(url)
  if (!track) {
    track = fetch(url)
      .then(async (res): Promise<CaptionTrack> => {
        if (!res.ok) return { status: 'error', message: `HTTP ${res.status}` }
        const { cues } = parseVtt(await res.text())
        return cues.length ? { status: 'ready', cues } : { status: 'error', message: 'no cues' }
      })
      .catch((e: Error): CaptionTrack => ({ status: 'error', message: e.message }))
    // A failed fetch is not remembered, so a later visit can try again.
    void track.then((t) => t.status === 'error' && cache.delete(url))
    cache.set(url, track)
  }
  return track
}

/**
 * Where to resume in another language's audio: the same sentence, at the same fraction of it.
 * Cues are per sentence (long ones split), so the cue index is mapped proportionally.
 */
export function mapTime(
  time: number,
  from: Cue[],
  to: Cue[],
  fromDuration: number,
  toDuration: number,
): number {
  if (from.length && to.length) {
    let i = from.findIndex((c) => time < c.end)
    if (i < 0) i = from.length - 1
    const cue = from[i]!
    const within = Math.min(1, Math.max(0, (time - cue.start) / Math.max(0.001, cue.end - cue.start)))
    const position = (i + within) / from.length
    const j = Math.min(to.length - 1, Math.floor(position * to.length))
    const target = to[j]!
    const frac = position * to.length - j
    return target.start + frac * (target.end - target.start)
  }
  return fromDuration > 0 && toDuration > 0 ? (time / fromDuration) * toDuration : 0
}
