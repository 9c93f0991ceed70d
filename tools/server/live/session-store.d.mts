// Types of session-store.mjs (plain JavaScript, so the relay runs under `node` without a build).
import type { SessionState } from '../../../src/core/live/protocol.mjs'
export type SessionRecord = {
  state: SessionState
  secretHash: string
  guideOnline: boolean
  guideOffAt: number
}
export type SessionStore = {
  kind: 'memory' | 'redis'
  create(code: string, record: SessionRecord): Promise<boolean>
  get(code: string): Promise<SessionRecord | null>
  put(code: string, record: SessionRecord, options?: { touch?: boolean }): Promise<boolean>
  delete(code: string): Promise<void>
  sweep(): void
}
export declare function memorySessionStore(options?: {
  now?: () => number
  idleMs?: number
}): SessionStore & {
  readonly size: number
}
export declare function redisSessionStore(client: unknown, options?: { idleMs?: number }): SessionStore
