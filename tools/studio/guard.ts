/**
 * What keeps the studio, a server that writes files, from being used by anyone but the person
 * running it:
 * - the Host header must name the studio itself (a page on another site that resolves its own
 *   name to 127.0.0.1, "DNS rebinding", would otherwise talk to it as same-origin);
 * - a request that changes anything (POST, PUT, DELETE) must come from the studio's own page: its
 *   Origin is the studio's origin (any web page open on the machine could otherwise post to it);
 * - every file written resolves, symbolic links included, inside `<root>/scenes/` or
 *   `<root>/assets/`, and every id taken from a request matches the tour format's id pattern.
 */
import { lstatSync, realpathSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ID } from '../../src/core/content/rules'
import { HttpError } from './http'

export const CONTENT_DIRS = ['scenes', 'assets'] as const
export type ContentDir = (typeof CONTENT_DIRS)[number]

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/**
 * The Host values the studio answers to: the loopback names at its port, and the address it was
 * asked to listen on (`--host 192.168.1.20`). `null` for a wildcard address (`--host 0.0.0.0`):
 * the names it will be reached by are not known, so any Host is accepted; the Origin check (which
 * then compares with the Host of the request) still guards every write.
 */
export function allowedHosts(host: string, port: number): Set<string> | null {
  if (host === '0.0.0.0' || host === '::') return null
  const names = [...LOOPBACK_NAMES, host.includes(':') ? `[${host}]` : host]
  return new Set(names.map((name) => `${name.toLowerCase()}:${port}`))
}

export const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1'

/** Refuses a request whose Host is not the studio (403), or whose write does not come from it. */
export function guardRequest(req: IncomingMessage, options: { hosts: Set<string> | null }): void {
  const host = String(req.headers.host ?? '').toLowerCase()
  if (options.hosts && !options.hosts.has(host))
    throw new HttpError(
      403,
      'bad-host',
      `The studio answers only to ${[...options.hosts][0]}; this request named "${host}".`,
    )
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return
  const origin = String(req.headers.origin ?? '')
  const expected = options.hosts ? [...options.hosts].map((h) => `http://${h}`) : [`http://${host}`]
  if (!expected.includes(origin))
    throw new HttpError(
      403,
      'bad-origin',
      origin
        ? `Changes are accepted only from the studio's own page, not from ${origin}.`
        : "Changes are accepted only from the studio's own page (the request has no Origin).",
    )
}

/** An id from a request (tour, stop, hotspot, site), or a 400. */
export function checkId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ID.test(value) || value.length > 100)
    throw new HttpError(400, 'bad-id', `The ${what} id must be lower-case words joined by hyphens.`)
  return value
}

/**
 * The absolute path of `rel` (e.g. `scenes/fort-york/tour.json`, `assets/audio/x/y.en.mp3`)
 * under `root`, after proving it stays in `scenes/` or `assets/`: no absolute path, no `..`, no
 * backslash or NUL, and the deepest existing folder (and the file itself, when it exists) resolves
 * inside the real content folder, so a symbolic link cannot lead a write elsewhere.
 */
export function contentPath(root: string, rel: string): string {
  const refuse = () =>
    new HttpError(403, 'outside-content', `The studio writes only inside scenes/ and assets/ ("${rel}").`)
  if (isAbsolute(rel) || rel.includes('\\') || rel.includes('\0')) throw refuse()
  const segments = rel.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw refuse()
  const top = segments[0] as ContentDir
  if (!CONTENT_DIRS.includes(top) || segments.length < 2) throw refuse()
  const base = realOrNull(join(root, top))
  if (!base) throw new HttpError(500, 'no-content-folder', `${join(root, top)} does not exist.`)
  const full = resolve(root, rel)
  // Walk up to the deepest part that exists and resolve it (a link anywhere on the way counts).
  let probe = full
  while (!exists(probe)) probe = dirname(probe)
  const real = realOrNull(probe)
  if (!real || !inside(base, real)) throw refuse()
  if (exists(full) && lstatSync(full).isSymbolicLink()) throw refuse()
  return full
}

/** `full` is `base` or below it. */
export const inside = (base: string, full: string) => {
  const r = relative(base, full)
  return r === '' || (!r.startsWith('..') && !isAbsolute(r) && !r.startsWith(`..${sep}`))
}

function exists(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path)
  } catch {
    return null
  }
}

/**
 * A file to read for `/scenes/**` or `/assets/**` (decoded URL path without the leading slash),
 * or null when it is not a plain file inside the real content folder (missing, a folder, a link
 * out, an encoded slash or `..`).
 */
export function readablePath(root: string, urlPath: string): string | null {
  if (/%2f|%5c|%00/i.test(urlPath)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  try {
    const full = contentPath(root, decoded)
    const real = realpathSync(full)
    const top = decoded.split('/')[0] ?? ''
    return inside(realpathSync(join(root, top)), real) && lstatSync(real).isFile() ? real : null
  } catch {
    return null
  }
}
