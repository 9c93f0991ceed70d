// The security headers of every response, in one place: `tools/server/serve.mjs` (npm start and the
// browser tests) sends them, the build writes them to `dist/_headers` for static hosts, and
// docs/security.md explains each. Plain JavaScript so the Node server can import it without a
// build step; types in security-policy.d.mts.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CACHE_CONTROL, IMMUTABLE_PREFIX } from './delivery-policy.mjs'

/**
 * The Content-Security-Policy, directive by directive. Nothing inline, nothing evaluated, nothing
 * from another origin. Why each source is there:
 * - `'wasm-unsafe-eval'`: three's meshopt decoder (main thread) and Draco decoder (worker) compile
 *   WebAssembly. It allows WebAssembly compilation only, not `eval` or `new Function`.
 * - `blob:` in worker-src: three's DRACOLoader starts its decoder workers from a Blob URL.
 * - `blob:` in img-src and connect-src: GLTFLoader hands a model's embedded textures to the image
 *   loader as Blob URLs, and in Chromium that loader is `fetch()` + createImageBitmap.
 * - `data:` in img-src: small images some libraries inline as data URLs.
 * - worker-src `'self'`: the kiosk's service worker (/sw.js).
 * Inline scripts are only allowed by hash: the build adds one, the import map that carries the
 * integrity of every lazily imported chunk (see tools/build/vite-security.ts).
 */
export const CSP_DIRECTIVES = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'"],
  'connect-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'frame-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'self'"],
  // Violations are reported to our own server (logged by tools/server/server.mjs): pages, frames and
  // workers alike, so an operator learns when the policy blocks something. (report-uri is the
  // CSP2 form every browser sends; on a static host the POST simply fails.)
  'report-uri': ['/csp-report'],
})

/** Where the browser sends CSP violation reports (the report-uri above). */
export const CSP_REPORT_PATH = '/csp-report'

/**
 * Permissions-Policy. Features the modes use are granted to this origin only: in an iframe a
 * feature is available when the embedding page delegates it (`<iframe allow="xr-spatial-tracking">`)
 * AND this header allows our own origin, so `self` is what grants it to allowed embedders (an
 * embedder's origin listed here would only matter for frames *we* embedded, and we embed none).
 * Who may embed at all is decided by frame-ancestors. Powerful features no mode uses are off.
 */
export const PERMISSIONS = Object.freeze({
  granted: [
    'xr-spatial-tracking', // the headset mode
    'fullscreen', // kiosk and the embed's full-screen button
    'autoplay', // narration starting when a story opens
    'screen-wake-lock', // kiosk: the screen stays on
    'accelerometer', // mobile: look around by moving the phone
    'gyroscope',
    'magnetometer',
  ],
  denied: [
    'camera',
    'microphone',
    'geolocation',
    'payment',
    'usb',
    'serial',
    'hid',
    'midi',
    'display-capture',
  ],
})

/**
 * Check a list of embedder origins: each must be exactly an origin (`https://host[:port]`, or
 * `http://` for localhost, *.localhost and 127.0.0.1 in development), with no path, wildcard, quote, space or
 * semicolon, so a configuration value can never add a CSP directive or a source like `*`.
 */
export function parseOrigins(values) {
  const origins = []
  const errors = []
  for (const raw of values) {
    const value = String(raw).trim()
    if (!value) continue
    let url
    try {
      url = new URL(value)
    } catch {
      errors.push(`"${value}" is not a URL`)
      continue
    }
    // Loopback names (RFC 6761 reserves *.localhost) may use http, for development and tests.
    const local = ['localhost', '127.0.0.1'].includes(url.hostname) || url.hostname.endsWith('.localhost')
    if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$/.test(url.hostname))
      errors.push(`"${value}" must name one host (no wildcard)`)
    else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
      errors.push(`"${value}" must be an https:// origin`)
    else if (url.origin !== value && `${url.origin}/` !== value)
      errors.push(`"${value}" must be an origin only (scheme, host and port), e.g. "${url.origin}"`)
    else if (!origins.includes(url.origin)) origins.push(url.origin)
  }
  return { origins, errors }
}

/**
 * Embedder origins of this deployment: `PORTAGE_EMBED_ORIGINS` (space- or comma-separated) when
 * set, else the `origins` of `scenes/embed.json` together with its `allowedOrigins` (the pages
 * that may also send commands to an embedded tour), else none.
 * A malformed list throws: the server and the build refuse to start rather than guess.
 */
