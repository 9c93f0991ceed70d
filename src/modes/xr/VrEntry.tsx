import { useEffect } from 'react'
import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { useHeadset, useXrMode } from './headset-context'

/**
 * Whether this browser can enter VR (found out once, loading the headset runtime only where it
 * can), and the click that enters: WebXR starts a session only from the visitor's gesture.
 */
export function useEnterVr() {
  const support = useXrMode((s) => s.support)
  const ready = useXrMode((s) => s.ready)
  const runtime = useXrMode((s) => s.runtime)
  const presenting = useApp((s) => s.immersive)
  const { detect } = useHeadset()
  useEffect(() => {
    void detect()
  }, [detect])
  return { support, disabled: !ready || !runtime || presenting, enter: () => void runtime?.enterVR() }
}

/**
 * "Enter VR" where the browser can (the session starts from this click), and elsewhere a line, in
 * the visitor's language, on how to visit in VR. The button belongs at the top of the stop, where a
 * visitor in a headset's browser looks for it; the explanation, useful to few, below the stories,
 * so the stop's title comes first: `placement` says which of the two this spot shows.
 */
export function VrEntry({ placement }: { placement: 'top' | 'bottom' }) {
  const { t } = useT()
  const { support, disabled, enter } = useEnterVr()
  if (support === 'checking') return null
  if (support === 'supported')
    return placement === 'top' ? (
      <div className="vr-entry">
        <button type="button" className="btn btn-primary" disabled={disabled} onClick={enter}>
          {t('vr.enter')}
        </button>
        <p className="vr-hint">{t('vr.hint')}</p>
      </div>
    ) : null
  if (placement === 'top') return null
  return (
    <p className="vr-entry vr-hint" data-testid="vr-unavailable">
      {t(support === 'insecure' ? 'vr.insecure' : 'vr.unsupported')}
    </p>
  )
}
