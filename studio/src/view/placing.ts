/** New things placed in a stop: their ids (unique in the tour, as content:check requires) and shape. */
import type { Hotspot, Tour, Viewpoint, WalkableArea } from '../../../src/core/content/schema'

type V3 = [number, number, number]

/** `prefix-1`, `prefix-2`, … : the first not already used in the tour (for that kind). */
export function freshId(used: Iterable<string>, prefix: string): string {
  const taken = new Set(used)
  for (let n = 1; ; n++) if (!taken.has(`${prefix}-${n}`)) return `${prefix}-${n}`
}

export const hotspotIds = (tour: Tour) => tour.stops.flatMap((s) => s.hotspots.map((h) => h.id))

/**
 * A hotspot where the author pointed, with every text empty: the check lists what is missing
 * (titles, story, narration, a source) rather than the studio inventing placeholder words.
 */
export function newHotspot(tour: Tour, position: V3): Hotspot {
  return {
    id: freshId(hotspotIds(tour), 'hotspot'),
    value: 'human-rights',
    position,
    title: {},
    body: {},
    narration: {},
    sources: [],
  }
}

export function newViewpoint(stop: Tour['stops'][number], view: { position: V3; target: V3 }): Viewpoint {
  return {
    id: freshId(
      stop.viewpoints.map((v) => v.id),
      'view',
    ),
    title: {},
    ...view,
  }
}

/** A walkable area from ground points clicked: its height is their mean, its corners their x, z. */
export function newArea(stop: Tour['stops'][number], points: readonly V3[]): WalkableArea {
  const y = points.reduce((sum, p) => sum + p[1], 0) / (points.length || 1)
  return {
    id: freshId(
      stop.walkableAreas.map((a) => a.id),
      'area',
    ),
    y: Math.round(y * 100) / 100,
    polygon: points.map(([x, , z]) => [x, z]),
  }
}
