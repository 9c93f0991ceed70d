import { lazy, Suspense, useRef } from 'react'
import { assetUrl, modelUrls } from '../../core/content/urls'
import { useApp } from '../../state/app-context'
import { selectActions, selectStop } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { modelErrorMessage } from './model-message'
import { PosterStage } from './PosterStage'
import { StageBoundary } from './StageBoundary'

const BASE = import.meta.env.BASE_URL

// three.js and R3F load only for the 3D view: the 2D tour (no WebGL, or by choice) never pays for them.
const Stage = lazy(() => import('./Stage'))

/**
 * What the 3D view is doing while the site arrives: the stop's poster with a progress bar until
 * anything can be drawn, then a slim bar while the full-detail model replaces the proxy; a clear
 * message (and a retry) when the model cannot be loaded.
 */
export function ModelStatus() {
  const { t, loc, lang } = useT()
  const stop = useApp(selectStop)
  const { full, proxy } = stop ? modelUrls(BASE, stop) : { full: '', proxy: null }
  const load = useApp((s) => s.models[full])
  const proxyShown = useApp((s) => (proxy ? s.models[proxy]?.status === 'loaded' : false))
  const actions = useApp(selectActions)
  if (!stop || load?.status === 'loaded') return null
  if (load?.status === 'error') {
    const { reason, key, vars, retry } = modelErrorMessage(load, lang)
    return (
      <div className="stage-message" role="alert" data-testid="model-error" data-reason={reason}>
        {/* With the proxy on screen, the visitor still sees the site: say what is missing. */}
        {proxyShown && <p>{t('tour.modelErrorProxy')}</p>}
        <p>{t(key, vars)}</p>
        {retry && (
          <button type="button" className="btn" onClick={() => actions.retryModel(full)}>
            {t('tour.retry')}
          </button>
        )}
      </div>
    )
  }
  // Until the 3D code has started the model's download there is no percentage to give: the bar
  // is indeterminate ("preparing") rather than a 0% that does not move.
  const percent = load ? Math.round(load.progress * 100) : undefined
  const label = percent === undefined ? t('tour.preparingModel') : t('tour.loadingModel', { percent })
  if (proxyShown)
    return (
      <div className="stage-progress-strip">
        <progress max={100} value={percent} aria-label={label} data-testid="model-progress" />
      </div>
    )
  return (
    <>
      {stop.poster && (
        // The largest thing on screen until the site is drawn: ahead of the 3D code downloading.
        <img
          className="stage-poster"
          src={assetUrl(BASE, stop.poster)}
          alt=""
          aria-hidden="true"
          fetchPriority="high"
        />
      )}
      <div className="stage-message stage-loading" data-testid="model-loading">
        <label htmlFor="model-progress">{label}</label>
        <progress id="model-progress" max={100} value={percent} data-testid="model-progress" />
        <p className="visually-hidden">{loc(stop.title)}</p>
      </div>
    </>
  )
}

/** The 3D view lost its GPU context (being restored) or has none at all. */
export function WebglStatus() {
  const { t } = useT()
  const webgl = useApp((s) => s.webgl)
  if (webgl === 'ok') return null
  return (
    <div
      className="stage-message"
      role={webgl === 'lost' ? 'status' : 'alert'}
      data-testid="webgl-status"
      data-state={webgl}
    >
      <p>{t(webgl === 'lost' ? 'webgl.lost' : 'webgl.unavailable')}</p>
    </div>
  )
}

/**
 * The site: the focusable 3D view (its own keys; described by the page's `#stop-description`) with
 * the model's loading status and the motion notice, or the stop's poster in the 2D tour. The tour
 * page and the embed both show it.
 */
export function StageView() {
  const { t, loc } = useT()
  const stop = useApp(selectStop)
  const view = useApp((s) => s.settings.view)
  const stageRef = useRef<HTMLDivElement>(null)
  if (view !== '3d') return <PosterStage />
  return (
    <>
      <div
        ref={stageRef}
        className="stage-focus"
        tabIndex={0}
        role="application"
        aria-roledescription={t('tour.viewRole')}
        aria-label={stop ? t('tour.canvasLabel', { stop: loc(stop.title) }) : ''}
        aria-describedby="stop-description"
      >
        <StageBoundary>
          <Suspense fallback={null}>
            <Stage keyTarget={stageRef} />
          </Suspense>
        </StageBoundary>
      </div>
      <ModelStatus />
      <MotionBanner />
    </>
  )
}

/** While the phone's movement turns the view, a clear way back to touch. */
export function MotionBanner() {
  const { t } = useT()
  const on = useApp((s) => s.settings.motionControl)
  const actions = useApp(selectActions)
  if (!on) return null
  return (
    <div className="motion-banner">
      <span>{t('motion.active')}</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => actions.setSettings({ motionControl: false })}
      >
        {t('motion.stop')}
      </button>
    </div>
  )
}
