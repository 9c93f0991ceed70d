import { useEffect, useRef } from 'react'
import { t as translate } from '../../core/i18n/i18n'
import { useKiosk, useKioskController } from './kiosk-context'

const LANGUAGES = ['en', 'fr'] as const

/**
 * "Are you still there?" in both languages, with the seconds left before the kiosk resets. Any
 * input keeps the visit going (the controller sees it); the two buttons are there for those who
 * look for one.
 */
export function IdleCountdown() {
  const kiosk = useKioskController()
  const seconds = useKiosk((s) => s.secondsLeft)
  const total = useKiosk((s) => s.config.warningSeconds)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  // Screen readers hear the countdown when it starts and at ten seconds, not every second.
  const spoken = seconds > 10 ? Math.ceil(total) : 10
  const progress = total > 0 ? Math.max(0, Math.min(1, seconds / total)) : 0
  return (
    <dialog
      ref={ref}
      className="kiosk-countdown"
      aria-labelledby="kiosk-countdown-title"
      data-testid="kiosk-countdown"
      // The dialog is modal: every touch during the countdown lands here (on it or its backdrop).
      onClick={(e) => {
        if (!(e.target instanceof Element && e.target.closest('[data-end-visit]'))) kiosk.stillHere()
      }}
      onCancel={(e) => {
        e.preventDefault()
        kiosk.stillHere()
      }}
    >
      <h2 id="kiosk-countdown-title">
        {LANGUAGES.map((l) => (
          <span key={l} lang={l}>
            {translate(l, 'kiosk.stillThere')}
          </span>
        ))}
      </h2>
      <div className="kiosk-countdown-ring" style={{ ['--progress' as string]: progress }} aria-hidden="true">
        <span data-testid="kiosk-countdown-seconds">{seconds}</span>
      </div>
      <p className="visually-hidden" aria-live="assertive">
        {LANGUAGES.map((l) => translate(l, 'kiosk.resetIn', { seconds: spoken })).join(' / ')}
      </p>
      {LANGUAGES.map((l) => (
        <p key={l} lang={l} className="kiosk-countdown-text">
          {translate(l, 'kiosk.touchToContinue')}
        </p>
      ))}
      <div className="kiosk-countdown-actions">
        <button type="button" className="btn btn-primary" autoFocus>
          {LANGUAGES.map((l) => translate(l, 'kiosk.continue')).join(' / ')}
        </button>
        <button type="button" className="btn" data-end-visit onClick={() => kiosk.endVisit()}>
          {LANGUAGES.map((l) => translate(l, 'kiosk.endVisit')).join(' / ')}
        </button>
      </div>
    </dialog>
  )
}
