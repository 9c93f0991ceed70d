import { Canvas, extend, useThree } from '@react-three/fiber'
import {
  Component,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  type ContextType,
  type ReactNode,
  type RefObject,
} from 'react'
import { WebGLRenderer, type WebGLRendererParameters } from 'three'
import type { Stop } from '../../core/content/schema'
import { modelUrls } from '../../core/content/urls'
import { AppContext, useApp, useAppStore, useBoot } from '../../state/app-context'
import { selectHotspot, selectStop, selectTour } from '../../state/selectors'
import { DiagnosticsProbe } from '../diagnostics/DiagnosticsProbe'
import { exposeDiagnostics } from '../diagnostics/diagnostics'
import { useSlots } from '../slots/slots'
import { CAMERA, hotspotView, type View } from './camera'
import { CameraRig } from './CameraRig'
import { MotionRig } from './MotionRig'
import { WalkRig } from './WalkRig'
import { HotspotMarkers } from './HotspotMarkers'
import { configureStage, forgetSite, preloadSite, reportModelLoads } from './model-loading'
import { SceneBoundary, SceneFault } from './SceneBoundary'
import { SiteModel } from './SiteModel'
import { stageHealth } from './stage-health'
import { StageHealthProbe } from './StageHealthProbe'
import { THREE_CATALOGUE } from './three-catalogue'
import { yieldToMain } from './yield'

// The three.js elements the scene uses (see three-catalogue.ts), registered before any <Canvas>.
extend(THREE_CATALOGUE)

const BASE = import.meta.env.BASE_URL
const SKY = '#bcd3e6'

/**
 * The renderer, made in a task of its own. Creating a WebGL context is the heaviest single step
 * of starting the 3D view (a few hundred ms on a phone's CPU, more with software GL); R3F calls a
 * factory, and waits for one that returns a promise, so the page's commit, the context's creation
 * and the scene's mounting run as three tasks instead of one: the page answers taps in between.
 * The first frame is not later for it (one task turn each side, and the model is still downloading).
 */
async function createStageRenderer(defaults: WebGLRendererParameters): Promise<WebGLRenderer> {
  await yieldToMain()
  const renderer = new WebGLRenderer({ ...defaults, antialias: true, powerPreference: 'high-performance' })
  await yieldToMain()
  return renderer
}

