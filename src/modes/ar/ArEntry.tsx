import { createPortal } from 'react-dom'
import { useApp } from '../../state/app-context'
import { useT } from '../../state/use-t'
import { useArMode } from './ar-context'
import { ArOverlay } from './ArOverlay'
import type { ArEntryRender } from './tabletop-store'
import './ar.css'

/**
 * "View on a table" (loaded by ArSlot only) where this browser can place the site on a surface (WebXR immersive-ar with
 * hit-test; the session starts from this click), and, while a session runs, the overlay over the
 * camera view (the story, captions, the miniature's controls). Nothing where AR is not available.
 * A shell with a look of its own for the button (the embed's bar) passes `render`.
 */
export default function ArEntry({ render }: { render?: ArEntryRender }) {
  const { t } = useT()
  const support = useArMode((s) => s.support)
  const ready = useArMode((s) => s.ready)
  const runtime = useArMode((s) => s.runtime)
  const presenting = useApp((s) => s.immersive)
  if (support !== 'webxr' || !runtime) return null
  const overlay = createPortal(<ArOverlay />, runtime.overlayRoot)
  const enter = () => void runtime.enterAR()
  if (render)
    return (
      <>
        {render({ label: t('ar.enter'), onClick: enter, disabled: !ready || presenting })}
        {overlay}
      </>
    )
  return (
    <div className="ar-entry">
      <button
        type="button"
        className="btn"
        disabled={!ready || presenting}
        onClick={enter}
        data-testid="ar-enter"
      >
        {t('ar.enter')}
      </button>
      <p className="vr-hint">{t('ar.hint')}</p>
      {overlay}
    </div>
  )
}
