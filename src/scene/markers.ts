import type { ValueId } from '../content/schema'

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
  /** Marker radius as a fraction of its distance to the camera: constant size on screen. */
  screenScale: 0.016,
  /** In the headset, larger: an easy target for a controller ray or a pinching hand. */
  xrScreenScale: 0.03,
  hoverScale: 1.35,
  minRadius: 0.12,
} as const
