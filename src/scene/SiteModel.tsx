import { useFrame } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import { Box3, Vector3 } from 'three'
import { useSiteGltf } from './model-loading'

export type StopKey = { tour: string; stop: string }

/**
 * The site's glTF model. Reports the first frame that draws it with the `portage:stop-frame`
 * User Timing mark (tools and benchmarks measure time-to-site with it).
 */
export function SiteModel({ url, stopKey }: { url: string; stopKey: StopKey }) {
  const gltf = useSiteGltf(url)
  const frames = useRef(0)
  useEffect(() => {
    frames.current = 0
  }, [url, stopKey.tour, stopKey.stop])
  useFrame(() => {
    // useFrame runs before the render of its frame: on the second call the model has been drawn once.
    if (frames.current < 2 && ++frames.current === 2) {
      performance.mark('portage:stop-frame', { detail: { tour: stopKey.tour, stop: stopKey.stop } })
    }
  })
  // The cached scene is shared by every user of the URL; it is shown once at a time, so no clone.
  const size = useMemo(
    () => new Box3().setFromObject(gltf.scene).getSize(new Vector3()).length(),
    [gltf.scene],
  )
  return <primitive object={gltf.scene} userData={{ portageSize: size }} />
}
