// The kiosk launcher's channel (`/__kiosk/`): the kiosk page's heartbeat and the operator's "close
// the kiosk" reach tools/kiosk/launcher.ts through the server it started (an IPC channel).
//
// Any web page open on the kiosk's machine can send requests to 127.0.0.1, so being on this machine
// proves nothing. A request that acts (heartbeat, quit) must carry this launch's secret in a header
// and come from the kiosk's own origin:
// - the secret is given only by `GET /__kiosk/status`, a same-origin request without CORS: a page
//   of another origin can send it, but never read the answer;
// - a custom header on a POST needs a CORS preflight from another origin, which is never granted;
// - the Origin of a POST must be this server's, and the Host a loopback name with this server's
//   port: a page that rebinds its own domain name to 127.0.0.1 (DNS rebinding) is same-origin in
//   the browser's eyes but says its own name in Host, and gets nothing.
// Without a launcher (plain `npm start`), /__kiosk/status says so and nothing else answers.
import { randomBytes, timingSafeEqual } from 'node:crypto'

/** The request header that carries the launch's secret (src/modes/kiosk/launcher-link.ts). */
export const KIOSK_SECRET_HEADER = 'x-portage-kiosk'

const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]'])
const ACTIONS = { '/__kiosk/heartbeat': 'heartbeat', '/__kiosk/quit': 'quit' }

/**
 * @param {{ port: () => number, send: (message: { type: string, body: string }) => void } | null} launcher
 *   the launcher's IPC channel, null when no launcher started this server
 * @param {string | undefined} secret this launch's secret (the launcher may pass one, so a server it
 *   restarts keeps it); a random one otherwise
 * @returns the server's `intercept`: true when it answered the request
 */
export function kioskChannel(launcher, secret) {
  const key = Buffer.from(secret || randomBytes(32).toString('base64url'))
  const holdsSecret = (given) => {
    const b = Buffer.from(String(given ?? ''))
    return b.length === key.length && timingSafeEqual(b, key)
  }
  return (req, res, headers) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    if (!path.startsWith('/__kiosk/')) return false
    const reply = (status, body) =>
      res
        .writeHead(status, {
          ...headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(body === undefined ? undefined : JSON.stringify(body))
    const local = launcher !== null && isLocal(req, launcher.port())
    if (path === '/__kiosk/status' && req.method === 'GET') {
      const fetchSite = req.headers['sec-fetch-site']
      const ownPage = fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none'
      reply(
        200,
        local && ownPage ? { launcher: true, secret: key.toString() } : { launcher: launcher !== null },
      )
      return true
    }
    const action = ACTIONS[path]
    const refusal =
      !local || !action
        ? 404
        : req.method !== 'POST'
          ? 405
          : req.headers.origin !== `http://${req.headers.host}` ||
              !holdsSecret(req.headers[KIOSK_SECRET_HEADER])
            ? 403
            : 0
    if (refusal) {
      reply(refusal, refusal === 404 ? { launcher: launcher !== null } : {})
      return true
    }
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body = (body + chunk).slice(0, 100)))
    req.on('error', () => res.destroy())
    req.on('end', () => {
      launcher.send({ type: action, body })
      reply(204)
    })
    return true
  }
}

/** From this machine, to this server by a loopback name (not a name rebound to 127.0.0.1). */
function isLocal(req, port) {
  if (!LOOPBACK_PEERS.has(req.socket.remoteAddress ?? '')) return false
  const m = /^(.+):(\d+)$/.exec(req.headers.host ?? '')
  return m !== null && LOOPBACK_NAMES.has(m[1].toLowerCase()) && Number(m[2]) === port
}
