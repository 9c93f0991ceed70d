import { formatJoinCode } from '../../core/live/join-code'
import { useApp } from '../../state/app-context'
import { useT } from '../../state/use-t'
import { useLive } from './live-context'
import { useGroup } from './use-group'

/** The guide's controls and the group at a glance, at the top of the tour's sidebar. */
export function GuidePanel() {
  const { t } = useT()
  const actions = useLive((s) => s.actions)
  const phase = useLive((s) => s.phase)
  const online = useLive((s) => s.online)
  const code = useLive((s) => s.code)
  const extras = useLive((s) => s.extras)
  const armed = useLive((s) => s.lookArmed)
  const hotspot = useApp((s) => s.engine.hotspotId)
  const view = useApp((s) => s.settings.view)
  const group = useGroup()
  if (phase !== 'live' || !code) return null
  return (
    <section className="live-panel live-guide" aria-label={t('live.region')} data-testid="live-guide">
      <div className="live-panel-head">
        <p className="live-title">
          <span className={online ? 'live-dot' : 'live-dot live-dot-off'} aria-hidden="true" />
          {t('live.leading', { code: formatJoinCode(code) })}
        </p>
        <button type="button" className="btn btn-small" onClick={() => actions.setShowCode(true)}>
          {t('live.showCode')}
        </button>
      </div>
      {!online && (
        <p className="live-warning" role="status">
          {t('live.reconnectingGuide')}
        </p>
      )}
      <p className="live-count" data-testid="live-followers" aria-live="polite">
        {group.count === 0
          ? t('live.followers.none')
          : group.count === 1
            ? t('live.followers.one')
            : t('live.followers', { count: group.count })}
        {(group.byMode.xr > 0 || group.byMode['2d'] > 0) && (
          <span className="live-modes">
            {' '}
            · {t('live.modes', { xr: group.byMode.xr, flat: group.byMode['2d'] })}
          </span>
        )}
      </p>
      {hotspot && group.count > 0 && (
        <p className="live-looking" data-testid="live-looking">
          <span className="live-meter" aria-hidden="true">
            <span className="live-meter-fill" style={{ width: `${(100 * group.looking) / group.count}%` }} />
          </span>
          {t('live.looking', { looking: group.looking, count: group.count })}
        </p>
      )}
      <div className="live-buttons">
        {view === '3d' && (
          <>
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={armed}
              onClick={() => actions.armLook(!armed)}
            >
              {armed ? t('live.lookArmed') : t('live.lookHere')}
            </button>
            {extras.look && (
              <button type="button" className="btn btn-small" onClick={() => actions.look(null)}>
                {t('live.lookClear')}
              </button>
            )}
            <button type="button" className="btn btn-small" onClick={() => actions.bringToMyView()}>
              {t('live.bring')}
            </button>
          </>
        )}
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={extras.paused}
          onClick={() => actions.setPaused(!extras.paused)}
        >
          {extras.paused ? t('live.resumeAll') : t('live.pauseAll')}
        </button>
        <button
          type="button"
          className="btn btn-small live-end"
          onClick={() => {
            if (window.confirm(t('live.endConfirm'))) actions.end()
          }}
        >
          {t('live.end')}
        </button>
      </div>
      {group.names.length > 0 && (
        <details className="live-names">
          <summary>
            {t('live.names')} ({group.names.length})
          </summary>
          <p>{group.names.join(', ')}</p>
        </details>
      )}
    </section>
  )
}
