// Types of relay.mjs (plain JavaScript, so the relay runs under `node` without a build).
import type { Server as HttpServer, IncomingHttpHeaders } from 'node:http'
import type { Server } from 'socket.io'
import type { LIVE } from '../../../src/core/live/protocol.mjs'
import type { SessionStore } from './session-store.mjs'
export type LiveOptions = {
  redisUrl?: string
  origins?: string[]
  trustProxy?: boolean
  log?: (line: string) => void
  limits?: Partial<typeof LIVE>
}
export declare function newCode(): string
export declare function originAllowed(headers: IncomingHttpHeaders, origins?: string[]): boolean
export declare function attachLive(
  server: HttpServer,
  options?: LiveOptions,
): Promise<{ io: Server; store: SessionStore; processId: string; close(): Promise<void> }>
export declare function liveOptionsFromEnv(env: Record<string, string | undefined>): LiveOptions
