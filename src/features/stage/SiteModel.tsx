import { useFrame } from '@react-three/fiber'
import { useRef } from 'react'
import { useSiteGltf } from './model-loading'

/** Stop keys (`tour/stop`) whose first frame has been marked, so a proxy and its full model mark once. */
const framed = new Set<string>()

/**
 * The site's glTF model (its proxy or the full one). User Timing marks for tools and benchmarks:
 * `portage:stop-frame` when a stop's model (either) is first drawn, `portage:stop-full` when the
 * full-detail model is, both with `detail: { tour, stop }`. Mounted with a `key` per URL, so each
 * mount marks at most once.
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
  useFrame(() => {
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
