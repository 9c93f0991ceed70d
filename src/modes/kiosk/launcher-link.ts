/**
 * The page's side of `npm run kiosk` (tools/kiosk/launcher.ts). When the kiosk is served by the
 * launcher, `/__kiosk/status` answers and the page sends a heartbeat: a page that stops beating
 * (a hung tab, a crashed renderer showing "Aw, Snap!") gets its browser restarted. The launcher
 * also lets the operator screen close the kiosk. Same origin, local only: nothing leaves the device.
 *
 * Both requests carry the launch's secret (tools/server/kiosk-channel.mjs), which only a page of
 * the kiosk's own origin can read from `/__kiosk/status`: another web page open on the same machine
 * cannot close the kiosk or fake its heartbeat.
 */

/** How often the page reports it is alive (ms). The launcher's hang timeout is several of these. */
export const HEARTBEAT_MS = 5000

/** The header that carries the launch's secret (tools/server/kiosk-channel.mjs). */
export const KIOSK_SECRET_HEADER = 'X-Portage-Kiosk'

export type LauncherLink = { present: boolean; quit(): Promise<boolean>; stop(): void }

/**
 * @param win Where the requests and the heartbeat's timer come from (the page's window).
 * @param phase The kiosk's phase for each heartbeat; null skips a beat (while a new version takes
 *   over no request may leave the page, see offline.ts; the launcher's hang timeout is far longer).
 */
export async function connectLauncher(
  win: Pick<Window, 'fetch' | 'setInterval' | 'clearInterval'>,
  phase: () => string | null,
): Promise<LauncherLink> {
  /** Whether a launcher answers, and this launch's secret (null: none given). */
  const status = async () => {
    try {
      const res = await win.fetch('/__kiosk/status', { cache: 'no-store' })
      if (!res.ok) return { present: false, secret: null }
      const body = (await res.json()) as { launcher?: unknown; secret?: unknown }
      return {
        present: body.launcher === true,
        secret: typeof body.secret === 'string' ? body.secret : null,
      }
    } catch {
      return { present: false, secret: null }
    }
  }
  const found = await status()
  const present = found.present
  let secret = found.secret
  if (!present) return { present, quit: async () => false, stop() {} }
  const headers = () => (secret === null ? undefined : { [KIOSK_SECRET_HEADER]: secret })
  const beat = () => {
    const now = phase()
    if (now === null) return
    win
      .fetch('/__kiosk/heartbeat', { method: 'POST', body: now, keepalive: true, headers: headers() })
      .then(async (res) => {
        // Refused: the launcher was restarted with a new secret meanwhile; ask for it again.
        if (res.status === 403) secret = (await status()).secret
      })
      .catch(() => undefined)
  }
  void beat()
  const timer = win.setInterval(beat, HEARTBEAT_MS)
  return {
    present,
    async quit() {
      try {
        const ask = () => win.fetch('/__kiosk/quit', { method: 'POST', headers: headers() })
        let res = await ask()
        if (res.status === 403) {
          secret = (await status()).secret
          res = await ask()
        }
        return res.ok
      } catch {
        return false
      }
    },
    stop: () => win.clearInterval(timer),
  }
}
