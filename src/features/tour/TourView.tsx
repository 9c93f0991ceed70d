import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { UI_LANGUAGES } from '../../core/i18n/i18n'
import { useApp, useAppStore, useBoot } from '../../state/app-context'
import { selectActions, selectHotspot, selectProgress, selectStop, selectTour } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { DiagnosticsOverlay } from '../diagnostics/DiagnosticsOverlay'
import { shortcutFor } from '../help/shortcuts'
import { HotspotList } from '../hotspots/HotspotList'
import { HotspotPanel } from '../hotspots/HotspotPanel'
import { Captions } from '../narration/Captions'
import { NarrationAudio } from '../narration/NarrationAudio'
import { useSlots } from '../slots/slots'
import { StageView, WebglStatus } from '../stage/StageView'
import { UiBoundary, UiFault } from '../chrome/UiBoundary'

/** Offered to everyone: the 2D tour is a full tour, not a fallback reserved for old devices. */
function ViewSwitch() {
  const { t } = useT()
  const view = useApp((s) => s.settings.view)
  const webgl = useApp((s) => s.webgl !== 'unavailable')
  const actions = useApp(selectActions)
  if (view === '2d' && !webgl) return null
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
  const store = useAppStore()
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, dialog, [contenteditable="true"]')) return
      const action = shortcutFor(e.key)
      if (!action) return
      const { actions, engine, dialog } = store.getState()
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
  }, [enabled, store])
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
  const { diagnostics } = useBoot()
  const { sidebarTop, sidebarBottom } = useSlots()
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
        {/* The 3D view keeps its own boundaries (StageBoundary, SceneBoundary): the regions of
            the interface around it recover on their own, and never take the canvas with them. */}
        <StageView />
        <UiBoundary region="stage's captions and status">
          {view === '3d' && <WebglStatus />}
          <Captions />
          {diagnostics && <DiagnosticsOverlay />}
        </UiBoundary>
      </div>
      {tour && stop && (
        <UiBoundary region="sidebar">
          <aside className="sidebar" aria-labelledby="stop-title">
            {diagnostics && <UiFault />}
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
            {sidebarTop}
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
            {sidebarBottom}
            <p className="credits">
              {t('tour.credits', { credits: loc(stop.model.credits), licence: stop.model.licence })}
            </p>
          </aside>
        </UiBoundary>
      )}
      <UiBoundary region="narration">
        <NarrationAudio />
      </UiBoundary>
    </div>
  )
}
