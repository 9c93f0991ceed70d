import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions } from '../../state/selectors'

/** Friendly messages (a link to a state that no longer exists, ...), announced politely. */
export function Notices() {
  const { t } = useT()
  const notices = useApp((s) => s.notices)
  const actions = useApp(selectActions)
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div className="notice" key={n.id}>
          <span>{t(n.key, n.vars)}</span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => actions.dismissNotice(n.id)}
          >
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  )
}
