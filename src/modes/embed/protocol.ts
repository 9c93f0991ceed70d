/**
 * The embed postMessage protocol, version `portage/1` (documented in docs/embed.md).
 *
 * A page that embeds a tour in an iframe talks to it with messages: commands go from the parent
 * page to the tour, events come back. Every message is a plain object tagged with the protocol
 * version; anything that does not parse is ignored. No React, no DOM: the bridge (bridge.ts) is
 * the only part that touches `window`.
 */
import { z } from '../../core/content/zod'
import type { NarrationStatus, Progress } from '../../core/engine/tour-engine'

export const PROTOCOL = 'portage/1' as const

/** Bounds on what a message may carry: ids and codes are short; nothing else is read. */
const LIMITS = { id: 100, name: 100 } as const

const Name = z.string().min(1).max(LIMITS.name)
/** Echoed in the reply so the parent can match it to its command. */
const RequestId = z.union([z.string().max(LIMITS.id), z.number().finite()])

const base = { protocol: z.literal(PROTOCOL), id: RequestId.optional() }

// Strict objects: within portage/1 a message has exactly these fields, so anything else in it
// means it is not what it claims to be, and it is ignored.
export const Command = z.discriminatedUnion('command', [
  z.strictObject({
    ...base,
    command: z.literal('goTo'),
    /** Defaults to the tour already open. */
    tour: Name.optional(),
    /** Defaults to the tour's first stop, or the stop of `hotspot`. */
    stop: Name.optional(),
    hotspot: Name.optional(),
  }),
  z.strictObject({ ...base, command: z.literal('setLanguage'), language: Name }),
  z.strictObject({ ...base, command: z.literal('playNarration') }),
  z.strictObject({ ...base, command: z.literal('pauseNarration') }),
  z.strictObject({ ...base, command: z.literal('getState') }),
])
export type Command = z.infer<typeof Command>
export type CommandName = Command['command']

export const COMMANDS: readonly CommandName[] = [
  'goTo',
  'setLanguage',
  'playNarration',
  'pauseNarration',
  'getState',
]

/** A command, or null for anything else (wrong version, unknown command, wrong types). Never throws. */
export function parseCommand(data: unknown): Command | null {
  try {
    const parsed = Command.safeParse(data)
    return parsed.success ? parsed.data : null
  } catch {
    // A hostile object (a throwing getter or proxy) is just another malformed message.
    return null
  }
}

/** What the tour shows now: carried by every event and by the reply to each command. */
export type EmbedState = {
  tour: string | null
  stop: string | null
  /** 0-based position of the stop in the tour. */
  stopIndex: number | null
  stopCount: number | null
  hotspot: string | null
  language: string
  narration: NarrationStatus
  progress: Progress | null
}

/** Why a command was not carried out. The tour's state is then unchanged. */
export type CommandError =
  'unknown-tour' | 'unknown-stop' | 'unknown-hotspot' | 'unknown-language' | 'no-hotspot-open'

type EventBody =
  | { event: 'ready'; acceptsCommands: boolean; commands: readonly CommandName[] }
  | { event: 'stopchange'; tour: string; stop: string; stopIndex: number }
  | { event: 'hotspotopen'; tour: string; stop: string; hotspot: string; value: string }
  | { event: 'narrationend'; hotspot: string }
  | { event: 'progress'; progress: Progress }
  | { event: 'tourcomplete'; tour: string }
  | { event: 'languagechange'; language: string }
  | {
      event: 'reply'
      id: string | number | null
      command: CommandName
      ok: boolean
      error?: CommandError
    }

export type EmbedEvent = EventBody & { protocol: typeof PROTOCOL; state: EmbedState }
export type EventName = EmbedEvent['event']

export const EVENTS: readonly EventName[] = [
  'ready',
  'stopchange',
  'hotspotopen',
  'narrationend',
  'progress',
  'tourcomplete',
  'languagechange',
  'reply',
]

export const makeEvent = (body: EventBody, state: EmbedState): EmbedEvent => ({
  protocol: PROTOCOL,
  ...body,
  state,
})
