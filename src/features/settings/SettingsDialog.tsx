import type { ReactNode } from 'react'
import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions } from '../../state/selectors'
import type { Settings } from '../../state/store'
import { Dialog } from '../chrome/Dialog'

/** Device orientation is offered where there is a touch screen that can report it. */
const CAN_USE_MOTION =
  typeof DeviceOrientationEvent !== 'undefined' && matchMedia('(pointer: coarse)').matches

function Choice<K extends keyof Settings>(props: {
  name: K
  legend: string
  options: { value: Settings[K]; label: string; disabled?: boolean }[]
  hint?: ReactNode
}) {
  const value = useApp((s) => s.settings[props.name])
  const actions = useApp(selectActions)
  return (
    <fieldset className="choice">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={String(o.value)}>
          <input
            type="radio"
            name={props.name}
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => actions.setSettings({ [props.name]: o.value } as Partial<Settings>)}
          />
          {o.label}
        </label>
      ))}
      {props.hint && <p className="hint">{props.hint}</p>}
    </fieldset>
  )
}

function Toggle(props: { name: 'captions' | 'autoplay' | 'reducedMotion'; label: string }) {
  const value = useApp((s) => s.settings[props.name])
  const actions = useApp(selectActions)
  return (
    <label className="toggle">
      <input
        type="checkbox"
        checked={value}
        onChange={(e) => actions.setSettings({ [props.name]: e.target.checked })}
      />
      {props.label}
    </label>
  )
}

/** Captions, narration, motion and view settings. */
export function SettingsDialog() {
  const { t } = useT()
  const open = useApp((s) => s.dialog === 'settings')
  const motionControl = useApp((s) => s.settings.motionControl)
  const webgl = useApp((s) => s.webgl !== 'unavailable')
  const actions = useApp(selectActions)

  const toggleMotion = async () => {
    if (motionControl) return actions.setSettings({ motionControl: false })
    // iOS asks the visitor's permission, and only from a gesture like this click.
    const request = (DeviceOrientationEvent as unknown as { requestPermission?: () => Promise<string> })
      .requestPermission
    if (request) {
      const answer = await request().catch(() => 'denied')
      if (answer !== 'granted') return actions.notify('notice.motionDenied')
    }
    actions.setSettings({ motionControl: true, navigation: 'orbit' })
  }

  return (
    <Dialog id="settings" open={open} onClose={() => actions.openDialog(null)} title={t('settings.title')}>
      <div className="settings">
        <section>
          <h3>{t('settings.captions')}</h3>
          <Toggle name="captions" label={t('settings.showCaptions')} />
          <Choice
            name="captionSize"
            legend={t('settings.captionSize')}
            options={[
              { value: 'small', label: t('settings.size.small') },
              { value: 'medium', label: t('settings.size.medium') },
              { value: 'large', label: t('settings.size.large') },
            ]}
          />
          <Choice
            name="captionBackground"
            legend={t('settings.captionBackground')}
            options={[
              { value: 'solid', label: t('settings.background.solid') },
              { value: 'translucent', label: t('settings.background.translucent') },
            ]}
          />
        </section>
        <section>
          <h3>{t('settings.narration')}</h3>
          <Toggle name="autoplay" label={t('settings.autoplay')} />
        </section>
        <section>
          <h3>{t('settings.motion')}</h3>
          <Toggle name="reducedMotion" label={t('settings.reducedMotion')} />
        </section>
        <section>
          <h3>{t('settings.view')}</h3>
          <Choice
            name="view"
            legend={t('settings.viewLegend')}
            options={[
              { value: '3d', label: t('settings.view3d'), disabled: !webgl },
              { value: '2d', label: t('settings.view2d') },
            ]}
            hint={!webgl && t('settings.noWebgl')}
          />
          <Choice
            name="navigation"
            legend={t('settings.navigation')}
            options={[
              { value: 'orbit', label: t('settings.orbit') },
              { value: 'walk', label: t('settings.walk') },
            ]}
            hint={t('settings.walkHint')}
          />
          {CAN_USE_MOTION && (
            <label className="toggle">
              <input type="checkbox" checked={motionControl} onChange={() => void toggleMotion()} />
              {t('settings.motionControl')}
            </label>
          )}
        </section>
      </div>
      <form method="dialog">
        <button className="btn btn-primary" type="submit">
          {t('settings.done')}
        </button>
      </form>
    </Dialog>
  )
}
