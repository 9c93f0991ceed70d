/** Walk mode tuning, as data. */
export const WALK = {
  /** Eye height above the floor, metres (a standing adult). */
  eyeHeight: 1.6,
  /** Walking speed, m/s; Shift runs. */
  speed: 3,
  runFactor: 3,
  /** Radians of turn per pixel dragged. */
  lookPerPixel: 0.004,
  maxPitch: 1.2,
  /** Key codes (physical keys: W A S D sit where Z Q S D are on a French AZERTY keyboard). */
  forward: ['KeyW', 'ArrowUp'],
  back: ['KeyS', 'ArrowDown'],
  left: ['KeyA', 'ArrowLeft'],
  right: ['KeyD', 'ArrowRight'],
} as const
