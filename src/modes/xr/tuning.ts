/**
 * Tuning of the headset mode, as data. Distances are metres (1 unit = 1 m), angles radians
 * unless the name says degrees, times seconds.
 */
import { WALK } from '../../features/stage/walk'

export const XR = {
  /** Eye height a seated visitor is raised to: the same standing adult as walk mode's camera. */
  standingEyeHeight: WALK.eyeHeight,
  /** Depth range of the eyes: hands and panels up close, the far edge of the site's ground. */
  near: 0.1,
  far: 20000,
  /**
   * Fixed foveation, 0 (none) .. 1 (most). A middle value: the periphery of a lawn and sky loses
   * nothing visible, while the panels, read straight ahead, stay sharp.
   */
  foveation: 0.5,
  /** Preferred refresh rate: the highest offered up to this (Quest: 90 over the default 72). */
  preferredFrameRate: 90,
} as const

export const TELEPORT = {
  /** Launch speed of the arc (m/s): about 25 m of reach on level ground. */
  speed: 15,
  gravity: 9.81,
  /** Time step between arc points (s) and most points drawn. */
  step: 0.045,
  maxPoints: 64,
  /** The arc gives up this far below the lowest walkable floor. */
  floorMargin: 2,
  /** Width of the drawn arc ribbon. */
  ribbonWidth: 0.03,
  /** Landing marker radius. */
  markerRadius: 0.32,
} as const

export const STICK = {
  /** Push past this to arm an action (teleport aim, snap turn). */
  engage: 0.7,
  /** Come back inside this to release (teleport) or re-arm (snap turn). */
  release: 0.3,
  /** Dead zone of smooth turning. */
  deadZone: 0.2,
  /** Smooth turning speed at full deflection (rad/s). */
  smoothTurnRate: Math.PI / 2,
} as const

export const COMFORT_VIGNETTE = {
  /** How long (s) the vignette closes over a teleport or a snap turn. */
  blink: 0.18,
  /** Strength while turning smoothly at full speed (0..1). */
  smoothTurn: 0.85,
  /** Fade speed back to clear (strength per second). */
  fadeRate: 4,
} as const

export const PANEL = {
  /** Distance in front of the head where the story panel opens (within arm's reach for poking). */
  distance: 0.75,
  /** Below eye level, so the site stays in view above it. */
  drop: 0.18,
  /**
   * To the right of the line of sight (rad, negative yaw is right), so the story's marker stays in
   * view ahead, the captions (low, centred) and the menu on the left wrist stay clear of it.
   */
  side: (-40 * Math.PI) / 180,
  /**
   * Width (m); height follows the content. The canvas (features/xr-panels) gives ~2000 px/m, so
   * body text (36 px) is ~18 mm tall (1.4° at 0.75 m).
   */
  width: 0.5,
} as const

export const CAPTIONS = {
  distance: 1.3,
  drop: 0.45,
  width: 0.8,
  /** The captions stay put until the head turns this far from them (rad)... */
  deadZone: (20 * Math.PI) / 180,
  /** ...then catch up at this rate (fraction of the gap closed per second, exponential). */
  followRate: 3,
} as const

/** A notice the visitor must see (the kiosk's countdown): straight ahead, at eye level, large. */
export const NOTICE = {
  distance: 1.4,
  /** A little below eye level, where reading is comfortable. */
  drop: 0.1,
  width: 0.9,
  canvasWidth: 1024,
  canvasHeight: 720,
  /** Follows the view more closely than captions: it must not be missed. */
  deadZone: (10 * Math.PI) / 180,
  followRate: 4,
} as const

export const MENU = {
  width: 0.2,
  canvasWidth: 600,
  canvasMaxHeight: 1400,
  /** Offset from the left wrist or controller grip, in its own space. */
  offset: [0, 0.06, 0.05] as const,
  /** Tilted towards the face when the forearm is held up. */
  tilt: -Math.PI / 3,
} as const

/** Narration heard from the hotspot: direction always, distance only gently (stories are far). */
export const NARRATION_AUDIO = {
  distanceModel: 'inverse' as DistanceModelType,
  refDistance: 15,
  rolloffFactor: 0.05,
  maxDistance: 500,
} as const

/**
 * Dynamic resolution in the headset: when frames overrun the session's frame budget (1000 ms / the
 * refresh rate) several times in a row, each eye's viewport is drawn a step smaller
 * (`XRView.requestViewportScale`); after a sustained spell back within budget it climbs a step.
 * Quick to drop (a stutter in a headset is felt at once), slow to climb (no back-and-forth).
 */
export const DYNAMIC_RESOLUTION = {
  /** Viewport scale bounds and step (1 = the full recommended resolution). */
  min: 0.5,
  max: 1,
  step: 0.1,
  /** A frame is over budget above budget × this (a missed refresh shows as ~2×). */
  overFactor: 1.2,
  /** ...and within budget at or below budget × this (the interval jitters around the budget). */
  underFactor: 1.1,
  /** Consecutive over-budget frames before dropping a step. */
  dropAfterFrames: 5,
  /** Uninterrupted time within budget (ms) before climbing a step. */
  climbAfterMs: 2000,
  /** Frames ignored at the start of a session (set-up, first uploads). */
  warmupFrames: 10,
} as const

/**
 * The in-world diagnostics of `?diagnostics=1` (a headset shows no page): up and to the left, where
 * neither the story panel (right), the captions (low, centred) nor the menu (left wrist) are, and a
 * glance away from the site.
 */
export const DIAGNOSTICS = {
  distance: 1.2,
  /** Slightly above eye level (a negative drop). */
  drop: -0.12,
  /** To the left of the line of sight (rad, positive yaw is left). */
  side: (35 * Math.PI) / 180,
  /** Width (m): ~1450 px/m, so its 32 px text is ~22 mm tall (1° at 1.2 m). */
  width: 0.62,
  canvasWidth: 900,
  canvasHeight: 560,
  deadZone: (25 * Math.PI) / 180,
  followRate: 2,
  /** Redraws per second (a canvas texture upload each; never in the frame loop). */
  refreshHz: 2,
} as const
