/**
 * The dynamic resolution controller, pure and allocation-free: fed each frame's time and the
 * frame budget, it decides the viewport scale. Hysteresis: a step down after `dropAfterFrames`
 * consecutive frames over budget, a step up only after `climbAfterMs` of frames within budget,
 * bounded to `min..max`. Anything in between (a little over, not enough to count) restarts both.
 */
import { DYNAMIC_RESOLUTION } from './tuning'

export type DynamicResolutionTuning = {
  min: number
  max: number
  step: number
  overFactor: number
  underFactor: number
  dropAfterFrames: number
  climbAfterMs: number
}

export type DynamicResolution = {
  /** Current viewport scale, min..max. */
  scale: number
  /** Consecutive frames over budget so far. */
  overFrames: number
  /** Time (ms) of consecutive frames within budget so far. */
  underMs: number
  drops: number
  climbs: number
}

export function createDynamicResolution(t: DynamicResolutionTuning = DYNAMIC_RESOLUTION): DynamicResolution {
  return { scale: t.max, overFrames: 0, underMs: 0, drops: 0, climbs: 0 }
}

/** Round to hundredths, so repeated steps land on 0.9, 0.8, ... and not on 0.7999999. */
const round = (v: number) => Math.round(v * 100) / 100

/**
 * One frame: mutates `state`, returns true when the scale changed (then apply it). Invalid input
 * (a non-finite or non-positive time or budget) is ignored.
 */
export function updateDynamicResolution(
  state: DynamicResolution,
  frameMs: number,
  budgetMs: number,
  t: DynamicResolutionTuning = DYNAMIC_RESOLUTION,
): boolean {
  if (!(frameMs > 0) || !(budgetMs > 0) || !Number.isFinite(frameMs) || !Number.isFinite(budgetMs))
    return false
  if (frameMs > budgetMs * t.overFactor) {
    state.underMs = 0
    state.overFrames++
    if (state.overFrames < t.dropAfterFrames) return false
    state.overFrames = 0
    const next = Math.max(t.min, round(state.scale - t.step))
    if (next === state.scale) return false
    state.scale = next
    state.drops++
    return true
  }
  state.overFrames = 0
  if (frameMs > budgetMs * t.underFactor) {
    state.underMs = 0
    return false
  }
  state.underMs += frameMs
  if (state.underMs < t.climbAfterMs) return false
  state.underMs = 0
  const next = Math.min(t.max, round(state.scale + t.step))
  if (next === state.scale) return false
  state.scale = next
  state.climbs++
  return true
}

/**
 * Where `requestViewportScale` is missing, the same pressure is relieved by more fixed foveation:
 * from the configured level at full scale up to the most at the lowest scale.
 */
export function foveationForScale(
  scale: number,
  base: number,
  t: DynamicResolutionTuning = DYNAMIC_RESOLUTION,
) {
  const pressure = (t.max - scale) / (t.max - t.min)
  return Math.min(1, Math.max(base, base + (1 - base) * pressure))
}
