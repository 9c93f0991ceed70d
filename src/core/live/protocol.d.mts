// Types of protocol.mjs (plain JavaScript, so the relay runs under `node` without a build).
import type { z } from 'zod'
export declare const LIVE: Readonly<{
  path: string
  codeLength: number
  maxFollowers: number
  idleMs: number
  guideGraceMs: number
  maxMessageBytes: number
  ratePerSecond: number
  rateBurst: number
  joinAttempts: number
  joinWindowMs: number
  viewEveryMs: number
  groupEveryMs: number
}>
export declare const CODE_ALPHABET: string
export type Vec3 = [number, number, number]
export type SessionState = {
  tour: string
  stop: string
  hotspot: string | null
  narration: 'idle' | 'playing' | 'paused'
  replays: number
  paused: boolean
  look: Vec3 | null
  lookSeq: number
}
export type View = { position: Vec3; target: Vec3 }
export type GuideMessage =
  | { t: 'create'; state: SessionState }
  | { t: 'resume'; code: string; secret: string }
  | { t: 'state'; state: SessionState }
  | { t: 'bring'; view: View }
  | { t: 'end' }
export type FollowerMessage =
  | { t: 'join'; code: string; name?: string; lang: string }
  | { t: 'view'; mode: FollowerMode; at: Vec3 | null; looking: boolean }
  | { t: 'leave' }
export type ClientMessage = GuideMessage | FollowerMessage
export type FollowerView = {
  id: string
  name?: string
  lang: string
  mode: FollowerMode
  at: Vec3 | null
  looking: boolean
}
export type FollowerMode = '3d' | 'xr' | '2d'
export type EndReason = 'guide' | 'idle' | 'gone'
export type ServerMessage =
  | { t: 'state'; state: SessionState }
  | { t: 'bring'; view: View }
  | { t: 'group'; from: string; followers: FollowerView[] }
  | { t: 'guide'; connected: boolean }
  | { t: 'ended'; reason: EndReason }
  | { t: 'refused'; reason: 'not-guide' | 'invalid' | 'rate' }
export type ReplyFailure = 'unknown' | 'full' | 'attempts' | 'invalid' | 'secret' | 'unavailable'
export type Reply =
  | { ok: true; code: string; secret?: string; state: SessionState; followers?: number }
  | { ok: false; reason: ReplyFailure }
export declare const codeSchema: z.ZodType<string>
export declare const sessionStateSchema: z.ZodType<SessionState>
export declare const viewSchema: z.ZodType<View>
export declare const guideMessageSchema: z.ZodType<GuideMessage>
export declare const followerMessageSchema: z.ZodType<FollowerMessage>
export declare const clientMessageSchema: z.ZodType<ClientMessage>
export declare const serverMessageSchema: z.ZodType<ServerMessage>
export declare const replySchema: z.ZodType<Reply>
export declare const EVENT: 'm'
export declare function messageBytes(message: unknown): number
