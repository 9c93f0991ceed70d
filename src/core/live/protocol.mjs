// The live-tour protocol (issue 16): every message between a guide, the relay and followers, as
// zod schemas shared by the relay (tools/server/live/, plain Node: `npm start` runs no build, so
// this is JavaScript typed by protocol.d.mts) and the browser (src/modes/live/). Both ends parse
// every message they receive with the same schema; anything else is dropped.
import { z } from 'zod'

// No code generation: zod's JIT compiles parsers with `new Function`, which the page's strict CSP
// (no 'unsafe-eval') refuses; the same choice as src/core/content/zod.ts, here for the live chunk.
z.config({ jitless: true })

/** Tuning of a session, documented in docs/live.md. */
export const LIVE = Object.freeze({
  /** Socket.IO's path on the page's own origin. */
  path: '/live/',
  /** Join codes: this many characters of CODE_ALPHABET (31^8 ≈ 8.5e11 codes). */
  codeLength: 8,
  /** Followers a session holds; the next one is told it is full. */
  maxFollowers: 250,
  /** A session with no word from its guide for this long ends (ms). */
  idleMs: 30 * 60_000,
  /** A guide whose connection dropped has this long to come back before followers are told (ms). */
  guideGraceMs: 2 * 60_000,
  /** Largest message the relay reads, bytes. */
  maxMessageBytes: 4096,
  /** Messages per second a connection may send (token bucket), and the burst it may save up. */
  ratePerSecond: 12,
  rateBurst: 24,
  /** Failed join attempts per client address per window, and the window (ms). */
  joinAttempts: 10,
  joinWindowMs: 10 * 60_000,
  /** How often a follower reports where it looks, and the relay sums them up for the guide (ms). */
  viewEveryMs: 500,
  groupEveryMs: 1000,
})

/** No 0/O, 1/I/L: a code read across a room is typed right. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
export const codeSchema = z
  .string()
  .length(LIVE.codeLength)
  .regex(new RegExp(`^[${CODE_ALPHABET}]+$`))
const finite = z.number().finite()
const vec3 = z.tuple([finite, finite, finite])
const secret = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/)
const lang = z.string().regex(/^[a-z]{2,3}$/)
const mode = z.enum(['3d', 'xr', '2d'])

/** Where the group is. The narration is its state, not a position: each follower hears it in their own language. */
export const sessionStateSchema = z.object({
  tour: id,
  stop: id,
  hotspot: id.nullable(),
  narration: z.enum(['idle', 'playing', 'paused']),
  /** Bumped by the guide's Replay, so a replay of the same story reaches everyone. */
  replays: z.number().int().min(0).max(1e6),
  /** "Pause all": everyone's narration stops and their screen asks them to look up. */
  paused: z.boolean(),
  /** "Look here": a point on the site, or none. */
  look: vec3.nullable(),
  /** Bumped with every new "look here", so the same point asked for twice shows again. */
  lookSeq: z.number().int().min(0).max(1e6),
})

export const viewSchema = z.object({ position: vec3, target: vec3 })

/** Guide → relay. */
export const guideMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('create'), state: sessionStateSchema }),
  z.object({ t: z.literal('resume'), code: codeSchema, secret }),
  z.object({ t: z.literal('state'), state: sessionStateSchema }),
  z.object({ t: z.literal('bring'), view: viewSchema }),
  z.object({ t: z.literal('end') }),
])

/** Follower → relay. */
export const followerMessageSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('join'),
    code: codeSchema,
    /** Optional first name, shown only to the guide, never stored or logged. */
    name: z
      .string()
      .trim()
      .max(24)
      .regex(/^[^\p{Cc}<>]*$/u)
      .optional(),
    lang,
  }),
  z.object({
    t: z.literal('view'),
    /** How the follower tours: the 3D view, the headset or the 2D tour. */
    mode,
    /** The point on the site at the centre of the follower's view (null on the 2D tour). */
    at: vec3.nullable(),
    /** The open story is in the follower's view (on the 2D tour: its panel is open and the page shown). */
    looking: z.boolean(),
  }),
  z.object({ t: z.literal('leave') }),
])

export const clientMessageSchema = z.union([guideMessageSchema, followerMessageSchema])

const followerView = z.object({
  id: z.string().max(40),
  name: z.string().max(24).optional(),
  lang,
  mode,
  at: vec3.nullable(),
  looking: z.boolean(),
})

/** Relay → client. */
export const serverMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('state'), state: sessionStateSchema }),
  z.object({ t: z.literal('bring'), view: viewSchema }),
  /** To the guide: the followers one relay process holds (each process reports its own). */
  z.object({
    t: z.literal('group'),
    from: z.string().max(40),
    followers: z.array(followerView).max(LIVE.maxFollowers),
  }),
  z.object({ t: z.literal('guide'), connected: z.boolean() }),
  z.object({ t: z.literal('ended'), reason: z.enum(['guide', 'idle', 'gone']) }),
  z.object({ t: z.literal('refused'), reason: z.enum(['not-guide', 'invalid', 'rate']) }),
])

/** Replies to create / resume / join. */
export const replySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    code: codeSchema,
    secret: secret.optional(),
    state: sessionStateSchema,
    followers: z.number().int().min(0).optional(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['unknown', 'full', 'attempts', 'invalid', 'secret', 'unavailable']),
  }),
])

/** The event name every message travels under. */
export const EVENT = 'm'

/** Bytes of a message as JSON, for the size limit (the same count at both ends). */
export function messageBytes(message) {
  try {
    return new TextEncoder().encode(JSON.stringify(message)).length
  } catch {
    return Infinity
  }
}
