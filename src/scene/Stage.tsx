import { Canvas } from '@react-three/fiber'
import { Component, Suspense, useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react'
import { assetUrl } from '../content/catalog'
import type { Stop } from '../content/schema'
import { DiagnosticsProbe } from '../diagnostics/DiagnosticsProbe'
import { XrLayer } from '../modes/xr/XrLayer'
import { useXrMode } from '../modes/xr/xr-mode-store'
import { diagnosticsEnabled, exposeDiagnostics, live } from '../diagnostics/diagnostics'
import { appStore, useApp } from '../store/app-store'
import { selectHotspot, selectStop } from '../store/selectors'
import { CAMERA, hotspotView, type View } from './camera'
import { CameraRig } from './CameraRig'
import { HotspotMarkers } from './HotspotMarkers'
import { forgetSite, preloadSite } from './model-loading'
import { SiteModel } from './SiteModel'

const BASE = import.meta.env.BASE_URL
const SKY = '#bcd3e6'
const POSTER_VIEW = new URLSearchParams(location.search).get('view') === 'poster'

/** Last line of defence: a model that fails while mounting becomes a message on the stop. */
class ModelBoundary extends Component<{ url: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  componentDidCatch(error: Error) {
    appStore
      .getState()
      .actions.setModelLoad(this.props.url, { status: 'error', progress: 0, message: error.message })
    // Let a later visit (or "Try again") fetch it afresh instead of replaying the cached failure.
    forgetSite(this.props.url)
  }
  render() {
    return this.state.failed ? null : this.props.children
  }
}

function startView(stop: Stop): View {
  const vp = stop.viewpoints.find((v) => v.id === stop.startViewpoint) ?? stop.viewpoints[0]!
  return { position: vp.position, target: vp.target }
}

function Scene({ keyTarget }: { keyTarget: RefObject<HTMLElement | null> }) {
  const stop = useApp(selectStop)
  const hotspot = useApp(selectHotspot)
  const tourId = useApp((s) => s.engine.tourId)
  const reducedMotion = useApp((s) => s.settings.reducedMotion)
  const resetCount = useApp((s) => s.viewResetCount)
  // In the headset the visitor's own head is the camera: no orbit controls, no flights.
  const presenting = useXrMode((s) => s.presenting)
  const url = stop ? assetUrl(BASE, stop.model.src) : ''
  const load = useApp((s) => s.models[url])
  const retry = load?.retries ?? 0
  // The model is fetched outside React's render: the store learns 'loaded' or 'error', and the
  // model is mounted only once loaded, so a 404 or a corrupt file never throws inside the canvas.
  useEffect(() => {
    if (!url) return
    if (retry > 0) forgetSite(url)
    preloadSite(url)
  }, [url, retry])

  // The camera goes to the start view on a new stop or a reset, to the hotspot's view when one
  // opens; a new stop is a cut, the rest fly unless the visitor prefers reduced motion.
  const stopKey = stop ? `${tourId}/${stop.id}` : ''
  const lastStop = useRef('')
  const { view, cut } = useMemo(() => {
    if (!stop) return { view: null, cut: true }
    const newStop = lastStop.current !== stopKey
    lastStop.current = stopKey
    const start = startView(stop)
    const v = hotspot ? hotspotView(hotspot, start) : start
    // resetCount is read so a reset yields a new view object (a new flight).
    return { view: { ...v, reset: resetCount }, cut: newStop || reducedMotion }
  }, [stop, stopKey, hotspot, reducedMotion, resetCount])

  if (!stop || !tourId) return null
  return (
    <>
      {!presenting && <CameraRig view={view} cut={cut} keyTarget={keyTarget} />}
      {load?.status === 'loaded' && (
        <ModelBoundary key={`${url}#${retry}`} url={url}>
          <Suspense fallback={null}>
            <SiteModel url={url} stopKey={{ tour: tourId, stop: stop.id }} />
          </Suspense>
        </ModelBoundary>
      )}
      {!POSTER_VIEW && <HotspotMarkers hotspots={stop.hotspots} selectedId={hotspot?.id ?? null} />}
    </>
  )
}

/** The one <Canvas> of the app: mounted when the first tour opens, kept for the app's life. */
export function Stage({ keyTarget, label }: { keyTarget: RefObject<HTMLElement | null>; label: string }) {
  const diagnostics = diagnosticsEnabled()
  useEffect(() => {
    if (diagnostics) exposeDiagnostics(appStore)
  }, [diagnostics])
  return (
    <Canvas
      className="stage-canvas"
      aria-label={label}
      camera={{ fov: CAMERA.fov, near: CAMERA.near, far: CAMERA.far, position: [0, 40, 120] }}
      dpr={[1, 2]}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
      onCreated={({ gl }) => {
        gl.domElement.addEventListener('webglcontextlost', (e) => {
          e.preventDefault() // allows the browser to restore the context
          live.contextLost = true
        })
        gl.domElement.addEventListener('webglcontextrestored', () => {
          live.contextLost = false
        })
      }}
    >
      <color attach="background" args={[SKY]} />
      <fog attach="fog" args={[SKY, 1500, 12000]} />
      <hemisphereLight args={['#eef4ff', '#6b6450', 1.6]} />
      <directionalLight position={[120, 200, 90]} intensity={2.2} />
      <Scene keyTarget={keyTarget} />
      <XrLayer />
      <DiagnosticsProbe />
    </Canvas>
  )
}
