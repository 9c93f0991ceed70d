import { useEffect, useRef } from 'react'
import { useT } from '../i18n/use-t'
import { useApp } from '../store/app-store'
import { selectActions } from '../store/selectors'
import { SHORTCUTS } from './shortcuts'

/** The list of keyboard shortcuts, in a native modal dialog (focus trapped and restored by the browser). */
export function HelpDialog() {
  const { t } = useT()
  const open = useApp((s) => s.helpOpen)
  const actions = useApp(selectActions)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className="help-dialog"
      aria-labelledby="help-title"
      onClose={() => actions.setHelpOpen(false)}
    >
      <h2 id="help-title">{t('help.title')}</h2>
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
    </dialog>
  )
}
