/**
 * The tour as a live session carries it, both ways: the guide's page turned into a session state,
 * and a session state applied to a follower's page. Pure over the app's state and actions, so
 * both directions are unit-tested without a browser.
 */
import type { SessionState } from '../../core/live/protocol.mjs'
import { narrationActive } from '../../core/engine/tour-engine'
import { selectStop } from '../../state/selectors'
import type { AppState } from '../../state/store'

/** What the guide adds to the tour's own state. */
export type GuideExtras = Pick<SessionState, 'paused' | 'look' | 'lookSeq' | 'replays'>

/** The session state of the guide's page, or null while no tour is open. */
export function sessionFromApp(app: AppState, extras: GuideExtras): SessionState | null {
  const stop = selectStop(app)
  if (!app.engine.tourId || !stop) return null
  const n = app.engine.narration
  // The guide's own audio ending (or failing) does not stop anyone: each follower hears the
  // story to its end in their own language, whose recording is longer or shorter.
  const narration =
    !app.engine.hotspotId || n.status === 'idle' ? 'idle' : n.status === 'paused' ? 'paused' : 'playing'
  return { tour: app.engine.tourId, stop: stop.id, hotspot: app.engine.hotspotId, narration, ...extras }
}

/**
 * Whether this change of the guide's narration is a replay (from the start): it starts again at 0
 * after having played some of the story, or after it ended.
 */
export function isReplay(prev: AppState['engine'], next: AppState['engine']): boolean {
  if (prev.hotspotId !== next.hotspotId || !next.hotspotId) return false
  if (!narrationActive(next.narration) || next.narration.time !== 0) return false
  return (
    prev.narration.status === 'ended' ||
    ((narrationActive(prev.narration) || prev.narration.status === 'paused') && prev.narration.time > 0.5)
  )
}

/** Whether the follower's page is somewhere other than the session's stop and story. */
export function placeDiffers(app: AppState, s: SessionState): boolean {
  return app.engine.tourId !== s.tour || selectStop(app)?.id !== s.stop || app.engine.hotspotId !== s.hotspot
}

/**
 * Bring a follower's page to the session state. `prev` is the state applied last (null for the
 * first): narration is only told to play, pause or replay when the guide did, so a follower whose
 * story already ended in their language is not started again.
 */
export function applySession(get: () => AppState, s: SessionState, prev: SessionState | null) {
  const { actions } = get()
  const moved = placeDiffers(get(), s)
  if (moved) actions.openTour(s.tour, { stopId: s.stop, hotspotId: s.hotspot ?? undefined })
  const want = s.paused ? 'paused' : s.narration
  const active = narrationActive(get().engine.narration)
  const storyChanged = moved || prev?.hotspot !== s.hotspot
  if (!s.hotspot) return
  if (prev && s.replays !== prev.replays && want === 'playing') return actions.replayNarration()
  if (want === 'playing' && (storyChanged || prev?.narration !== 'playing' || prev.paused)) {
    if (!active) actions.playNarration()
  } else if (want !== 'playing' && active) actions.pauseNarration()
}
