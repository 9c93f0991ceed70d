/**
 * The 3D view with its tools: select/move, place a hotspot (with the stand-off distance), draw a
 * walkable area; "use this view" for the start viewpoint, a new viewpoint or the selected hotspot's
 * close-up; the poster from this view; and the live checks of the start view.
 */
import { Canvas } from '@react-three/fiber'
import { XR, type XRStore } from '@react-three/xr'
import { Suspense, useEffect, useId, useState } from 'react'
import { modelUrls } from '../../../src/core/content/urls'
import { api } from '../api/api'
import { insertCommand, setCommand } from '../edits/patch'
import { num } from '../i18n/i18n'
import { useApply, useEdits, useStoresRaw, useT, useUi } from '../state/context'
import type { Tool } from '../state/ui-store'
import { createStudioXrStore, installEmulator } from '../headset/headset'
import { newArea, newViewpoint } from './placing'
import { StudioScene } from './StudioScene'

const TOOLS: { id: Tool; key: 'view.tool.select' | 'view.tool.place' | 'view.tool.area' }[] = [
  { id: 'select', key: 'view.tool.select' },
  { id: 'place', key: 'view.tool.place' },
  { id: 'area', key: 'view.tool.area' },
]

export function Viewport() {
  const t = useT()
  const { ui } = useStoresRaw()
  const apply = useApply()
  const lang = useUi((s) => s.lang)
  const stopIndex = useUi((s) => s.stopIndex)
  const stop = useEdits((s) => s.tour?.stops[stopIndex])
  const tourId = useEdits((s) => s.tourId)
  const tool = useUi((s) => s.tool)
  const offset = useUi((s) => s.offset)
  const pending = useUi((s) => s.pendingArea)
  const selection = useUi((s) => s.selection)
  const offsetId = useId()
  const [target, setTarget] = useState<[number, number, number] | null>(null)
  const [posterNote, setPosterNote] = useState('')
  // The model is in view once the scene has given its camera probe.
  const ready = useUi((s) => s.camera !== null)
  const emulate = useUi((s) => s.emulate)
  const [xr, setXr] = useState<XRStore | null>(null)
  useEffect(() => {
    let live = true
    void (emulate ? installEmulator() : Promise.resolve()).then(() => {
      if (live) setXr(createStudioXrStore(emulate))
    })
    return () => {
      live = false
    }
  }, [emulate])
  const [vrError, setVrError] = useState('')
  const [inVr, setInVr] = useState(false)
  useEffect(() => xr?.subscribe((state) => setInVr(!!state.session)), [xr])

  // The point looked at, as numbers beside the view (the view shows it as a white dot).
  useEffect(() => {
    const timer = setInterval(() => setTarget(ui.getState().camera?.view().target ?? null), 300)
    return () => clearInterval(timer)
  }, [ui])

  if (!stop) return null
  const view = () => ui.getState().camera?.view()
  const sp = ['stops', stopIndex] as const
  const startIndex = stop.viewpoints.findIndex((v) => v.id === stop.startViewpoint)
  const hotspotIndex =
    selection?.kind === 'hotspot' ? stop.hotspots.findIndex((h) => h.id === selection.id) : -1

  const useForStart = () => {
    const v = view()
    if (v && startIndex >= 0)
      apply((tour) =>
        setCommand(
          tour,
          [...sp, 'viewpoints', startIndex],
          { ...stop.viewpoints[startIndex]!, ...v },
          'edit.view',
          performance.now(),
        ),
      )
  }
  const useForNew = () => {
    const v = view()
    if (!v) return
    const vp = newViewpoint(stop, v)
    apply((tour) => insertCommand(tour, [...sp, 'viewpoints'], vp, 'edit.view', performance.now()))
    ui.getState().set({ selection: { kind: 'viewpoint', id: vp.id } })
  }
  const useForHotspot = () => {
    const v = view()
    if (v && hotspotIndex >= 0)
      apply((tour) =>
        setCommand(tour, [...sp, 'hotspots', hotspotIndex, 'view'], v, 'edit.view', performance.now()),
      )
  }
  const finishArea = () => {
    const points = ui.getState().pendingArea
    if (points.length < 3) return
    apply((tour) =>
      insertCommand(tour, [...sp, 'walkableAreas'], newArea(stop, points), 'edit.area', performance.now()),
    )
    ui.getState().set({ pendingArea: [] })
  }
  const poster = async () => {
    const png = await ui.getState().camera?.posterPng()
    if (!png || !tourId) return
    try {
      const { poster } = await api.poster({ tour: tourId, stop: stop.id }, png)
      setPosterNote(t('view.posterDone', { path: poster }))
      if (stop.poster !== poster)
        apply((tour) => setCommand(tour, [...sp, 'poster'], poster, 'edit.add', performance.now()))
    } catch (e) {
      setPosterNote((e as Error).message)
    }
  }
  const { full } = modelUrls('/', stop)
  const hint =
    tool === 'place' ? t('view.hintPlace') : tool === 'area' ? t('view.hintArea') : t('view.hintSelect')
  return (
    <div className="viewport">
      <div className="toolbar" role="toolbar" aria-label={t('view.tools')}>
        <div role="radiogroup" aria-label={t('view.tools')} className="row">
          {TOOLS.map(({ id, key }) => (
            <button
              key={id}
              type="button"
              role="radio"
              aria-checked={tool === id}
              onClick={() => ui.getState().set({ tool: id, pendingArea: id === 'area' ? pending : [] })}
            >
              {t(key)}
            </button>
          ))}
        </div>
        <label htmlFor={offsetId} className="inline">
          {t('view.offset')}
          <input
            id={offsetId}
            type="number"
            min={0}
            max={20}
            step={0.01}
            value={offset}
            onChange={(e) => ui.getState().set({ offset: Math.max(0, Number(e.target.value) || 0) })}
          />
        </label>
      </div>
      <p className="hint" aria-live="polite">
        {hint}
      </p>
      <div className="canvas-frame" data-testid="studio-canvas" data-ready={ready} data-xr={inVr}>
        <Canvas
          aria-label={t('view.label', { stop: stop.title[lang] || stop.id })}
          camera={{ fov: 55, near: 0.3, far: 30000, position: [0, 50, 100] }}
          gl={{ preserveDrawingBuffer: true, antialias: true }}
          dpr={1}
          frameloop="always"
        >
          <color attach="background" args={['#b9cde0']} />
          {xr ? (
            <XR store={xr}>
              <Suspense fallback={null}>
                <StudioScene modelUrl={full} stop={stop} stopIndex={stopIndex} />
              </Suspense>
            </XR>
          ) : null}
        </Canvas>
      </div>
      {tool === 'area' ? (
        <div className="row">
          <button type="button" disabled={pending.length < 3} onClick={finishArea}>
            {t('view.finishArea', { count: pending.length })}
          </button>
          <button
            type="button"
            disabled={!pending.length}
            onClick={() => ui.getState().set({ pendingArea: [] })}
          >
            {t('view.cancelArea')}
          </button>
        </div>
      ) : null}
      <p className="meta" data-testid="view-target">
        {target
          ? t('view.target', { x: num(lang, target[0]), y: num(lang, target[1]), z: num(lang, target[2]) })
          : ''}
      </p>
      <fieldset className="use-view">
        <legend>{t('view.useFor')}</legend>
        <button type="button" onClick={useForStart} disabled={startIndex < 0}>
          {t('view.useStart')}
        </button>
        <button type="button" onClick={useForNew}>
          {t('view.useViewpoint')}
        </button>
        <button type="button" onClick={useForHotspot} disabled={hotspotIndex < 0}>
          {t('view.useHotspot')}
        </button>
      </fieldset>
      <div className="row">
        <button
          type="button"
          disabled={!xr || !ready}
          onClick={() => xr?.enterVR().catch((e: unknown) => setVrError((e as Error).message))}
        >
          {t('view.vr')}
        </button>
        <span className="meta" role="status">
          {vrError}
        </span>
      </div>
      <div className="row">
        <button type="button" onClick={() => void poster()} disabled={!tourId}>
          {t('view.poster')}
        </button>
        <span className="meta" role="status">
          {posterNote}
        </span>
      </div>
      <LiveChecks />
    </div>
  )
}

function LiveChecks() {
  const t = useT()
  const live = useUi((s) => s.live)
  const items = [
    ...live.hidden.map((id) => t('checks.hidden', { id })),
    ...live.offscreen.map(({ id, ratio }) => t('checks.offscreen', { id, ratio })),
    ...live.viewpointsNoGround.map((id) => `${t('viewpoints.noGround')}: ${id}`),
  ]
  return (
    <section aria-labelledby="live-heading" className="live-checks">
      <h2 id="live-heading">{t('checks.heading')}</h2>
      {items.length ? (
        <ul data-testid="live-checks">
          {items.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>{t('checks.none')}</p>
      )}
    </section>
  )
}
