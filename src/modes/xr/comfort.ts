/**
 * Comfort settings of the headset mode: how turning works, the vignette, seated play. Pure state
 * transitions and a tolerant reader for what was saved, unit-tested.
 */

export const SNAP_ANGLES_DEG = [30, 45] as const
export type SnapAngle = (typeof SNAP_ANGLES_DEG)[number]

export type ComfortSettings = {
  /** Degrees turned by one flick of the stick. @default 30 */
  snapAngle: SnapAngle
  /** Hold the stick sideways to turn continuously instead of in steps (opt-in). @default false */
  smoothTurn: boolean
  /** Darken the edges of the view during any artificial motion. @default true */
  vignette: boolean
  /** Raise the view to standing eye height for a seated visitor. @default false */
  seated: boolean
}

export const DEFAULT_COMFORT: ComfortSettings = Object.freeze({
  snapAngle: 30,
  smoothTurn: false,
  vignette: true,
  seated: false,
})

/** Read saved settings, keeping only valid values (anything else gets its default). */
export function parseComfort(saved: unknown): ComfortSettings {
  const s = (saved && typeof saved === 'object' ? saved : {}) as Record<string, unknown>
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d)
  return {
    snapAngle: SNAP_ANGLES_DEG.includes(s['snapAngle'] as SnapAngle)
      ? (s['snapAngle'] as SnapAngle)
      : DEFAULT_COMFORT.snapAngle,
    smoothTurn: bool(s['smoothTurn'], DEFAULT_COMFORT.smoothTurn),
    vignette: bool(s['vignette'], DEFAULT_COMFORT.vignette),
    seated: bool(s['seated'], DEFAULT_COMFORT.seated),
  }
}

/** The next snap angle in the list, wrapping around (a menu button cycles through them). */
export function nextSnapAngle(current: SnapAngle): SnapAngle {
  const i = SNAP_ANGLES_DEG.indexOf(current)
  return SNAP_ANGLES_DEG[(i + 1) % SNAP_ANGLES_DEG.length]!
}

export type ComfortToggle = 'smoothTurn' | 'vignette' | 'seated'

export const toggleComfort = (c: ComfortSettings, key: ComfortToggle): ComfortSettings => ({
  ...c,
  [key]: !c[key],
})

export const snapRadians = (c: ComfortSettings) => (c.snapAngle * Math.PI) / 180

/**
 * The vignette's strength this frame: it closes for a blink after a jump or a snap turn, follows
 * the speed of a smooth turn, and fades back to clear; always 0 when the visitor turned it off.
 */
export function vignetteStrength(
  enabled: boolean,
  current: number,
  target: number,
  dt: number,
  fadeRate: number,
): number {
  if (!enabled) return 0
  if (target >= current) return target
  return Math.max(target, current - fadeRate * dt)
}
