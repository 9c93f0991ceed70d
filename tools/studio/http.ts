/**
 * The studio server's small HTTP vocabulary: errors as `{ error, message }` with a status (never a
 * stack trace), JSON replies, and request bodies read with a cap so a wrong upload cannot fill the
 * memory of the machine a content team works on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Request body caps, bytes. */
export const BODY_LIMITS = {
  /** A tour document (JSON). */
  json: 5 * 1024 * 1024,
  /** Everything uploaded for one model import (a .glb, or a .gltf or .obj with its files). */
  model: 512 * 1024 * 1024,
  /** One voice-over recorded in the browser. */
  recording: 50 * 1024 * 1024,
  /** A poster rendered from the studio's canvas. */
  poster: 20 * 1024 * 1024,
} as const

/** An error the client is told about: a code it can act on, and a sentence a person can read. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  // A request refused before its body was read (too large, wrong Origin): the connection cannot
  // carry another request after the unread bytes, so it closes once the answer is sent.
  if (res.req && !res.req.complete) res.setHeader('Connection', 'close')
  if (error instanceof HttpError)
    sendJson(res, error.status, { error: error.code, message: error.message, ...error.extra })
  else {
    // Unexpected: logged for the developer running the studio, a plain sentence for the browser.
    console.error('studio:', error)
    sendJson(res, 500, { error: 'internal', message: 'The studio server failed; see its terminal.' })
  }
}

/** The whole body, or a 413 as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      req.resume()
      throw tooLarge(limit)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export const tooLarge = (limit: number) =>
  new HttpError(413, 'too-large', `The request is larger than ${Math.round(limit / 1024 / 1024)} MB.`)

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '')
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, 'unsupported-type', 'Send the request as application/json.')
  const body = await readBody(req, BODY_LIMITS.json)
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (e) {
    throw new HttpError(400, 'bad-json', `The request is not valid JSON: ${(e as Error).message}`)
  }
}

/** `value` as a plain object, or a 400 naming what was expected. */
export function objectBody(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'bad-request', `The request body must be ${what}.`)
  return value as Record<string, unknown>
}
