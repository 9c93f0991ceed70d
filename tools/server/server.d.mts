// Types of server.mjs (plain JavaScript, so `npm start` runs it without a build).
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
export declare const TYPES: Readonly<Record<string, string>>
export declare function resolveFile(root: string, urlPath: string): string | null
export declare function byteRange(
  header: string | undefined,
  size: number,
): [number, number] | null | 'unsatisfiable'
export declare function isPrivate(relativePath: string): boolean
export declare const SERVER_LIMITS: Readonly<{
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  idleTimeoutMs: number
  checkIntervalMs: number
  maxConnections: number
}>
export declare function rawErrorResponse(status: number, headers: Record<string, string>): string
export declare function createPortageServer(options: {
  root: string
  embedders?: readonly string[]
  log?: (line: string) => void
  limits?: Partial<typeof SERVER_LIMITS>
  intercept?: (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => boolean
}): Server
export declare function portageHandler(options: {
  root: string
  embedders?: readonly string[]
  log?: (line: string) => void
}): (req: IncomingMessage, res: ServerResponse) => void
export declare function etagMatches(header: string | undefined, etag: string): boolean
export declare function notModified(
  headers: { 'if-none-match'?: string; 'if-modified-since'?: string },
  etag: string,
  mtime: Date,
): boolean
export declare const REPORT_LIMITS: Readonly<{ maxBytes: number; perMinute: number }>
export declare function cspReportLog(
  log?: (line: string) => void,
  now?: () => number,
  headers?: Record<string, string>,
): (req: IncomingMessage, res: ServerResponse) => void
export declare function openFilesLimit(): number | null
export declare function connectionsFor(limit: number | null): number
