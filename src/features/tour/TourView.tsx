import { lazy, Suspense, useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { assetUrl } from '../../core/content/catalog'
import { DiagnosticsOverlay } from '../diagnostics/DiagnosticsOverlay'
import { diagnosticsEnabled } from '../diagnostics/diagnostics'
import { VrEntry } from '../../modes/xr/VrEntry'
import { UI_LANGUAGES } from '../../core/i18n/i18n'
import { useT } from '../../state/use-t'
import { NarrationAudio } from '../narration/NarrationAudio'
import { PosterStage } from '../stage/PosterStage'
import { StageBoundary } from '../stage/StageBoundary'
import { webglAvailable } from '../../core/boot/webgl'
import { appStore, useApp } from '../../state/app-store'
import { selectActions, selectHotspot, selectProgress, selectStop, selectTour } from '../../state/selectors'
import { Captions } from '../narration/Captions'
import { HotspotList } from '../hotspots/HotspotList'
import { HotspotPanel } from '../hotspots/HotspotPanel'
import { shortcutFor } from '../help/shortcuts'

const BASE = import.meta.env.BASE_URL

const HAS_WEBGL = webglAvailable()

// three.js and R3F load only for the 3D view: the 2D tour (no WebGL, or by choice) never pays for them.
const Stage = lazy(() => import('../stage/Stage'))

/** The visitor's message for each reason a model is not shown (scene/model-limits.ts). */
const MODEL_ERRORS = {
  unavailable: { key: 'tour.modelError', retry: true },
  network: { key: 'tour.modelError.network', retry: true },
  corrupt: { key: 'tour.modelError.corrupt', retry: false },
  'too-large': { key: 'tour.modelError.tooLarge', retry: false },
  'too-complex': { key: 'tour.modelError.tooComplex', retry: false },
  'texture-too-large': { key: 'tour.modelError.textureTooLarge', retry: false },
} as const

/**
 * What the 3D view is doing while the site arrives: the stop's poster with a progress bar until
 * anything can be drawn, then a slim bar while the full-detail model replaces the proxy; a clear
 * message (and a retry) when the model cannot be loaded.
 */
export function ModelStatus() {
  const { t, loc, lang } = useT()
  const stop = useApp(selectStop)
  const full = stop ? assetUrl(BASE, stop.model.src) : ''
  const proxy = stop?.model.proxy ? assetUrl(BASE, stop.model.proxy) : ''
  const load = useApp((s) => s.models[full])
  const proxyShown = useApp((s) => (proxy ? s.models[proxy]?.status === 'loaded' : false))
  const actions = useApp(selectActions)
  if (!stop || load?.status === 'loaded') return null
  if (load?.status === 'error') {
    const reason = load.reason ?? 'unavailable'
    const { key, retry } = MODEL_ERRORS[reason]
    const number = new Intl.NumberFormat(lang)
    const vars = Object.fromEntries(Object.entries(load.vars ?? {}).map(([k, v]) => [k, number.format(v)]))
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
        <img className="stage-poster" src={assetUrl(BASE, stop.poster)} alt="" aria-hidden="true" />
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
function WebglStatus() {
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

/** While the phone's movement turns the view, a clear way back to touch. */
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

/** Offered to everyone: the 2D tour is a full tour, not a fallback reserved for old devices. */
function ViewSwitch() {
  const { t } = useT()
  const view = useApp((s) => s.settings.view)
  const actions = useApp(selectActions)
  if (view === '2d' && !HAS_WEBGL) return null
  return (
    <p className="view-switch">
      <button
        type="button"
        className="btn btn-small"
        onClick={() => actions.setSettings({ view: view === '3d' ? '2d' : '3d' })}
      >
        {view === '3d' ? t('flat.switchTo2d') : t('flat.switchTo3d')}
      </button>
    </p>
  )
}

export function useTourShortcuts(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, dialog, [contenteditable="true"]')) return
      const action = shortcutFor(e.key)
      if (!action) return
      const { actions, engine, dialog } = appStore.getState()
      if (dialog) return
      switch (action) {
        case 'nextStop':
          actions.nextStop()
          break
        case 'previousStop':
          actions.previousStop()
          break
        case 'nextHotspot':
          actions.stepHotspot(1)
          break
        case 'previousHotspot':
          actions.stepHotspot(-1)
          break
        case 'toggleNarration':
          if (!engine.hotspotId) return
          actions.toggleNarration()
          break
        case 'resetView':
          actions.resetView()
          break
        case 'switchLanguage': {
          const i = UI_LANGUAGES.indexOf(engine.language)
          actions.setLanguage(UI_LANGUAGES[(i + 1) % UI_LANGUAGES.length]!)
          break
        }
        case 'close':
          if (!engine.hotspotId) return
          actions.closeHotspot()
          break
        case 'help':
          actions.openDialog('help')
          break
      }
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}

export default function TourView({ hidden }: { hidden: boolean }) {
  const { t, loc } = useT()
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const hotspot = useApp(selectHotspot)
  const stopIndex = useApp((s) => s.engine.stopIndex)
  const progress = useApp(useShallow(selectProgress))
  const actions = useApp(selectActions)
  const view = useApp((s) => s.settings.view)
  const headingRef = useRef<HTMLHeadingElement>(null)
  useTourShortcuts(!hidden)

  // Moving to another stop puts focus on its heading, so keyboard and screen-reader users land
  // at the start of the new stop.
  const stopKey = `${tour?.id}/${stop?.id}`
  const firstStop = useRef(true)
  useEffect(() => {
    if (firstStop.current) {
      firstStop.current = false
      return
    }
    headingRef.current?.focus()
  }, [stopKey])

  return (
    <div className="tour-view" hidden={hidden}>
      <div className="stage" data-testid="stage">
        <StageView />
        {view === '3d' && <WebglStatus />}
        <Captions />
        {diagnosticsEnabled() && <DiagnosticsOverlay />}
      </div>
      {tour && stop && (
        <aside className="sidebar" aria-labelledby="stop-title">
          <nav className="stop-nav" aria-label={loc(tour.title)}>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => actions.closeTour()}>
              ← {t('tour.back')}
            </button>
            {/* A tour of one stop has nowhere to step to, and its name is the stop's heading below:
                no stepper (rather than two dead buttons), and the name only if it says more. */}
            {(tour.stops.length > 1 || loc(tour.title) !== loc(stop.title)) && (
              <p className="tour-name">{loc(tour.title)}</p>
            )}
            {tour.stops.length > 1 && (
              <div className="stop-stepper">
                <button
                  type="button"
                  className="btn"
                  onClick={() => actions.previousStop()}
                  disabled={stopIndex === 0}
                >
                  {t('tour.previousStop')}
                </button>
                <span className="stop-count">
                  {t('tour.stopOf', { index: stopIndex + 1, count: tour.stops.length })}
                </span>
                <button
                  type="button"
                  className="btn"
                  onClick={() => actions.nextStop()}
                  disabled={stopIndex === tour.stops.length - 1}
                >
                  {t('tour.nextStop')}
                </button>
              </div>
            )}
          </nav>
          <VrEntry placement="top" />
          <h1 id="stop-title" ref={headingRef} tabIndex={-1}>
            {loc(stop.title)}
          </h1>
          <p className="stop-place">{loc(stop.place)}</p>
          <details className="stop-description">
            <summary>{t('tour.viewDescription')}</summary>
            <p id="stop-description">{loc(stop.description)}</p>
          </details>
          {hotspot && <HotspotPanel key={hotspot.id} />}
          <HotspotList />
          {progress && (
            <p className="progress" aria-live="polite">
              {progress.complete
                ? t('tour.complete')
                : t('tour.progress', { visited: progress.hotspotsVisited, total: progress.hotspotsTotal })}
            </p>
          )}
          <ViewSwitch />
          <VrEntry placement="bottom" />
          <p className="credits">
            {t('tour.credits', { credits: loc(stop.model.credits), licence: stop.model.licence })}
          </p>
        </aside>
      )}
      <NarrationAudio />
    </div>
  )
}