export function embedOrigins(root, env = process.env) {
  let values = []
  let from = 'no embedders configured'
  if (env.PORTAGE_EMBED_ORIGINS !== undefined) {
    values = env.PORTAGE_EMBED_ORIGINS.split(/[\s,]+/)
    from = 'PORTAGE_EMBED_ORIGINS'
  } else {
    const file = join(root, 'scenes', 'embed.json')
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8'))
      if (!Array.isArray(json?.origins))
        throw new Error('scenes/embed.json: "origins" must be a list of origins')
      // A page allowed to command an embedded tour (the embed mode's postMessage allow-list) must
      // be able to embed it in the first place.
      const commanders = json.allowedOrigins ?? []
      if (!Array.isArray(commanders))
        throw new Error('scenes/embed.json: "allowedOrigins" must be a list of origins')
      values = [...json.origins, ...commanders]
      from = 'scenes/embed.json'
    }
  }
  const { origins, errors } = parseOrigins(values)
  if (errors.length) throw new Error(`${from}: ${errors.join('; ')}`)
  return origins
}

/** `'sha256-…'` sources for the inline scripts of an HTML page (the build's import map). */
export function inlineScriptHashes(html) {
  const hashes = []
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[2] ?? '', 'utf8')
        .digest('base64')}'`,
    )
  }
  return hashes
}

export function contentSecurityPolicy({ embedders = [], scriptHashes = [] } = {}) {
  const directives = { ...CSP_DIRECTIVES }
  directives['script-src'] = [...CSP_DIRECTIVES['script-src'], ...scriptHashes]
  directives['frame-ancestors'] = [...CSP_DIRECTIVES['frame-ancestors'], ...embedders]
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

export function permissionsPolicy() {
  return [...PERMISSIONS.granted.map((f) => `${f}=(self)`), ...PERMISSIONS.denied.map((f) => `${f}=()`)].join(
    ', ',
  )
}

/**
 * Headers for every response (the same for pages and files: on a file the page-only headers are
 * ignored, and one set keeps static-host configuration to a single rule).
 */
export function securityHeaders({ embedders = [], scriptHashes = [] } = {}) {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy({ embedders, scriptHashes }),
    'Permissions-Policy': permissionsPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Source links open in a new tab with noopener already; this also cuts any opener link.
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
  // X-Frame-Options cannot name several origins; browsers that know frame-ancestors ignore it.
  if (embedders.length === 0) headers['X-Frame-Options'] = 'SAMEORIGIN'
  return headers
}

/**
 * The same headers as configuration for a static host: `_headers` (Netlify, Cloudflare Pages; the
 * build writes it to dist/), `nginx` (`add_header` lines for a server or location block) or
 * `apache` (`Header always set` lines for a VirtualHost or .htaccess). See docs/deploy.md.
 */
export function headersConfig(format, { embedders = [], scriptHashes = [] } = {}) {
  const headers = Object.entries(securityHeaders({ embedders, scriptHashes }))
  const quoted = (v) => `"${v.replace(/(["\\])/g, '\\$1')}"`
  const note = [
    '# Generated from tools/policy/security-policy.mjs for this build (the import map hash changes with',
    '# every build): regenerate after each `npm run build`. See docs/deploy.md.',
  ]
  if (format === 'nginx')
    return [...note, ...headers.map(([k, v]) => `add_header ${k} ${quoted(v)} always;`), ''].join('\n')
  if (format === 'apache')
    return [...note, ...headers.map(([k, v]) => `Header always set ${k} ${quoted(v)}`), ''].join('\n')
  if (format === '_headers')
    return [
      ...note,
      '/*',
      ...headers.map(([k, v]) => `  ${k}: ${v}`),
      '',
      // These hosts join the values of every rule a path matches: /* must not set Cache-Control.
      '# Hashed files: a year, immutable (tools/policy/delivery-policy.mjs). Everything else keeps the',
      "# host's default, which revalidates (Netlify, Cloudflare Pages: max-age=0, must-revalidate).",
      `${IMMUTABLE_PREFIX}*`,
      `  Cache-Control: ${CACHE_CONTROL.immutable}`,
      '',
    ].join('\n')
  throw new Error(`unknown format "${format}" (use _headers, nginx or apache)`)
}

/** The `_headers` file the build writes to dist/. */
export function headersFile(options = {}) {
  return headersConfig('_headers', options)
}
