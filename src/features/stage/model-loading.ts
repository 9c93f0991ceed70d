/**
 * Model loading with byte progress and the safety limits of model-limits.ts. One GLTFLoader is
 * shared by the app (React Three Fiber's `useLoader` cache); its `load` is replaced once so that
 * every site model is fetched by us: progress per URL goes to the store (a real percentage bar),
 * the download is held to the byte limit, the file is inspected before parsing and the scene
 * measured after, and every failure reaches the store with a reason the visitor's message is
 * chosen by. A response already in flight for the URL (started at boot for a deep link, see
 * content/prefetch.ts) is taken over rather than fetched again.
 *
 * The KTX2 (Basis) and Draco decoders are loaded only when a model declares those extensions:
 * their code is a separate chunk, and no shipped model uses them.
 */
import { useLoader } from '@react-three/fiber'
import type { Camera, Material, Object3D, Scene, Texture, WebGLRenderer } from 'three'
import { GLTFLoader, MeshoptDecoder, type DRACOLoader, type GLTF, type KTX2Loader } from 'three-stdlib'
import { fetchPrefetched } from '../../core/content/prefetch'
import type { ModelLoad } from '../../state/store'
import {
  checkScene,
  disposeScene,
  inspectGlb,
  ModelLoadError,
  readLimited,
  withinDecodeTime,
} from './model-limits'
import { timeSlicer, yieldToMain } from './yield'

/** Draco decoders are served by us (drei's default is a CDN). Meshopt's decoder is inline. */
export const DRACO_PATH = `${import.meta.env.BASE_URL}decoders/draco/`

/** Basis Universal transcoder for KTX2 textures, served by us (drei's default is a CDN). */
export const BASIS_PATH = `${import.meta.env.BASE_URL}decoders/basis/`

const PATCHED = Symbol('portage.guarded-load')

type Report = (url: string, load: ModelLoad) => void
let report: Report = () => {}

/**
 * Where the loads report their progress and failures: the store of the page whose 3D view is
 * mounted (one Stage per page, see Stage.tsx). Returns the unregistration.
 */
export function reportModelLoads(to: Report): () => void {
  report = to
  return () => {
    if (report === to) report = () => {}
  }
}
let renderer: WebGLRenderer | null = null
let stage: { gl: WebGLRenderer; scene: Scene; camera: Camera } | null = null
let ktx2: Promise<KTX2Loader> | null = null
let draco: Promise<DRACOLoader> | null = null

/**
 * The 3D view a model will be shown in, noted once it exists: KTX2 textures need a transcoder
 * that knows what the GPU supports (the KTX2 code and transcoder are fetched only for a model with
 * KTX2 textures), and a model's shaders are compiled for that view's lights and fog before it is
 * shown (`precompile`).
 */
export function configureStage(gl: WebGLRenderer, scene: Scene, camera: Camera) {
  renderer ??= gl
  stage = { gl, scene, camera }
}

/**
 * Compile the shaders a model needs before its first frame, as it will be drawn (the view's
 * lights and fog), and upload its textures, so that frame does not stall on them. Where the
 * browser has KHR_parallel_shader_compile, `compileAsync` hands all the programs to the driver
 * and waits without blocking the page. Without it (software GL, some phones), asking whether a
 * program is linked waits for it, so the meshes are compiled a few at a time, in tasks of at
 * most ~40 ms (`timeSlicer`). Likewise each program's first use (its link status and every
 * uniform's location, one driver round trip each, 100+ for a lit material) and each texture's
 * upload (with its mipmaps), rather than all of it inside the first frame. A failure here is not the model's: the first frame compiles whatever is left, as before.
 */
async function precompile(object: Object3D) {
  if (!stage || stage.gl.getContext().isContextLost()) return
  const { gl, camera, scene } = stage
  type Program = { getUniforms(): unknown }
  const materialsOf = (o: Object3D): Material[] => {
    const material = (o as { material?: Material | Material[] }).material
    return Array.isArray(material) ? material : material ? [material] : []
  }
  const programOf = (m: Material) => (gl.properties.get(m) as { currentProgram?: Program }).currentProgram
  try {
    const drawn: Object3D[] = []
    object.traverse((o) => {
      if (materialsOf(o).length) drawn.push(o)
    })
    const slice = timeSlicer()
    if (gl.extensions.has('KHR_parallel_shader_compile')) {
      await gl.compileAsync(object, camera, scene)
    } else {
      for (const o of drawn) {
        if (materialsOf(o).every((m) => programOf(m))) continue
        await slice()
        gl.compile(o, camera, scene)
        for (const m of materialsOf(o)) programOf(m)?.getUniforms()
      }
    }
    const programs = new Set<Program>()
    const textures = new Set<Texture>()
    for (const o of drawn)
      for (const m of materialsOf(o)) {
        const program = programOf(m)
        if (program) programs.add(program)
        for (const value of Object.values(m)) if ((value as Texture | null)?.isTexture) textures.add(value)
      }
    for (const program of programs) {
      await slice()
      program.getUniforms()
    }
    for (const texture of textures) {
      await slice()
      gl.initTexture(texture)
    }
  } catch {
    // the first frame compiles what is missing
  }
}

