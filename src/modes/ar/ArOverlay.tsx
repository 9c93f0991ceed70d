import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react'
import { useStore } from 'zustand'
import { useApp } from '../../state/app-context'
import { selectActions, selectHotspot, selectStop, selectTour } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { useArRuntime, useTabletop } from './ar-context'
import { arLive, markerAt } from './ar-live'
import { pairChange, scaleRatio, TABLETOP, type Pair } from './placement'

/** Pointer travel (px) above which a touch is a gesture, not a tap. */
const TAP_SLOP_PX = 10

/**
 * Over the camera view on a phone (the browser's DOM overlay): what to do next, the miniature's
 * controls (resize, turn, move), the stop with previous / next, and the open story with its
 * narration and captions: the page's own panel and captions, in the visitor's language. A tap on
 * the view places the site, then opens the story whose marker is under the finger; two fingers
 * pinch to resize and twist to turn.
 */
export function ArOverlay() {
  const { t, loc, lang } = useT()
  const runtime = useArRuntime()
  const { StoryPanel, Captions } = useTabletop().options.ui
  const presenting = useApp((s) => s.immersive)
  const session = useStore(runtime.xrStore, (s) => (s.mode === 'immersive-ar' ? s.session : undefined))
  const { placed, surfaceFound, scale, range, overlay, actions } = useStore(runtime.tabletop)
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const hotspot = useApp(selectHotspot)
  const stopIndex = useApp((s) => s.engine.stopIndex)
  const app = useApp(selectActions)
  const pointers = useRef(new Map<number, { x: number; y: number; x0: number; y0: number }>())
  const pinch = useRef<{ start: Pair; scale: number; yaw: number } | null>(null)
  const ui = useRef<HTMLDivElement>(null)

  // Touches on the overlay's own controls are not taps on the scene: no XR select for them.
  useEffect(() => {
    const el = ui.current
    if (!el) return
    const stopSelect = (e: Event) => e.preventDefault()
    el.addEventListener('beforexrselect', stopSelect)
    return () => el.removeEventListener('beforexrselect', stopSelect)
  }, [session])

  // Without a DOM overlay (a headset) nothing here is seen: the story shows in the world (ArPanels).
  if (!presenting || !session || !overlay) return null

  const pair = (): Pair | null => {
    const [a, b] = [...pointers.current.values()]
    return a && b ? { ax: a.x, ay: a.y, bx: b.x, by: b.y } : null
  }
  const onDown = (e: ReactPointerEvent) => {
    if (e.target !== e.currentTarget) return
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY })
    const p = pair()
    if (p && pointers.current.size === 2) {
      const s = runtime.tabletop.getState()
      pinch.current = { start: p, scale: s.scale, yaw: s.yaw }
    }
  }
  const onMove = (e: ReactPointerEvent) => {
    const p = pointers.current.get(e.pointerId)
    if (!p) return
    p.x = e.clientX
    p.y = e.clientY
    const now = pair()
    if (pinch.current && now) {
      const { ratio, turn } = pairChange(pinch.current.start, now)
      actions.setScale(pinch.current.scale * ratio)
      actions.setYaw(pinch.current.yaw - turn)
    }
  }
  const onUp = (e: ReactPointerEvent) => {
    const p = pointers.current.get(e.pointerId)
    pointers.current.delete(e.pointerId)
    if (!p) return
    const wasPinch = pinch.current !== null
    if (pointers.current.size < 2) pinch.current = null
    if (wasPinch || Math.hypot(p.x - p.x0, p.y - p.y0) > TAP_SLOP_PX) return
    const s = runtime.tabletop.getState()
    if (!s.placed) {
      if (s.surfaceFound) s.actions.place([...arLive.reticle])
      return
    }
    const id = markerAt(e.clientX, e.clientY)
    if (id) app.openHotspot(id)
  }

  const hint = !placed ? (surfaceFound ? 'ar.tapToPlace' : 'ar.findSurface') : 'ar.placed'
  const ratio = scaleRatio(scale)
  return (
    <div
      className="ar-overlay"
      data-testid="ar-view"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
    >
      <div className="ar-ui" ref={ui}>
        <div className="ar-top">
          <p className="ar-hint" role="status" data-testid="ar-hint">
            {t(hint)}
          </p>
          <button type="button" className="btn btn-primary" onClick={() => runtime.exitAR()}>
            {t('ar.exit')}
          </button>
        </div>
        {hotspot && (
          <div className="ar-story">
            <StoryPanel key={hotspot.id} />
          </div>
        )}
        <div className="ar-bottom">
          {placed && (
            <div className="ar-controls" role="group" aria-label={t('ar.controls')}>
              <button
                type="button"
                className="btn btn-small"
                disabled={scale <= range.min * 1.001}
                onClick={() => actions.scaleBy(1 / TABLETOP.buttonFactor)}
              >
                {t('ar.smaller')}
              </button>
              <span className="ar-scale" data-testid="ar-scale">
                {ratio === 1 ? t('ar.trueSize') : t('ar.scale', { ratio: ratio.toLocaleString(lang) })}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={scale >= range.max * 0.999}
                onClick={() => actions.scaleBy(TABLETOP.buttonFactor)}
              >
                {t('ar.larger')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => actions.turnBy(TABLETOP.buttonTurn)}
              >
                {t('ar.turnLeft')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => actions.turnBy(-TABLETOP.buttonTurn)}
              >
                {t('ar.turnRight')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => actions.unplace()}>
                {t('ar.move')}
              </button>
            </div>
          )}
          {tour && stop && (
            <nav className="ar-stops" aria-label={loc(tour.title)}>
              {tour.stops.length > 1 && (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={stopIndex === 0}
                  onClick={() => app.previousStop()}
                >
                  {t('tour.previousStop')}
                </button>
              )}
              <span className="ar-stop-title">{loc(stop.title)}</span>
              {tour.stops.length > 1 && (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={stopIndex === tour.stops.length - 1}
                  onClick={() => app.nextStop()}
                >
                  {t('tour.nextStop')}
                </button>
              )}
            </nav>
          )}
          <Captions />
        </div>
      </div>
    </div>
  )
}
