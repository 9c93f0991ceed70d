/**
 * The benchmark's baseline: the least a page needs to show a Portage site model, written the way
 * the three.js examples do it (GLTFLoader + MeshoptDecoder + OrbitControls, one render loop), with
 * the same camera, lights, fog, background and renderer settings as the app, so frame time and
 * loading can be compared like for like. The bench passes the model, view and canvas size in the
 * URL: `?model=/assets/models/x.glb&pos=x,y,z&target=x,y,z&w=1280&h=600`.
 */
import {
  ACESFilmicToneMapping,
  Color,
  DirectionalLight,
  Fog,
  HemisphereLight,
  PerspectiveCamera,
  Scene,
  SRGBColorSpace,
  WebGLRenderer,
} from 'three'
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js'
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js'
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js'
import { CAMERA } from '../../src/features/stage/camera'

const params = new URLSearchParams(location.search)
const vec = (name: string) => {
  const v = (params.get(name) ?? '0,0,0').split(',').map(Number)
  return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0] as const
}
const width = Number(params.get('w') ?? innerWidth)
const height = Number(params.get('h') ?? innerHeight)

// What React Three Fiber's <Canvas> does by default (antialias, alpha, high-performance, sRGB
// output, ACES filmic tone mapping, dpr clamped to [1, 2]), and what src/features/stage/Stage.tsx adds.
const canvas = document.getElementById('c') as HTMLCanvasElement
const renderer = new WebGLRenderer({
  canvas,
  antialias: true,
  alpha: true,
  powerPreference: 'high-performance',
})
renderer.outputColorSpace = SRGBColorSpace
renderer.toneMapping = ACESFilmicToneMapping
renderer.setPixelRatio(Math.min(2, Math.max(1, devicePixelRatio)))
renderer.setSize(width, height)

const SKY = '#bcd3e6'
const scene = new Scene()
scene.background = new Color(SKY)
scene.fog = new Fog(SKY, 1500, 12000)
scene.add(new HemisphereLight('#eef4ff', '#6b6450', 1.6))
const sun = new DirectionalLight('#ffffff', 2.2)
sun.position.set(120, 200, 90)
scene.add(sun)

const camera = new PerspectiveCamera(CAMERA.fov, width / height, CAMERA.near, CAMERA.far)
camera.position.set(...vec('pos'))
// Same orbit settings as src/features/stage/CameraRig.tsx, so the same drag gives the same camera path.
const controls = new OrbitControls(camera, canvas)
controls.enableDamping = true
controls.dampingFactor = 0.12
controls.minDistance = 2
controls.maxDistance = 2500
controls.maxPolarAngle = CAMERA.maxPolar
controls.target.set(...vec('target'))
controls.update()

/** Read by the bench, like the app's `window.portageDiagnostics`. */
const diagnostics = { drawCalls: 0, triangles: 0, geometries: 0, textures: 0, programs: 0, camera: [0, 0, 0] }
Object.defineProperty(window, 'plainDiagnostics', { get: () => ({ ...diagnostics }) })

/** 'added' once the model is in the scene, 'drawn' after a render with it, 'marked' once timed. */
let model: 'loading' | 'added' | 'drawn' | 'marked' = 'loading'
function frame() {
  requestAnimationFrame(frame)
  // Same definition as the app's `portage:stop-full`: marked at the start of the frame after the
  // first one that drew the model.
  if (model === 'drawn') {
    performance.mark('plain:model-frame')
    model = 'marked'
  }
  controls.update()
  renderer.render(scene, camera)
  if (model === 'added') model = 'drawn'
  diagnostics.drawCalls = renderer.info.render.calls
  diagnostics.triangles = renderer.info.render.triangles
  diagnostics.geometries = renderer.info.memory.geometries
  diagnostics.textures = renderer.info.memory.textures
  diagnostics.programs = renderer.info.programs?.length ?? 0
  diagnostics.camera = camera.position.toArray()
}
requestAnimationFrame(frame)

const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder)
loader.load(params.get('model') ?? '', (gltf) => {
  scene.add(gltf.scene)
  model = 'added'
})
