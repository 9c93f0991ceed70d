// Types of kiosk-channel.mjs (plain JavaScript, so `npm start` runs it without a build).
import type { IncomingMessage, ServerResponse } from 'node:http'
export declare const KIOSK_SECRET_HEADER: 'x-portage-kiosk'
export declare function kioskChannel(
  launcher: { port: () => number; send: (message: { type: string; body: string }) => void } | null,
  secret: string | undefined,
): (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => boolean
