/**
 * Model loading with byte progress. drei's `useGLTF` shares one GLTFLoader for the app and does
 * not pass an onProgress callback, so the loader is extended once to report download progress
 * per URL to the store, which draws a real percentage bar.
 */
import { useGLTF } from '@react-three/drei'
import type { WebGLRenderer } from 'three'
import { KTX2Loader, type GLTFLoader } from 'three-stdlib'
import { appStore } from '../store/app-store'

/** Draco decoders are served by us (drei's default is a CDN). Meshopt's decoder is inline. */
export const DRACO_PATH = `${import.meta.env.BASE_URL}decoders/draco/`

/** Basis Universal transcoder for KTX2 textures, served by us (drei's default is a CDN). */
export const BASIS_PATH = `${import.meta.env.BASE_URL}decoders/basis/`

const PATCHED = Symbol('portage.progress')
let ktx2: KTX2Loader | null = null

/**
 * KTX2 textures need a transcoder that knows what the GPU supports, so it is set up once the
 * renderer exists; models without KTX2 textures never fetch the transcoder.
 */
export function configureTextureDecoders(gl: WebGLRenderer) {
  if (ktx2) return
  ktx2 = new KTX2Loader().setTranscoderPath(BASIS_PATH).detectSupport(gl)
}

type Load = GLTFLoader['load']

function reportProgress(loader: GLTFLoader) {
  const patched = loader as GLTFLoader & { [PATCHED]?: true }
  if (ktx2) loader.setKTX2Loader(ktx2)
  if (patched[PATCHED]) return
  patched[PATCHED] = true
  const load: Load = loader.load.bind(loader)
  loader.load = (url, onLoad, onProgress, onError) => {
    const { setModelLoad } = appStore.getState().actions
    setModelLoad(url, { status: 'loading', progress: 0 })
    load(
      url,
      (gltf) => {
        setModelLoad(url, { status: 'loaded', progress: 1 })
        onLoad(gltf)
      },
      (event) => {
        if (event.lengthComputable && event.total > 0)
          setModelLoad(url, { status: 'loading', progress: Math.min(1, event.loaded / event.total) })
        onProgress?.(event)
      },
      (error) => {
        setModelLoad(url, {
          status: 'error',
          progress: 0,
          message: String((error as unknown as Error)?.message ?? error),
        })
        onError?.(error)
      },
    )
  }
}

export function useSiteGltf(url: string) {
  return useGLTF(url, DRACO_PATH, true, reportProgress)
}

export function preloadSite(url: string) {
  useGLTF.preload(url, DRACO_PATH, true, reportProgress)
}

export function forgetSite(url: string) {
  useGLTF.clear(url)
}
