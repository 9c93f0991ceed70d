/**
 * Where the narration's sound goes. One <audio> element (NarrationAudio) plays the narration in
 * every mode, so the page and the headset can never play it twice. On a screen it goes straight to
 * the speakers; in the headset the same element is routed through a Web Audio PannerNode placed at
 * the hotspot, so the story is heard from where it happens.
 *
 * A media element can be given to Web Audio only once (createMediaElementSource throws the second
 * time) and then plays only through the graph, so the graph is built on first use and kept: after
 * the headset it simply routes straight to the output again.
 *
 * One per page, made by its shell (createNarrationOutput) and given to the tree by
 * <NarrationOutputProvider> (narration-output-context.tsx); the headset mode gets the same one as a
 * port, to wake the audio inside the Enter VR click.
 */

export type SpatialOutput = { panner: PannerNode; listener: AudioListener }

export class NarrationOutput {
  /** The narration's <audio> element, while the tour view is mounted. */
  element: HTMLAudioElement | null = null
  private context: AudioContext | null = null
  private source: MediaElementAudioSourceNode | null = null
  private sourceOf: HTMLAudioElement | null = null
  private panner: PannerNode | null = null

  attach(element: HTMLAudioElement) {
    this.element = element
  }

  detach(element: HTMLAudioElement) {
    if (this.element === element) this.element = null
  }

  /**
   * Create or wake the audio context. Call it inside the visitor's gesture (the Enter VR click):
   * a context made without one starts suspended, and a suspended graph is silent.
   */
  prepare() {
    if (typeof AudioContext === 'undefined') return
    this.context ??= new AudioContext()
    if (this.context.state === 'suspended') void this.context.resume().catch(() => {})
  }

  /** Route the narration through a panner; null when Web Audio is not available. */
  spatialize(): SpatialOutput | null {
    const el = this.element
    this.prepare()
    const ctx = this.context
    if (!el || !ctx) return null
    if (this.sourceOf !== el) {
      this.source?.disconnect()
      this.source = ctx.createMediaElementSource(el)
      this.sourceOf = el
    }
    this.panner ??= ctx.createPanner()
    this.source!.disconnect()
    this.source!.connect(this.panner).connect(ctx.destination)
    return { panner: this.panner, listener: ctx.listener }
  }

  /** Back to plain output (after the headset). */
  flatten() {
    if (!this.source || !this.context) return
    this.source.disconnect()
    this.panner?.disconnect()
    this.source.connect(this.context.destination)
  }
}

export const createNarrationOutput = () => new NarrationOutput()
