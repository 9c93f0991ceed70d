import { useState } from 'react'
import { formatJoinCode } from '../../core/live/join-code'
import { Dialog } from '../../features/chrome/Dialog'
import { QrCode } from '../../features/share/QrCode'
import { useT } from '../../state/use-t'
import { useLive, useLiveSession } from './live-context'

/**
 * The join code for the room: the code in letters large enough to read from the back, the QR code
 * of the join link and the link itself. Shown full screen by the guide (projector, tablet held up).
 */
export function JoinCodeCard() {
  const { t } = useT()
  const live = useLiveSession()
  const code = useLive((s) => s.code)
  const open = useLive((s) => s.showCode)
  const [copied, setCopied] = useState(false)
  if (!code) return null
  const link = live.link()
  return (
    <Dialog
      open={open}
      onClose={() => live.store.getState().actions.setShowCode(false)}
      title={t('live.codeTitle')}
      id="live-code"
    >
      <div className="live-code-card">
        <p className="live-code-big" data-testid="live-code-text">
          {formatJoinCode(code)}
        </p>
        <QrCode text={link} label={t('live.qrLabel')} className="live-qr" />
        <p className="live-code-hint">{t('live.codeHint', { host: new URL(link).host })}</p>
        <p className="live-link">
          <code data-testid="live-link">{link}</code>
        </p>
        <p className="live-actions">
          <button
            type="button"
            className="btn"
            onClick={() =>
              void navigator.clipboard?.writeText(link).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('live.copied') : t('live.copyLink')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => live.store.getState().actions.setShowCode(false)}
          >
            {t('live.close')}
          </button>
        </p>
      </div>
    </Dialog>
  )
}
