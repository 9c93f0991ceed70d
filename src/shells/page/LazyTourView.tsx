import { Component, lazy, Suspense, type ReactNode } from 'react'
import { useT } from '../../state/use-t'
import { appStore } from '../../state/app-store'

// The 3D code (three.js, R3F) is loaded only when a tour opens: the landing page stays light.
const TourView = lazy(() => import('../../features/tour/TourView'))

/**
 * The tour's code did not arrive (the network dropped, or the file failed its integrity check):
 * say so, offer a reload (a failed module stays failed for the page's life) and the way back to
 * the tours, instead of an empty page.
 */
function LoadError({ hidden }: { hidden: boolean }) {
  const { t } = useT()
  return (
    <div className="load-error" role="alert" data-testid="tour-load-error" hidden={hidden}>
      <p>{t('tour.loadError')}</p>
      <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
        {t('tour.retry')}
      </button>{' '}
      <button type="button" className="btn" onClick={() => appStore.getState().actions.closeTour()}>
        {t('tour.back')}
      </button>
    </div>
  )
}

class ChunkBoundary extends Component<{ hidden: boolean; children: ReactNode }, { failed: boolean }> {
  state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  render() {
    return this.state.failed ? <LoadError hidden={this.props.hidden} /> : this.props.children
  }
}

/** The tour view, loaded on first use, with its loading and failure states. */
export function LazyTourView({ hidden }: { hidden: boolean }) {
  const { t } = useT()
  return (
    <ChunkBoundary hidden={hidden}>
      <Suspense fallback={<p className="loading">{t('landing.loading')}</p>}>
        <TourView hidden={hidden} />
      </Suspense>
    </ChunkBoundary>
  )
}
