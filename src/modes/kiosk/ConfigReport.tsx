import { PIN_ISSUE_PATH } from '../../core/kiosk/config'
import { useT } from '../../state/use-t'
import { useKiosk } from './kiosk-context'

/**
 * At start, problems in scenes/kiosk.json, for the operator (the kiosk runs on safe defaults). It is
 * on the attract screen, in front of visitors too: whatever concerns the operator PIN is left out
 * (it is in the launcher's console, the operator screen and on the PIN pad).
 */
export function ConfigReport() {
  const { t } = useT()
  const all = useKiosk((s) => s.issues)
  const issues = all.filter((i) => i.path !== PIN_ISSUE_PATH)
  const visible = useKiosk((s) => s.reportVisible)
  if (!visible || issues.length === 0) return null
  const shown = issues.slice(0, 4)
  return (
    <aside className="kiosk-report" role="status" data-testid="kiosk-config-report">
      <h2>{t('kiosk.report.title')}</h2>
      <ul>
        {shown.map((i, n) => (
          <li key={n} data-severity={i.severity}>
            <code>{i.path || 'kiosk.json'}</code> {i.message}
          </li>
        ))}
      </ul>
      {issues.length > shown.length && (
        <p>{t('kiosk.report.more', { count: issues.length - shown.length })}</p>
      )}
    </aside>
  )
}
