import { createPortal } from 'react-dom'
import { useApp } from '../../state/app-context'
import { useT } from '../../state/use-t'
import { useArMode } from './ar-context'
import { ArOverlay } from './ArOverlay'
import './ar.css'

/**
 * "View on a table" (loaded by ArSlot only) where this browser can place the site on a surface (WebXR immersive-ar with
 * hit-test; the session starts from this click), and, while a session runs, the overlay over the
 * camera view (the story, captions, the miniature's controls). Nothing where AR is not available.
 */
export default function ArEntry() {
  const { t } = useT()
  const support = useArMode((s) => s.support)
  const ready = useArMode((s) => s.ready)
  const runtime = useArMode((s) => s.runtime)
  const presenting = useApp((s) => s.immersive)
  if (support !== 'webxr' || !runtime) return null
  return (
    <div className="ar-entry">
      <button
        type="button"
        className="btn"
        disabled={!ready || presenting}
        onClick={() => void runtime.enterAR()}
        data-testid="ar-enter"
      >
        {t('ar.enter')}
      </button>
      <p className="vr-hint">{t('ar.hint')}</p>
      {createPortal(<ArOverlay />, runtime.overlayRoot)}
    </div>
  )
}
