import { useT } from '../../state/use-t'
import { useKiosk } from './kiosk-context'

/** At start, problems in scenes/kiosk.json, for the operator (the kiosk runs on safe defaults). */
export function ConfigReport() {
  const { t } = useT()
  const issues = useKiosk((s) => s.issues)
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
