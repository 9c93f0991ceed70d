// Types of server.mjs (plain JavaScript, so `npm start` runs it without a build).
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
export declare const TYPES: Readonly<Record<string, string>>
export declare function resolveFile(root: string, urlPath: string): string | null
export declare function byteRange(
  header: string | undefined,
  size: number,
): [number, number] | null | 'unsatisfiable'
export declare function createPortageServer(options: { root: string; embedders?: readonly string[] }): Server
export declare function portageHandler(options: {
  root: string
  embedders?: readonly string[]
}): (req: IncomingMessage, res: ServerResponse) => void
export declare const REPORT_LIMITS: Readonly<{ maxBytes: number; perMinute: number }>
export declare function cspReportLog(
  log?: (line: string) => void,
  now?: () => number,
): (req: IncomingMessage, res: ServerResponse) => void
