/**
 * What a refused headset session tells the visitor: an i18n key chosen by the error's name, never
 * the browser's own (English, technical) text.
 */
import type { MessageKey } from '../../core/i18n/i18n'

/** The strings a refused session can show; each is checked against `en.json`. */
export type VrFailureKey = Extract<MessageKey, 'vr.failed' | `vr.failed.${string}`>

/** The message for a refused `requestSession`, by the DOMException's name. */
export function vrFailureKey(error: unknown): VrFailureKey {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  switch (name) {
    // The visitor (or the browser on their behalf) said no to the permission prompt.
    case 'NotAllowedError':
      return 'vr.failed.denied'
    // Not allowed here: an insecure page, or a frame without `allow="xr-spatial-tracking"`.
    case 'SecurityError':
      return 'vr.failed.blocked'
    // The device cannot do an immersive-vr session with the features asked for.
    case 'NotSupportedError':
      return 'vr.failed.unsupported'
    default:
      return 'vr.failed'
  }
}