/** A decoder's code that did not arrive is a network failure (the visitor may try again). */
function lazyCode<T>(load: () => Promise<T>, reset: () => void): Promise<T> {
  return load().catch((e: unknown) => {
    reset()
    throw new ModelLoadError('network', `decoder code unavailable: ${(e as Error)?.message ?? String(e)}`)
  })
}

function ktx2Loader(): Promise<KTX2Loader> {
  ktx2 ??= lazyCode(
    async () => {
      const { KTX2Loader } = await import('./ktx2-loader')
      const loader = new KTX2Loader().setTranscoderPath(BASIS_PATH)
      if (!renderer) throw new Error('KTX2 textures before the renderer exists')
      return loader.detectSupport(renderer)
    },
    () => (ktx2 = null),
  )
  return ktx2
}

function dracoLoader(): Promise<DRACOLoader> {
  draco ??= lazyCode(
    async () => new (await import('./draco-loader')).DRACOLoader().setDecoderPath(DRACO_PATH),
    () => (draco = null),
  )
  return draco
}

/** Give the loader the decoders a model declares, loading their code on first use. */
async function decodersFor(loader: GLTFLoader, extensions: Set<string>) {
  if (extensions.has('KHR_texture_basisu')) loader.setKTX2Loader(await ktx2Loader())
  if (extensions.has('KHR_draco_mesh_compression')) loader.setDRACOLoader(await dracoLoader())
}

function asModelError(e: unknown): ModelLoadError {
  if (e instanceof ModelLoadError) return e
  // fetch() rejects with a TypeError when the request cannot be made at all (offline, refused).
  if (e instanceof TypeError && /fetch|network/i.test(e.message))
    return new ModelLoadError('network', e.message)
  return new ModelLoadError('corrupt', (e as Error)?.message ?? String(e))
}

function parse(loader: GLTFLoader, data: ArrayBuffer, url: string): Promise<GLTF> {
  return new Promise((resolve, reject) => {
    // GLTFLoader.parse can also throw synchronously (bad JSON, a missing asset.version).
    try {
      loader.parse(data, url.slice(0, url.lastIndexOf('/') + 1), resolve, reject)
    } catch (e) {
      reject(e)
    }
  })
}

function guardLoads(loader: GLTFLoader) {
  const patched = loader as GLTFLoader & { [PATCHED]?: true }
  loader.setMeshoptDecoder(typeof MeshoptDecoder === 'function' ? MeshoptDecoder() : MeshoptDecoder)
  if (patched[PATCHED]) return
  patched[PATCHED] = true
  loader.load = (url, onLoad, onProgress, onError) => {
    const setModelLoad = (u: string, load: ModelLoad) => report(u, load)
    setModelLoad(url, { status: 'loading', progress: 0, reason: undefined, vars: undefined })
    fetchPrefetched(url)
      .then((res) =>
        readLimited(res, (loaded, total) => {
          if (total > 0) setModelLoad(url, { status: 'loading', progress: Math.min(1, loaded / total) })
          onProgress?.(new ProgressEvent('progress', { lengthComputable: total > 0, loaded, total }))
        }),
      )
      .then(async (data) => {
        await decodersFor(loader, inspectGlb(data).extensions)
        // Each heavy step in a task of its own (parsing and decoding, the scene's check, the
        // shaders' compilation), so a tap meanwhile is not held up behind all of them.
        await yieldToMain()
        const gltf = await withinDecodeTime(parse(loader, data, url)).catch((e: unknown) => {
          throw e instanceof ModelLoadError
            ? e
            : new ModelLoadError('corrupt', (e as Error)?.message ?? String(e))
        })
        await yieldToMain()
        const problem = checkScene(gltf.scene)
        if (problem) {
          disposeScene(gltf.scene)
          throw problem
        }
        await yieldToMain()
        await precompile(gltf.scene)
        setModelLoad(url, { status: 'loaded', progress: 1 })
        onLoad(gltf)
      })
      .catch((e: unknown) => {
        const error = asModelError(e)
        setModelLoad(url, {
          status: 'error',
          progress: 0,
          reason: error.reason,
          vars: error.vars,
          message: error.message,
        })
        onError?.(error as unknown as ErrorEvent)
      })
  }
}

export function useSiteGltf(url: string): GLTF {
  return useLoader(GLTFLoader, url, guardLoads) as GLTF
}

export function preloadSite(url: string) {
  useLoader.preload(GLTFLoader, url, guardLoads)
}

export function forgetSite(url: string) {
  useLoader.clear(GLTFLoader, url)
}
