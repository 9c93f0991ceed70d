/**
 * The gate every `message` event passes before an embed API acts on it (for src/modes/embed/):
 * - the sender's origin must be on the allow-list, compared as an exact string (no prefix,
 *   suffix or case tricks; the opaque origin "null" never passes);
 * - when a source window is expected (the embedding parent), the message must come from it;
 * - the payload is copied through JSON within a size limit, which drops prototypes, getters,
 *   functions, Blobs and cycles, then parsed by the API's own schema;
 * - anything else is dropped and reported to nobody (answering an unknown origin would tell it
 *   the API exists).
 * Plain TypeScript with zod: no React, no DOM beyond the event's shape.
 */
import type { z } from 'zod'

export const MESSAGE_LIMITS = {
  /** Largest payload, in characters of its JSON: commands are small. */
  maxChars: 16 * 1024,
} as const

export type MessageLike = { origin: unknown; data: unknown; source?: unknown }

export type MessageGate<T> = {
  /** The parsed command, or null when the message must be ignored. Never throws. */
  accept(event: MessageLike): T | null
}

/** Copy a payload as plain JSON data, or undefined if it is not plain, too large or cyclic. */
export function plainData(data: unknown, maxChars: number = MESSAGE_LIMITS.maxChars): unknown {
  let text: string | undefined
  try {
    text = JSON.stringify(data)
  } catch {
    return undefined // cycles, BigInt, a throwing getter or toJSON
  }
  if (text === undefined || text.length > maxChars) return undefined
  return JSON.parse(text) as unknown
}

export function messageGate<T>(options: {
  origins: readonly string[]
  schema: z.ZodType<T>
  /** The window messages must come from (e.g. `() => window.parent`); any source when absent. */
  source?: () => unknown
  maxChars?: number
}): MessageGate<T> {
  const allowed = new Set(options.origins.filter((o) => o !== 'null'))
  return {
    accept(event) {
      try {
        if (typeof event.origin !== 'string' || !allowed.has(event.origin)) return null
        if (options.source && event.source !== options.source()) return null
        const data = plainData(event.data, options.maxChars)
        if (data === undefined) return null
        const parsed = options.schema.safeParse(data)
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
  }
}
