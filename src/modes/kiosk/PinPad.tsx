import { useEffect, useRef, useState } from 'react'
import { useT } from '../../state/use-t'
import { useKiosk, useKioskController } from './kiosk-context'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const
const MAX_DIGITS = 12

/** The operator's PIN pad: big keys for a touch screen, digits from a keyboard work too. */
export function PinPad() {
  const { t } = useT()
  const kiosk = useKioskController()
  const result = useKiosk((s) => s.pinResult)
  const lockedUntil = useKiosk((s) => s.pin.lockedUntil)
  const closed = result === 'closed' || result === 'insecure'
  const [pin, setPin] = useState('')
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  const submit = (value: string) => {
    if (!value) return
    void kiosk.enterPin(value)
    setPin('')
  }
  const type = (digit: string) => setPin((p) => (p.length < MAX_DIGITS ? p + digit : p))
  return (
    <dialog
      ref={ref}
      className="kiosk-pin"
      aria-labelledby="kiosk-pin-title"
      data-testid="kiosk-pin"
      onCancel={(e) => {
        e.preventDefault()
        kiosk.closeOverlay()
      }}
      onKeyDown={(e) => {
        if (closed) return
        if (/^\d$/.test(e.key)) type(e.key)
        else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1))
        else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) submit(pin)
        else return
        e.preventDefault()
      }}
    >
      <h2 id="kiosk-pin-title">{t('kiosk.pin.title')}</h2>
      {closed ? (
        // The operator's path only (hidden gesture or shortcut): never on a visitor's screen.
        <p className="kiosk-pin-closed" role="alert" data-testid="kiosk-pin-closed">
          {t(result === 'closed' ? 'kiosk.pin.closed' : 'kiosk.pin.insecure')}
          {result === 'closed' && (
            <code className="kiosk-pin-command" translate="no">
              npm run kiosk -- --set-pin
            </code>
          )}
        </p>
      ) : (
        entry()
      )}
      <button type="button" className="btn btn-ghost kiosk-pin-cancel" onClick={() => kiosk.closeOverlay()}>
        {t('kiosk.pin.cancel')}
      </button>
    </dialog>
  )

  function entry() {
    return (
      <>
        <p id="kiosk-pin-prompt">{t('kiosk.pin.prompt')}</p>
        <output
          className="kiosk-pin-dots"
          aria-live="polite"
          aria-label={t('kiosk.pin.entered', { count: pin.length })}
        >
          {pin.length ? '•'.repeat(pin.length) : ' '}
        </output>
        <p className="kiosk-pin-result" role="alert">
          {result === 'checking' && t('kiosk.pin.checking')}
          {result === 'wrong' && t('kiosk.pin.wrong')}
          {result === 'locked' &&
            t('kiosk.pin.locked', { minutes: Math.max(1, Math.ceil((lockedUntil - Date.now()) / 60_000)) })}
        </p>
        <div className="kiosk-pin-keys">
          {KEYS.map((k) => (
            <button key={k} type="button" className="btn" onClick={() => type(k)}>
              {k}
            </button>
          ))}
          <button
            type="button"
            className="btn"
            onClick={() => setPin((p) => p.slice(0, -1))}
            aria-label={t('kiosk.pin.delete')}
          >
            ⌫
          </button>
          <button type="button" className="btn" onClick={() => type('0')}>
            0
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => submit(pin)}
            disabled={!pin || result === 'checking'}
          >
            {t('kiosk.pin.ok')}
          </button>
        </div>
      </>
    )
  }
}
