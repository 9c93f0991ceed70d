/**
 * Where the in-world panels stand in AR on a headset without a DOM overlay (Quest Browser). A
 * visitor at a table looks down at the miniature, so: the open story rises behind the miniature,
 * centred on it (in line with the gaze, above the site rather than over it); the miniature's
 * controls stand on the table at its right; both face the visitor, tilted back towards the eyes,
 * at a readable size whatever the site's scale; the captions lie on the table in front of it,
 * below the site in the visitor's view. Until the site is placed (or when it is too large to stand
 * by) they come to the visitor and follow the view, as in the headset mode. Pure functions of plain numbers (metres of the room, radians; yaw 0 faces -Z).
 */
import type { FollowTuning } from '../../features/xr-panels/follow'
import type { Vec3 } from './placement'

export const TABLETOP_PANELS = {
  /**
   * The story panel's width (m): a little wider than the headset's (0.5 m at 0.75 m), as it stands
   * farther, behind the site: ~1860 px/m, so its body text (36 px) is ~19 mm tall (~1° at 1.1 m).
   */
  storyWidth: 0.55,
  /** The controls' width (m). */
  barWidth: 0.5,
  /** Between the miniature's edge and a panel (m); the captions, lying lower, a little more. */
  gap: 0.06,
  captionsGap: 0.12,
  /** The story's foot above the table (m), clear of the miniature's roofs seen from above. */
  storyLift: 0.1,
  /** The controls' foot above the table (m). */
  barLift: 0.02,
  /** Between the controls and the story above them, when they travel together (m). */
  stack: 0.025,
  /**
   * Beside a site this large (its largest side, room metres) or farther than this from the eyes
   * (m), the panels would be out of reach or too small to read: they come to the visitor instead.
   */
  maxSiteSize: 1.4,
  maxReach: 1.8,
  /** ...then, as before placing: ahead, a little to the right, the controls' foot below eye level. */
  near: {
    distance: 0.8,
    drop: 0.5,
    side: (-20 * Math.PI) / 180,
    deadZone: (25 * Math.PI) / 180,
    followRate: 2,
  } satisfies FollowTuning,
  /** Captions: on the table in front of the site, or (following the view) below the line of sight. */
  captions: {
    width: 0.6,
    distance: 1.0,
    drop: 0.36,
    deadZone: (20 * Math.PI) / 180,
    followRate: 3,
  },
} as const

export type PanelPose = { x: number; y: number; z: number; yaw: number; pitch: number }

type Head = { x: number; y: number; z: number; yaw: number }
type Site = { surface: Vec3; size: number }

/**
 * The unit vector (x, z) from the site towards the visitor; from over the site, towards their back.
 */
function towardsVisitor(surface: Vec3, head: Head): [number, number] {
  const ux = head.x - surface[0]
  const uz = head.z - surface[2]
  const d = Math.hypot(ux, uz)
  return d < 0.05 ? [Math.sin(head.yaw), Math.cos(head.yaw)] : [ux / d, uz / d]
}

/**
 * A panel whose foot is at (x, y, z) and `height` tall, turned to face the visitor and tilted back
 * so its middle is square to their eyes; null when it would be too far to read.
 */
function facing(
  x: number,
  y: number,
  z: number,
  height: number,
  head: Head,
  maxReach: number,
): PanelPose | null {
  const dx = head.x - x
  const dz = head.z - z
  const reach = Math.hypot(dx, dz)
  if (Math.hypot(reach, head.y - y) > maxReach) return null
  const pitch = -Math.atan2(head.y - (y + height / 2), Math.max(reach, 0.05))
  return { x, y, z, yaw: Math.atan2(dx, dz), pitch }
}

type Tuning = Pick<
  typeof TABLETOP_PANELS,
  'storyLift' | 'barLift' | 'barWidth' | 'gap' | 'captionsGap' | 'maxSiteSize' | 'maxReach'
>

/**
 * The story's foot: behind the placed miniature (as the visitor sees it), centred on it, `gap`
 * beyond its far edge and `storyLift` above the table. `size` is the site's largest side in room
 * metres, `height` the panel's (m). Null for a site too large or a visitor too far: the caller
 * brings the panels to the visitor.
 */
export function behindSite(
  { surface, size }: Site,
  head: Head,
  height: number,
  t: Tuning = TABLETOP_PANELS,
): PanelPose | null {
  if (size > t.maxSiteSize) return null
  const [ux, uz] = towardsVisitor(surface, head)
  const back = size / 2 + t.gap
  return facing(
    surface[0] - ux * back,
    surface[1] + t.storyLift,
    surface[2] - uz * back,
    height,
    head,
    t.maxReach,
  )
}

/**
 * The controls' foot: on the table at the visitor's right of the miniature, `gap` from its side,
 * a quarter of the site back from its middle (nearer the line of sight than its front corner).
 */
export function besideSite(
  { surface, size }: Site,
  head: Head,
  height: number,
  t: Tuning = TABLETOP_PANELS,
): PanelPose | null {
  if (size > t.maxSiteSize) return null
  const [ux, uz] = towardsVisitor(surface, head)
  // The visitor looks along -u; their right is (uz, -ux).
  const side = size / 2 + t.gap + t.barWidth / 2
  const back = size / 4
  return facing(
    surface[0] + uz * side - ux * back,
    surface[1] + t.barLift,
    surface[2] - ux * side - uz * back,
    height,
    head,
    t.maxReach,
  )
}

/**
 * The captions' foot: on the table in front of the miniature (between it and the visitor), centred
 * on it, `captionsGap` from its near edge: below the site in the visitor's view, never over it.
 */
export function inFrontOfSite(
  { surface, size }: Site,
  head: Head,
  height: number,
  t: Tuning = TABLETOP_PANELS,
): PanelPose | null {
  if (size > t.maxSiteSize) return null
  const [ux, uz] = towardsVisitor(surface, head)
  const front = size / 2 + t.captionsGap
  return facing(
    surface[0] + ux * front,
    surface[1] + t.barLift,
    surface[2] + uz * front,
    height,
    head,
    t.maxReach,
  )
}
