/**
 * Loop playback of a site model's animation clips (kept by `npm run model:import --
 * --keep-animations`: a turning mill, a flag, water). Its own chunk, loaded only when a model has
 * clips, so a still site pays nothing for three's AnimationMixer and the first frame never waits
 * for it.
 */
import { AnimationMixer, LoopRepeat, type AnimationClip, type Object3D } from 'three'

export interface SiteAnimation {
  /** Advances every clip by `seconds` (0 when paused: the pose holds). */
  update(seconds: number): void
  readonly clips: number
  stop(): void
}

/** Plays every clip of the model in a loop, all at once, from their start. */
export function loopClips(root: Object3D, clips: readonly AnimationClip[]): SiteAnimation {
  const mixer = new AnimationMixer(root)
  for (const clip of clips) mixer.clipAction(clip).setLoop(LoopRepeat, Infinity).play()
  // Pose the first frame at once, so a paused model (reduced motion) shows the clips' start.
  mixer.update(0)
  return {
    update: (seconds) => {
      if (seconds > 0) mixer.update(seconds)
    },
    clips: clips.length,
    stop: () => {
      mixer.stopAllAction()
      mixer.uncacheRoot(root)
    },
  }
}
