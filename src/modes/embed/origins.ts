/**
 * Who may command an embedded tour, and where its events go.
 *
 * Commands are accepted only from parent pages whose origin is on the deployer's allow-list,
 * `scenes/embed.json` (read at start, so it changes without a rebuild; empty by default: events
 * only). Events go to the parent page's own origin, named explicitly — never `'*'` — and when that
 * origin cannot be known, no event is sent at all.
 */
import { z } from '../../core/content/zod'

export const EMBED_CONFIG_VERSION = 'portage.embed/1' as const
export const EMBED_CONFIG_FILE = 'scenes/embed.json'

export const EmbedConfigDocument = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(EMBED_CONFIG_VERSION),
  /**
   * Pages allowed to embed the app at all. Read by the server for its `frame-ancestors` policy
   * (tools/policy/security-policy.mjs), which also checks each entry; not used in the browser.
   */
  origins: z.array(z.string().max(300)).max(500).optional(),
  /**
   * Pages that may also send commands: exact origins such as `https://school.example.org`
   * (scheme, host and port). The server lets them embed the app too.
   */
  allowedOrigins: z.array(z.string().max(300)).max(500),
})

/** A parsed allow-list entry. */
export type OriginPattern = { protocol: string; port: string; host: string }

/**
 * Parse one allow-list entry, or null when it is not exactly an origin: no path, no query, no
 * wildcard — the same rule as the server's list of pages that may embed the app, so a page that
 * may command the tour can always embed it.
 */
export function parseOriginPattern(entry: string): OriginPattern | null {
  const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/i.exec(entry.trim())
  if (!m) return null
  const [, scheme, host, port] = m
  let url: URL
  try {
    url = new URL(`${scheme}://${host}${port ? `:${port}` : ''}`)
  } catch {
    return null
  }
  return { protocol: url.protocol, port: url.port, host: url.hostname }
}

/** Does `origin` (a MessageEvent's origin) match one of the patterns? */
export function isAllowedOrigin(origin: string, patterns: readonly OriginPattern[]): boolean {
  if (typeof origin !== 'string' || origin === 'null' || patterns.length === 0) return false
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  // An origin is scheme://host[:port] and nothing else.
  if (url.origin !== origin) return false
  return patterns.some((p) => p.protocol === url.protocol && p.port === url.port && p.host === url.hostname)
}

export type EmbedConfig = { patterns: OriginPattern[]; problems: string[] }

/** Read the config document; every problem is reported and a broken file allows nothing. */
export function parseEmbedConfig(json: unknown): EmbedConfig {
  const parsed = EmbedConfigDocument.safeParse(json)
  if (!parsed.success)
    return {
      patterns: [],
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`),
    }
  const patterns: OriginPattern[] = []
  const problems: string[] = []
  parsed.data.allowedOrigins.forEach((entry, i) => {
    const p = parseOriginPattern(entry)
    if (p) patterns.push(p)
    else
      problems.push(
        `allowedOrigins.${i}: "${entry}" is not exactly an origin such as https://school.example.org`,
      )
  })
  return { patterns, problems }
}

/** The parts of `window` needed to find the parent page's origin. */
export type FrameWindow = {
  parent: unknown
  location: { ancestorOrigins?: ArrayLike<string> }
  document: { referrer: string }
}

/**
 * The origin of the page that embeds this one, or null when not embedded or not knowable.
 * `location.ancestorOrigins` (Chromium, Safari) is exact; elsewhere the referrer is the embedding
 * page under the default referrer policy. A parent that hides both (`referrerpolicy="no-referrer"`
 * in a browser without ancestorOrigins) or is an opaque origin gets no events.
 */
export function parentOrigin(win: FrameWindow): string | null {
  if (win.parent === win || win.parent == null) return null
  const usable = (o: string | undefined) => {
    if (!o || o === 'null') return null
    try {
      const origin = new URL(o).origin
      return origin === 'null' ? null : origin
    } catch {
      return null
    }
  }
  const ancestors = win.location.ancestorOrigins
  if (ancestors && ancestors.length > 0) return usable(ancestors[0])
  return usable(win.document.referrer)
}
