import type { ValueId } from '../../core/content/schema'

/** Marker colours per value: saturated enough to read on sky, sandstone and grass. */
export const VALUE_COLORS: Record<ValueId, string> = {
  'human-rights': '#e4572e',
  'gender-equality': '#b05cd6',
  diversity: '#f2a541',
  bilingualism: '#2e86de',
  reconciliation: '#f25f8c',
  democracy: '#2bb3a3',
  climate: '#5cb85c',
  peace: '#4fc3f7',
  'arts-sport': '#ffd23f',
}

export const MARKER = {
  /** Marker radius on screen, CSS pixels: constant whatever the distance. */
  radiusPx: 13,
  /** On touch screens a marker is a 44 px target (WCAG 2.5.5). */
  touchRadiusPx: 22,
  /**
   * In the headset (no CSS pixels) the radius is this fraction of the marker's distance, about 1.7°
   * of view: larger than on a screen, an easy target for a controller ray or a pinching hand.
   */
  xrRadiusPerMetre: 0.03,
  hoverScale: 1.35,
  /** Never smaller than this in the world (metres), e.g. when the camera is right next to it. */
  minRadius: 0.12,
} as const
