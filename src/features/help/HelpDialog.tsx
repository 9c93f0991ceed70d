import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions } from '../../state/selectors'
import { Dialog } from '../chrome/Dialog'
import { SHORTCUTS } from './shortcuts'

/** The list of keyboard shortcuts. */
export function HelpDialog() {
  const { t } = useT()
  const open = useApp((s) => s.dialog === 'help')
  const actions = useApp(selectActions)
  return (
    <Dialog id="help" open={open} onClose={() => actions.openDialog(null)} title={t('help.title')}>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <th scope="row">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button className="btn" type="submit" autoFocus>
          {t('help.close')}
        </button>
      </form>
    </Dialog>
  )
}
