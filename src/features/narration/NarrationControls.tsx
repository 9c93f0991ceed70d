import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions, selectNarration, selectPlayButton } from '../../state/selectors'

const fmt = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`

/** Play / pause / replay, position, volume and the captions switch. */
export function NarrationControls() {
  const { t } = useT()
  const narration = useApp(selectNarration)
  const volume = useApp((s) => s.settings.volume)
  const captions = useApp((s) => s.settings.captions)
  const actions = useApp(selectActions)
  const playButton = useApp(selectPlayButton)
  const label = t(`narration.${playButton}`)
  return (
    <div className="narration" data-status={narration.status} data-testid="narration">
      {narration.status === 'error' && <p role="alert">{t('narration.error')}</p>}
      <div className="narration-row">
        <button type="button" className="btn btn-primary" onClick={() => actions.toggleNarration()}>
          {label}
        </button>
        <button type="button" className="btn" onClick={() => actions.replayNarration()}>
          {t('narration.replay')}
        </button>
        <span className="narration-time" aria-hidden="true">
          {fmt(narration.time)} / {fmt(narration.duration)}
        </span>
      </div>
      <div className="narration-row">
        <label className="volume">
          {t('narration.volume')}
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={volume}
            onChange={(e) => actions.setSettings({ volume: Number(e.target.value) })}
          />
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={captions}
            onChange={(e) => actions.setSettings({ captions: e.target.checked })}
          />
          {t('narration.captions')}
        </label>
      </div>
    </div>
  )
}
