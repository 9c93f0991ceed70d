/**
 * What a stop's miniature shows on a table: the part of the site its stories are about. Shared by
 * the AR mode (which clips the page's model to it) and the build that makes each stop's AR Quick
 * Look and Scene Viewer files (tools/pipeline/ar/), so both show the same piece of the site.
 */

/** The largest side of a stop's footprint on a table, in metres, when it is first set down. */
export const TABLETOP_FIT_METRES = 0.6

/** What a stop's miniature shows: the part of the site its story is about. */
export type Footprint = {
  /** Centre of the footprint at ground level (the lowest walkable floor): where the site stands. */
  anchor: [number, number, number]
  /** The footprint's bounds (site metres), with a margin, for clipping the model to it. */
  min: [number, number, number]
  max: [number, number, number]
  /** Its largest horizontal side (m). */
  size: number
}

/**
 * The footprint of a stop: where visitors walk, every hotspot and the start view's subject. A
 * site's model reaches far beyond it (hills, water, the horizon): on a table only this part is
 * shown, clipped at its bounds plus `margin` of its size.
 */
export function footprint(
  stop: {
    walkableAreas: readonly { y: number; polygon: readonly (readonly [number, number])[] }[]
    hotspots: readonly { position: readonly [number, number, number] }[]
    viewpoints: readonly { id: string; target: readonly [number, number, number] }[]
    startViewpoint: string
  },
  margin = 0.08,
): Footprint {
  const xs: number[] = []
  const zs: number[] = []
  const ys: number[] = []
  for (const area of stop.walkableAreas) {
    ys.push(area.y)
    for (const [x, z] of area.polygon) {
      xs.push(x)
      zs.push(z)
    }
  }
  for (const h of stop.hotspots) {
    xs.push(h.position[0])
    zs.push(h.position[2])
  }
  const start = stop.viewpoints.find((v) => v.id === stop.startViewpoint) ?? stop.viewpoints[0]
  if (start) {
    xs.push(start.target[0])
    zs.push(start.target[2])
  }
  const ground = ys.length ? Math.min(...ys) : 0
  const [x0, x1, z0, z1] = [Math.min(...xs), Math.max(...xs), Math.min(...zs), Math.max(...zs)]
  const size = Math.max(x1 - x0, z1 - z0, 1)
  const pad = size * margin
  return {
    anchor: [(x0 + x1) / 2, ground, (z0 + z1) / 2],
    min: [x0 - pad, ground - size * 0.25, z0 - pad],
    max: [x1 + pad, Infinity, z1 + pad],
    size: size + 2 * pad,
  }
}
