import { Component, lazy, Suspense, type ReactNode } from 'react'
import type { ShellSlots } from './PageTour'
import type { Headset } from '../../modes/xr/headset-store'
import { useAppStore } from '../../state/app-context'
import { useT } from '../../state/use-t'
import { TourSkeleton } from '../../features/tour/TourSkeleton'

// The tour's code (and the 3D code, three.js and R3F) is loaded only when a tour opens: the
// landing page stays light.
const PageTour = lazy(() => import('./PageTour'))

/**
 * The tour's code did not arrive (the network dropped, or the file failed its integrity check):
 * say so, offer a reload (a failed module stays failed for the page's life) and the way back to
 * the tours, instead of an empty page.
 */
function LoadError({ hidden }: { hidden: boolean }) {
  const { t } = useT()
  const store = useAppStore()
  return (
    <div className="load-error" role="alert" data-testid="tour-load-error" hidden={hidden}>
      <p>{t('tour.loadError')}</p>
      <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
        {t('tour.retry')}
      </button>{' '}
      <button type="button" className="btn" onClick={() => store.getState().actions.closeTour()}>
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
export function LazyTourView(props: { hidden: boolean; slots?: ShellSlots; headset?: Headset }) {
  return (
    <ChunkBoundary hidden={props.hidden}>
      {/* While the code arrives, the tour's frame at its final size (nothing moves when it comes). */}
      <Suspense fallback={props.hidden ? null : <TourSkeleton />}>
        <PageTour {...props} />
      </Suspense>
    </ChunkBoundary>
  )
}
