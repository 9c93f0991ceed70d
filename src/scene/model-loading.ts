/**
 * Model loading with byte progress. drei's `useGLTF` shares one GLTFLoader for the app and does
 * not pass an onProgress callback, so the loader is extended once to report download progress
 * per URL to the store, which draws a real percentage bar.
 */
import { useGLTF } from '@react-three/drei'
import type { GLTFLoader } from 'three-stdlib'
import { appStore } from '../store/app-store'

/** Draco decoders are served by us (drei's default is a CDN). Meshopt's decoder is inline. */
export const DRACO_PATH = `${import.meta.env.BASE_URL}decoders/draco/`

const PATCHED = Symbol('portage.progress')

type Load = GLTFLoader['load']

function reportProgress(loader: GLTFLoader) {
  const patched = loader as GLTFLoader & { [PATCHED]?: true }
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
