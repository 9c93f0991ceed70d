import { useXrMode } from './xr-mode-store'

/**
 * Inside the <Canvas>: the headset runtime, once it is loaded (only where immersive-vr is
 * supported). Until then, and on every other browser, nothing.
 */
export function XrLayer() {
  const runtime = useXrMode((s) => s.runtime)
  if (!runtime) return null
  return <runtime.XrMode />
}
