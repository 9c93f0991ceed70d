/**
 * What every site module provides: its geometry, at two levels of detail, and its layout (the
 * metadata content authors place hotspots and cameras with).
 */
import type { SiteScene } from '../geometry.ts'

export const SITE_IDS = [
  'parliament-hill',
  'human-rights-museum',
  'pier-21',
  'old-quebec',
  'peggys-cove',
  'inuksuk-point',
  'gwaii-haanas',
  'moraine-lake',
] as const
export type SiteId = (typeof SITE_IDS)[number]

/** `full` is the model visitors see; `proxy` keeps placement and silhouette in a few kilobytes. */
export type Detail = 'full' | 'proxy'

export type Point3 = readonly [number, number, number]

export interface LayoutViewpoint {
  id: string
  title: { en: string; fr: string }
  position: Point3
  target: Point3
}

export interface LayoutWalkableArea {
  id: string
  y: number
  polygon: readonly (readonly [number, number])[]
}

/** The `<site>.layout.json` file, as written. */
export interface SiteLayout {
  site: SiteId
  /** Named points, ~1–3 m above the surface they belong to, where hotspots can stand. */
  anchors: Readonly<Record<string, Point3>>
  viewpoints: readonly LayoutViewpoint[]
  startViewpoint: string
  walkableAreas: readonly LayoutWalkableArea[]
}

export interface SiteDefinition {
  id: SiteId
  build(detail: Detail): SiteScene
  layout: SiteLayout
}
