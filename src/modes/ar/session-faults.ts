/**
 * What a refused AR session tells the visitor: an i18n key chosen by the error's name, never the
 * browser's own (English, technical) text.
 */
import type { MessageKey } from '../../core/i18n/i18n'

export type ArFailureKey = Extract<MessageKey, 'ar.failed' | `ar.failed.${string}`>

export function arFailureKey(error: unknown): ArFailureKey {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  switch (name) {
    case 'NotAllowedError':
      return 'ar.failed.denied'
    // No hit-test here (it is required), or no immersive-ar at all.
    case 'NotSupportedError':
      return 'ar.failed.unsupported'
    default:
      return 'ar.failed'
  }
}
