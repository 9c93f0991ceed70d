import { useEffect } from 'react'
import { formatJoinCode } from '../../core/live/join-code'
import { LIVE } from '../../core/live/protocol.mjs'
import { useApp } from '../../state/app-context'
import { useT } from '../../state/use-t'
import { useLive } from './live-context'

/** On the 2D tour there is no camera: "looking at the story" is its panel being open on a shown page. */
function FlatViewReport() {
  const report = useLive((s) => s.actions.reportView)
  const hotspot = useApp((s) => s.engine.hotspotId)
  useEffect(() => {
    const send = () =>
      report({ mode: '2d', at: null, looking: !!hotspot && document.visibilityState === 'visible' })
    send()
    const id = setInterval(send, LIVE.viewEveryMs * 4)
    document.addEventListener('visibilitychange', send)
    return () => {
      clearInterval(id)
      document.removeEventListener('visibilitychange', send)
    }
  }, [report, hotspot])
  return null
}

/** A follower's place in the group, at the top of the tour's sidebar: who leads, the link's state, leave. */
export function FollowerPanel() {
  const { t } = useT()
  const phase = useLive((s) => s.phase)
  const online = useLive((s) => s.online)
  const guideOnline = useLive((s) => s.guideOnline)
  const code = useLive((s) => s.code)
  const leave = useLive((s) => s.actions.leave)
  const view = useApp((s) => s.settings.view)
  if (phase === 'left')
    return (
      <p className="live-panel live-left" role="status">
        {t('live.left')}
      </p>
    )
  if (phase !== 'live' || !code) return null
  return (
    <section className="live-panel live-follower" aria-label={t('live.region')} data-testid="live-follower">
      <div className="live-panel-head">
        <p className="live-title">
          <span className={online && guideOnline ? 'live-dot' : 'live-dot live-dot-off'} aria-hidden="true" />
          {t('live.following', { code: formatJoinCode(code) })}
        </p>
        <button type="button" className="btn btn-small" onClick={leave}>
          {t('live.leave')}
        </button>
      </div>
      {!guideOnline && online && (
        <p className="live-warning" role="status">
          {t('live.guideOffline')}
        </p>
      )}
      {view === '2d' && <FlatViewReport />}
    </section>
  )
}
