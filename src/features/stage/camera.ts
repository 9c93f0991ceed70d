/** Camera tuning for the orbit view, as data. */
export const CAMERA = {
  fov: 55,
  near: 0.3,
  far: 30000,
  /** Flight speed: fraction of the remaining way covered per second (exponential ease). */
  flightRate: 3.2,
  /** A flight ends when both ends are this close (metres). */
  arriveEpsilon: 0.05,
  /** Default distance from a hotspot when it has no authored view, as a fraction of the start view's. */
  hotspotDistanceRatio: 0.4,
  hotspotMinDistance: 12,
  hotspotMaxDistance: 90,
  /** Keyboard orbit step (radians) and zoom factor. */
  keyRotate: Math.PI / 24,
  keyZoom: 1.15,
  minPolar: 0.05,
  maxPolar: Math.PI / 2 - 0.02,
} as const

export type View = { position: readonly [number, number, number]; target: readonly [number, number, number] }

/** A good view of a hotspot: looking at it from the direction of the stop's start view, a bit above. */
export function hotspotView(
  hotspot: { position: readonly [number, number, number]; view?: View },
  start: View,
): View {
  if (hotspot.view) return hotspot.view
  const [hx, hy, hz] = hotspot.position
  let dx = start.position[0] - hx
  let dz = start.position[2] - hz
  const flat = Math.hypot(dx, dz) || 1
  dx /= flat
  dz /= flat
  const distance = Math.min(
    CAMERA.hotspotMaxDistance,
    Math.max(
      CAMERA.hotspotMinDistance,
      Math.hypot(start.position[0] - hx, start.position[2] - hz) * CAMERA.hotspotDistanceRatio,
    ),
  )
  return {
    target: [hx, hy, hz],
    position: [hx + dx * distance, hy + distance * 0.35, hz + dz * distance],
  }
}
