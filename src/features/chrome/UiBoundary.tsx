import {
  Component,
  createContext,
  Fragment,
  useEffect,
  useState,
  type ContextType,
  type ReactNode,
} from 'react'
import { useT } from '../../state/use-t'

/**
 * Who hears of a render error in the page's interface: the kiosk's healing (its visit starts over,
 * and repeated errors reload it); elsewhere nobody but the console.
 */
export const UiFaultContext = createContext<((error: Error) => void) | null>(null)

/** A region that fails again this soon after being drawn again is not drawn again by itself. */
export const UI_RETRY_MS = 1000

function RegionFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useT()
  return (
    <p className="ui-region-failed" role="alert">
      {t('ui.regionFailed')}{' '}
      <button type="button" className="btn btn-small" onClick={onRetry}>
        {t('tour.retry')}
      </button>
    </p>
  )
}

/**
 * Around one region of the page's interface (the header, a dialog, the tour's sidebar, a kiosk
 * screen): a render error there draws that region again and leaves the rest of the page, the 3D
 * view above all, mounted. Remounting the whole app for it would make a new <canvas> and WebGL
 * context each time (Chromium drops the oldest past 16) and blank the view. A region failing again
 * at once (within UI_RETRY_MS) shows a short message with "Try again" instead of looping.
 */
export class UiBoundary extends Component<
  { region: string; children: ReactNode },
  { generation: number; error: Error | null; stuck: boolean }
> {
  static contextType = UiFaultContext
  declare context: ContextType<typeof UiFaultContext>
  state = { generation: 0, error: null as Error | null, stuck: false }
  private recoveredAt = -Infinity
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  componentDidCatch(error: Error) {
    console.warn(`The page's ${this.props.region} failed and is drawn again:`, error.message)
    this.context?.(error)
    const stuck = performance.now() - this.recoveredAt < UI_RETRY_MS
    if (!stuck) this.recoveredAt = performance.now()
    this.setState((s) => ({ generation: s.generation + 1, error: null, stuck }))
  }
  private retry = () => {
    this.recoveredAt = performance.now()
    this.setState((s) => ({ generation: s.generation + 1, stuck: false }))
  }
  render() {
    const { error, generation, stuck } = this.state
    if (error) return null
    if (stuck) return <RegionFailed onRetry={this.retry} />
    return <Fragment key={generation}>{this.props.children}</Fragment>
  }
}

/** The event `?diagnostics=1` pages listen for to break a region of their interface once. */
export const UI_FAULT_EVENT = 'portage:diagnostics-ui-fault'

/**
 * `?diagnostics=1` only, inside one region (the tour's sidebar): a render error on demand, so the
 * recovery above can be seen and tested on the shipped build. Nothing is put on `window`.
 */
export function UiFault() {
  const [broken, setBroken] = useState(false)
  useEffect(() => {
    const onFault = () => setBroken(true)
    window.addEventListener(UI_FAULT_EVENT, onFault)
    return () => window.removeEventListener(UI_FAULT_EVENT, onFault)
  }, [])
  if (broken) throw new Error('diagnostics: a render error in the page, on request')
  return null
}
