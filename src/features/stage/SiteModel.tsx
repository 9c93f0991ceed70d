import { useFrame } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import { useApp } from '../../state/app-context'
import { registerDiagnosticsSection } from '../diagnostics/diagnostics'
import { useSiteGltf } from './model-loading'
import type { SiteAnimation } from './site-animation'

/** Stop keys (`tour/stop`) whose first frame has been marked, so a proxy and its full model mark once. */
const framed = new Set<string>()

/**
 * The site's glTF model (its proxy or the full one). User Timing marks for tools and benchmarks:
 * `portage:stop-frame` when a stop's model (either) is first drawn, `portage:stop-full` when the
 * full-detail model is, both with `detail: { tour, stop }`. Mounted with a `key` per URL, so each
 * mount marks at most once.
 *
 * A model with animation clips (imported with `--keep-animations`) plays them in a loop, paused
 * while the visitor asks for reduced motion; `?diagnostics=1` counts them (`animation` section).
 */
export function SiteModel({
  url,
  detail,
  stopKey,
}: {
  url: string
  detail: 'proxy' | 'full'
  stopKey: string
}) {
  const gltf = useSiteGltf(url)
  const frames = useRef(0)
  const reducedMotion = useApp((s) => s.settings.reducedMotion)
  // Read by the frame loop and diagnostics: toggling the setting pauses the clips where they are.
  const paused = useRef(reducedMotion)
  useEffect(() => {
    paused.current = reducedMotion
  }, [reducedMotion])
  const animation = useRef<SiteAnimation | null>(null)
  const played = useRef(0)
  useEffect(() => {
    const clips = gltf.animations
    if (clips.length === 0) return
    let cancelled = false
    // Loaded after the model is shown: the mixer is never on the way to the first frame.
    void import('./site-animation').then(({ loopClips }) => {
      if (!cancelled) animation.current = loopClips(gltf.scene, clips)
    })
    const unregister = registerDiagnosticsSection('animation', () => ({
      clips: clips.length,
      playing: animation.current !== null && !paused.current,
      pausedForReducedMotion: paused.current,
      secondsPlayed: +played.current.toFixed(2),
      // Read from the model's nodes, so a test sees the clips really move them.
      pose: animation.current?.pose() ?? [],
    }))
    return () => {
      cancelled = true
      unregister()
      animation.current?.stop()
      animation.current = null
    }
  }, [gltf])
  useFrame((_, delta) => {
    if (animation.current && !paused.current) {
      animation.current.update(delta)
      played.current += delta
    }
    // useFrame runs before the render of its frame: on the second call the model has been drawn once.
    if (frames.current >= 2 || ++frames.current < 2) return
    const [tour, stop] = stopKey.split('/')
    if (!framed.has(stopKey)) {
      framed.add(stopKey)
      performance.mark('portage:stop-frame', { detail: { tour, stop } })
    }
    if (detail === 'full') performance.mark('portage:stop-full', { detail: { tour, stop } })
  })
  // The cached scene is shared by every user of the URL; it is shown once at a time, so no clone.
  return <primitive object={gltf.scene} />
}
