import { useXrMode } from './headset-context'

/**
 * Inside the <Canvas> (a layer the shell gives the 3D view): the headset runtime, once it is
 * loaded (only where immersive-vr is supported). Until then, and on every other browser, nothing.
 */
export function XrLayer() {
  const runtime = useXrMode((s) => s.runtime)
  if (!runtime) return null
  return <runtime.XrMode />
}

/** The runtime, inside the headset's own components (they exist only once it is loaded). */
export function useXrRuntime() {
  const runtime = useXrMode((s) => s.runtime)
  if (!runtime) throw new Error('Portage: a headset component rendered before the runtime loaded')
  return runtime
}
