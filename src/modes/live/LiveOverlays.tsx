import { useId, useState } from 'react'
import { formatJoinCode } from '../../core/live/join-code'
import { LIVE } from '../../core/live/protocol.mjs'
import { Dialog } from '../../features/chrome/Dialog'
import { useApp } from '../../state/app-context'
import { useT } from '../../state/use-t'
import { JoinCodeCard } from './JoinCodeCard'
import { useLive, useLiveSession } from './live-context'

/** A follower arriving by a link or QR code: what a group tour is, an optional first name, Join. */
function Welcome() {
  const { t } = useT()
  const live = useLiveSession()
  const phase = useLive((s) => s.phase)
  const code = useLive((s) => s.code)
  const [name, setName] = useState('')
  const nameId = useId()
  const open = phase === 'welcome' && !!code
  return (
    <Dialog
      open={open}
      onClose={() => {}}
      title={t('live.welcomeTitle', { code: code ? formatJoinCode(code) : '' })}
      id="live-welcome"
    >
      <form
        method="dialog"
        className="live-welcome"
        onSubmit={(e) => {
          e.preventDefault()
          live.store.getState().actions.join(name)
        }}
      >
        <p>{t('live.welcomeBody')}</p>
        <label htmlFor={nameId}>{t('live.nameLabel')}</label>
        <input
          id={nameId}
          className="live-input"
          value={name}
          maxLength={24}
          autoComplete="given-name"
          onChange={(e) => setName(e.target.value)}
        />
        <p className="live-actions">
          <button type="submit" className="btn btn-primary">
            {t('live.joinGroup')}
          </button>
          <button type="button" className="btn" onClick={() => live.store.getState().actions.leave()}>
            {t('live.tourAlone')}
          </button>
        </p>
      </form>
    </Dialog>
  )
}

/** Why joining (or starting) failed, in the visitor's words, with a way forward. */
function Failure() {
  const { t } = useT()
  const live = useLiveSession()
  const role = useLive((s) => s.role)
  const failure = useLive((s) => s.failure)
  const phase = useLive((s) => s.phase)
  if (phase !== 'failed' || !failure) return null
  return (
    <div className="live-banner live-banner-error" role="alert" data-testid="live-failure">
      <p>{t(`live.fail.${failure}`, { max: LIVE.maxFollowers })}</p>
      {role === 'follower' && (
        <p className="live-actions">
          {failure !== 'attempts' && failure !== 'invalid' && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => live.store.getState().actions.join(live.store.getState().name)}
            >
              {t('live.tryAgain')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => live.store.getState().actions.leave()}
          >
            {t('live.tourAlone')}
          </button>
        </p>
      )}
    </div>
  )
}

/** The session ended: for everyone, one clear message; the page stays a tour of its own. */
function Ended() {
  const { t } = useT()
  const role = useLive((s) => s.role)
  const phase = useLive((s) => s.phase)
  const reason = useLive((s) => s.ended)
  const tour = useApp((s) => s.engine.tourId)
  if (phase !== 'ended') return null
  const text =
    role === 'guide'
      ? t('live.guideEnded')
      : reason === 'guide'
        ? `${t('live.endedTitle')}. ${t('live.endedBody')}`
        : reason === 'idle'
          ? t('live.endedIdle')
          : t('live.endedGone')
  return (
    <div className="live-banner" role="status" data-testid="live-ended">
      <p>{text}</p>
      {role === 'guide' && tour && (
        <p className="live-actions">
          <a className="btn btn-small" href={`?mode=guide&tour=${tour}`}>
            {t('live.newSession')}
          </a>
        </p>
      )}
    </div>
  )
}

/** "Pause all": the followers' page asks them to look up until the guide resumes. */
function Paused() {
  const { t } = useT()
  const role = useLive((s) => s.role)
  const paused = useLive((s) => s.phase === 'live' && !!s.session?.paused)
  if (role !== 'follower' || !paused) return null
  return (
    <div className="live-paused" role="alert" data-testid="live-paused">
      <p className="live-paused-title">{t('live.pausedTitle')}</p>
      <p>{t('live.pausedBody')}</p>
    </div>
  )
}

/** A follower whose network dropped is told at once, and again when it is back. */
function Offline() {
  const { t } = useT()
  const offline = useLive(
    (s) => (s.phase === 'live' || s.phase === 'connecting') && !s.online && s.code !== null,
  )
  const role = useLive((s) => s.role)
  const phase = useLive((s) => s.phase)
  if (!offline || (role === 'follower' && phase === 'connecting')) return null
  return (
    <div className="live-banner live-banner-error" role="alert" data-testid="live-offline">
      <p>{role === 'guide' ? t('live.reconnectingGuide') : t('live.offline')}</p>
    </div>
  )
}

/** Everything the live mode shows over the page (given to the header's slot by the shell). */
export function LiveOverlays() {
  const { t } = useT()
  const role = useLive((s) => s.role)
  const code = useLive((s) => s.code)
  const phase = useLive((s) => s.phase)
  return (
    <>
      {phase === 'connecting' && (
        <span className="live-chip" role="status">
          {t('live.connecting')}
        </span>
      )}
      {phase === 'live' && code && (
        <span className="live-chip live-chip-on" data-testid="live-chip">
          <span className="live-dot" aria-hidden="true" />
          {formatJoinCode(code)}
        </span>
      )}
      <div className="live-overlays">
        <Offline />
        <Failure />
        <Ended />
      </div>
      <Paused />
      {role === 'follower' ? <Welcome /> : <JoinCodeCard />}
    </>
  )
}
