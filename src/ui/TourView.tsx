import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { assetUrl } from '../content/catalog'
import { DiagnosticsOverlay } from '../diagnostics/DiagnosticsOverlay'
import { diagnosticsEnabled } from '../diagnostics/diagnostics'
import { VrEntry } from '../modes/xr/VrEntry'
import { UI_LANGUAGES } from '../i18n/i18n'
import { useT } from '../i18n/use-t'
import { NarrationAudio } from '../narration/NarrationAudio'
import { Stage } from '../scene/Stage'
import { appStore, useApp } from '../store/app-store'
import { selectActions, selectHotspot, selectProgress, selectStop, selectTour } from '../store/selectors'
import { Captions } from './Captions'
import { HotspotList } from './HotspotList'
import { HotspotPanel } from './HotspotPanel'
import { shortcutFor } from './shortcuts'

const BASE = import.meta.env.BASE_URL

function ModelStatus() {
  const { t } = useT()
  const stop = useApp(selectStop)
  const url = stop ? assetUrl(BASE, stop.model.src) : ''
  const load = useApp((s) => s.models[url])
  const actions = useApp(selectActions)
  if (!stop || !load || load.status === 'loaded') return null
  if (load.status === 'error')
    return (
      <div className="stage-message" role="alert" data-testid="model-error">
        <p>{t('tour.modelError')}</p>
        <button type="button" className="btn" onClick={() => actions.retryModel(url)}>
          {t('tour.retry')}
        </button>
      </div>
    )
  const percent = Math.round(load.progress * 100)
  return (
    <div className="stage-message stage-loading">
      <label htmlFor="model-progress">{t('tour.loadingModel', { percent })}</label>
      <progress id="model-progress" max={100} value={percent} />
    </div>
  )
}

function useTourShortcuts(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, dialog, [contenteditable="true"]')) return
      const action = shortcutFor(e.key)
      if (!action) return
      const { actions, engine, helpOpen } = appStore.getState()
      if (helpOpen) return
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
          actions.setHelpOpen(true)
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
  const stageRef = useRef<HTMLDivElement>(null)
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
        <div
          ref={stageRef}
          className="stage-focus"
          tabIndex={0}
          role="application"
          aria-roledescription={t('tour.viewDescription')}
          aria-label={stop ? t('tour.canvasLabel', { stop: loc(stop.title) }) : ''}
          aria-describedby="stop-description"
        >
          <Stage keyTarget={stageRef} label={stop ? loc(stop.title) : ''} />
        </div>
        <ModelStatus />
        <Captions />
        {diagnosticsEnabled() && <DiagnosticsOverlay />}
      </div>
      {tour && stop && (
        <aside className="sidebar" aria-labelledby="stop-title">
          <nav className="stop-nav" aria-label={loc(tour.title)}>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => actions.closeTour()}>
              ← {t('tour.back')}
            </button>
            <p className="tour-name">{loc(tour.title)}</p>
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
          </nav>
          <VrEntry />
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
          <p className="credits">
            {t('tour.credits', { credits: stop.model.credits, licence: stop.model.licence })}
          </p>
        </aside>
      )}
      <NarrationAudio />
    </div>
  )
}
