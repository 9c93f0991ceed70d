/**
 * Loop playback of a site model's animation clips (kept by `npm run model:import --
 * --keep-animations`: a turning mill, a flag, water). Its own chunk, loaded only when a model has
 * clips, so the first frame never waits for it.
 *
 * Not three's AnimationMixer: three's core is one module in the 3D chunk, so using the mixer at all
 * would add its code (about 4 KB compressed) to every visitor's first frame. Looping every clip
 * from its start needs only what GLTFLoader already brings: each track's own interpolant (linear,
 * step, cubic spline, quaternion slerp) and PropertyBinding to write the values to the node.
 */
import { PropertyBinding, type AnimationClip, type Interpolant, type Object3D } from 'three'

export interface SiteAnimation {
  /** Advances every clip by `seconds`. */
  update(seconds: number): void
  readonly clips: number
  /** The animated values as the model now has them, read back from the nodes (for diagnostics). */
  pose(): number[]
  /** Puts every animated property back as the model had it. */
  stop(): void
}

/**
 * Documented in three's manual (PropertyBinding.getValue/setValue, KeyframeTrack.createInterpolant)
 * but left out of @types/three.
 */
interface Binding {
  getValue(target: number[], offset: number): void
  setValue(source: ArrayLike<number>, offset: number): void
}
type Track = AnimationClip['tracks'][number] & { createInterpolant(): Interpolant }

interface Channel {
  duration: number
  interpolant: Interpolant
  binding: Binding
  original: number[]
}

/** Plays every clip of the model in a loop, all at once, from their start. */
export function loopClips(root: Object3D, clips: readonly AnimationClip[]): SiteAnimation {
  const channels: Channel[] = []
  for (const clip of clips) {
    if (!(clip.duration > 0)) continue
    for (const track of clip.tracks) {
      const binding = PropertyBinding.create(root, track.name) as unknown as Binding
      const original: number[] = []
      binding.getValue(original, 0)
      channels.push({
        duration: clip.duration,
        interpolant: (track as Track).createInterpolant(),
        binding,
        original,
      })
    }
  }
  let time = 0
  const pose = () => {
    for (const c of channels) c.binding.setValue(c.interpolant.evaluate(time % c.duration), 0)
  }
  // The first frame at once, so a paused model (reduced motion) shows the clips' start.
  pose()
  return {
    update: (seconds) => {
      if (!(seconds > 0)) return
      time += seconds
      pose()
    },
    clips: clips.length,
    pose: () =>
      channels.flatMap((c) => {
        const now: number[] = []
        c.binding.getValue(now, 0)
        return now.map((v) => +v.toFixed(4))
      }),
    stop: () => {
      for (const c of channels) c.binding.setValue(c.original, 0)
    },
  }
}
