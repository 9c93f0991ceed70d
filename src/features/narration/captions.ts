/**
 * Caption tracks fetched once and kept parsed. The app renders captions itself (not the browser's
 * track UI) so the same cues can be drawn in the headset.
 */
import { parseVtt, type Cue } from '../../core/content/webvtt'

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

type Span = { start: number; end: number }

/** Sentences of a track from its cue ids (`3`, `3.1`, `3.2` are parts of sentence 3). */
function sentences(cues: Cue[]): Span[] | null {
  const byId = new Map<string, Span>()
  for (const c of cues) {
    const id = c.id?.split('.')[0]
    if (!id) return null
    const span = byId.get(id)
    if (span) span.end = Math.max(span.end, c.end)
    else byId.set(id, { start: c.start, end: c.end })
  }
  return [...byId.values()]
}

/**
 * Where to resume in another language's audio: the same sentence, at the same fraction of it.
 * The narration pipeline numbers cues by sentence, so both languages have the same sentences
 * even when their lines are split differently; without ids, the position maps proportionally.
 */
export function mapTime(
  time: number,
  from: Cue[],
  to: Cue[],
  fromDuration: number,
  toDuration: number,
): number {
  const a = sentences(from)
  const b = sentences(to)
  if (a && b && a.length && a.length === b.length) {
    let i = a.findIndex((s) => time < s.end)
    if (i < 0) i = a.length - 1
    const src = a[i]!
    const dst = b[i]!
    const within = Math.min(1, Math.max(0, (time - src.start) / Math.max(0.001, src.end - src.start)))
    return dst.start + within * (dst.end - dst.start)
  }
  return fromDuration > 0 && toDuration > 0 ? (time / fromDuration) * toDuration : 0
}