/** Last line of defence: a model that fails while mounting becomes a message on the stop. */
class ModelBoundary extends Component<{ url: string; children: ReactNode }, { failed: boolean }> {
  static contextType = AppContext
  declare context: ContextType<typeof AppContext>
  state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  componentDidCatch(error: Error) {
    this.context?.store
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
  // In the headset the visitor's own head is the camera: no orbit controls, walking or flights.
  const immersive = useApp((s) => s.immersive)
  const navigation = useApp((s) => s.settings.navigation)
  const motionControl = useApp((s) => s.settings.motionControl)
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  const { poster } = useBoot()
  useMemo(() => configureStage(gl, scene, camera), [gl, scene, camera])
  const { full, proxy } = stop ? modelUrls(BASE, stop) : { full: '', proxy: null }
  const fullLoad = useApp((s) => s.models[full])
  const proxyStatus = useApp((s) => (proxy ? s.models[proxy]?.status : 'error'))
  const retry = fullLoad?.retries ?? 0
  // Models are fetched outside React's render: the store learns 'loaded' or 'error', and a model
  // is mounted only once loaded, so a 404 or a corrupt file never throws inside the canvas.
  // The small proxy comes first (something to see within a second on a slow network), then the
  // full model, which replaces it in place: same site, same coordinates, no jump.
  useEffect(() => {
    if (proxy) preloadSite(proxy)
  }, [proxy])
  const proxySettled = proxyStatus === 'loaded' || proxyStatus === 'error'
  useEffect(() => {
    if (!full || !proxySettled) return
    if (retry > 0) forgetSite(full)
    preloadSite(full)
  }, [full, proxySettled, retry])
  const shown = fullLoad?.status === 'loaded' ? full : proxyStatus === 'loaded' ? proxy : ''
  // While the visitor listens, the next stop's models download, so moving on is instant.
  const narrating = useApp((s) => s.engine.narration.status === 'playing')
  const tour = useApp(selectTour)
  const next = tour && stop ? tour.stops[tour.stops.indexOf(stop) + 1] : undefined
  useEffect(() => {
    if (!narrating || !next || fullLoad?.status !== 'loaded') return
    const urls = modelUrls(BASE, next)
    if (urls.proxy) preloadSite(urls.proxy)
    preloadSite(urls.full)
  }, [narrating, next, fullLoad?.status])

  // The camera goes to the start view on a new stop or a reset, to the hotspot's view when one
  // opens; a new stop is a cut, the rest fly unless the visitor prefers reduced motion.
  const stopKey = stop ? `${tourId}/${stop.id}` : ''
  const lastStop = useRef('')
  const start = useMemo(() => (stop ? startView(stop) : null), [stop])
  const { view, cut } = useMemo(() => {
    if (!stop) {
      // Closing the tour forgets the stop: opening it again starts at its start view, by a cut
      // (the next kiosk visitor never sees the camera fly from where the last one left it).
      lastStop.current = ''
      return { view: null, cut: true }
    }
    const newStop = lastStop.current !== stopKey
    lastStop.current = stopKey
    const start = startView(stop)
    const v = hotspot ? hotspotView(hotspot, start) : start
    // resetCount is read so a reset yields a new view object (a new flight).
    return { view: { ...v, reset: resetCount }, cut: newStop || reducedMotion }
  }, [stop, stopKey, hotspot, reducedMotion, resetCount])

  if (!stop || !tourId || !start) return null
  return (
    <>
      {immersive ? null : navigation === 'walk' ? (
        <WalkRig stop={stop} lookAt={start} face={hotspot?.position ?? null} keyTarget={keyTarget} />
      ) : motionControl ? (
        <MotionRig />
      ) : (
        <CameraRig view={view} cut={cut} keyTarget={keyTarget} />
      )}
      {shown && (
        <ModelBoundary key={`${shown}#${retry}`} url={shown}>
          <Suspense fallback={null}>
            <SiteModel url={shown} detail={shown === full ? 'full' : 'proxy'} stopKey={stopKey} />
          </Suspense>
        </ModelBoundary>
      )}
      {!poster && <HotspotMarkers hotspots={stop.hotspots} selectedId={hotspot?.id ?? null} />}
    </>
  )
}

const contextLost = () => stageHealth().contextLost

/** The one <Canvas> of the app: mounted when the first tour opens, kept for the app's life. */
export default function Stage({ keyTarget }: { keyTarget: RefObject<HTMLElement | null> }) {
  const store = useAppStore()
  const { diagnostics } = useBoot()
  const { stageLayers } = useSlots()
  useEffect(() => {
    if (diagnostics) exposeDiagnostics(store)
  }, [diagnostics, store])
  // Model downloads report their progress and failures to this page's store: from the first render
  // (the scene's first loads start before this component's effects run), and again on remount.
  const { setModelLoad } = store.getState().actions
  useMemo(() => reportModelLoads(setModelLoad), [setModelLoad])
  useEffect(() => reportModelLoads(setModelLoad), [setModelLoad])
  return (
    <Canvas
      className="stage-canvas"
      camera={{ fov: CAMERA.fov, near: CAMERA.near, far: CAMERA.far, position: [0, 40, 120] }}
      dpr={[1, 2]}
      gl={createStageRenderer}
    >
      <color attach="background" args={[SKY]} />
      <fog attach="fog" args={[SKY, 1500, 12000]} />
      <hemisphereLight args={['#eef4ff', '#6b6450', 1.6]} />
      <directionalLight position={[120, 200, 90]} intensity={2.2} />
      {/* A render error in here is recovered in here: the canvas and its context stay. */}
      <SceneBoundary>
        <Scene keyTarget={keyTarget} />
        {stageLayers}
        {diagnostics && <SceneFault />}
      </SceneBoundary>
      <DiagnosticsProbe contextLost={contextLost} />
      {/* The one watch on the WebGL context: the visitor is told while the view is gone (three
          re-creates its GPU state on restore), and the kiosk's watchdog and diagnostics read it. */}
      <StageHealthProbe onContext={(lost) => store.getState().actions.setWebgl(lost ? 'lost' : 'ok')} />
    </Canvas>
  )
}
