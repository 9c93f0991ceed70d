/**
 * The page's side of `npm run kiosk` (tools/kiosk/launcher.ts). When the kiosk is served by the
 * launcher, `/__kiosk/status` answers and the page sends a heartbeat: a page that stops beating
 * (a hung tab, a crashed renderer showing "Aw, Snap!") gets its browser restarted. The launcher
 * also lets the operator screen close the kiosk. Same origin, local only: nothing leaves the device.
 */

/** How often the page reports it is alive (ms). The launcher's hang timeout is several of these. */
export const HEARTBEAT_MS = 5000

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
  let present: boolean
  try {
    const res = await win.fetch('/__kiosk/status', { cache: 'no-store' })
    present = res.ok && ((await res.json()) as { launcher?: boolean }).launcher === true
  } catch {
    present = false
  }
  if (!present) return { present, quit: async () => false, stop() {} }
  const beat = () => {
    const now = phase()
    if (now === null) return
    win.fetch('/__kiosk/heartbeat', { method: 'POST', body: now, keepalive: true }).catch(() => undefined)
  }
  void beat()
  const timer = win.setInterval(beat, HEARTBEAT_MS)
  return {
    present,
    async quit() {
      try {
        return (await win.fetch('/__kiosk/quit', { method: 'POST' })).ok
      } catch {
        return false
      }
    },
    stop: () => win.clearInterval(timer),
  }
}
