/**
 * Model loading with byte progress and the safety limits of model-limits.ts. drei's `useGLTF`
 * shares one GLTFLoader for the app; its `load` is replaced once so that every site model is
 * fetched by us: progress per URL goes to the store (a real percentage bar), the download is held
 * to the byte limit, the file is inspected before parsing and the scene measured after, and every
 * failure reaches the store with a reason the visitor's message is chosen by.
 */
import { useGLTF } from '@react-three/drei'
import type { WebGLRenderer } from 'three'
import { KTX2Loader, type GLTF, type GLTFLoader } from 'three-stdlib'
import { appStore } from '../store/app-store'
import {
  checkScene,
  disposeScene,
  inspectGlb,
  ModelLoadError,
  readLimited,
  withinDecodeTime,
} from './model-limits'

/** Draco decoders are served by us (drei's default is a CDN). Meshopt's decoder is inline. */
export const DRACO_PATH = `${import.meta.env.BASE_URL}decoders/draco/`

/** Basis Universal transcoder for KTX2 textures, served by us (drei's default is a CDN). */
export const BASIS_PATH = `${import.meta.env.BASE_URL}decoders/basis/`

const PATCHED = Symbol('portage.guarded-load')
let ktx2: KTX2Loader | null = null

/**
 * KTX2 textures need a transcoder that knows what the GPU supports, so it is set up once the
 * renderer exists; models without KTX2 textures never fetch the transcoder.
 */
export function configureTextureDecoders(gl: WebGLRenderer) {
  if (ktx2) return
  ktx2 = new KTX2Loader().setTranscoderPath(BASIS_PATH).detectSupport(gl)
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
  if (ktx2) loader.setKTX2Loader(ktx2)
  if (patched[PATCHED]) return
  patched[PATCHED] = true
  loader.load = (url, onLoad, onProgress, onError) => {
    const { setModelLoad } = appStore.getState().actions
    setModelLoad(url, { status: 'loading', progress: 0, reason: undefined, vars: undefined })
    fetch(url, { credentials: 'same-origin' })
      .then((res) =>
        readLimited(res, (loaded, total) => {
          if (total > 0) setModelLoad(url, { status: 'loading', progress: Math.min(1, loaded / total) })
          onProgress?.(new ProgressEvent('progress', { lengthComputable: total > 0, loaded, total }))
        }),
      )
      .then(async (data) => {
        inspectGlb(data)
        const gltf = await withinDecodeTime(parse(loader, data, url)).catch((e: unknown) => {
          throw e instanceof ModelLoadError
            ? e
            : new ModelLoadError('corrupt', (e as Error)?.message ?? String(e))
        })
        const problem = checkScene(gltf.scene)
        if (problem) {
          disposeScene(gltf.scene)
          throw problem
        }
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

export function useSiteGltf(url: string) {
  return useGLTF(url, DRACO_PATH, true, guardLoads)
}

export function preloadSite(url: string) {
  useGLTF.preload(url, DRACO_PATH, true, guardLoads)
}

export function forgetSite(url: string) {
  useGLTF.clear(url)
}
