/**
 * The page's side of `npm run kiosk` (scripts/kiosk/launcher.ts). When the kiosk is served by the
 * launcher, `/__kiosk/status` answers and the page sends a heartbeat: a page that stops beating
 * (a hung tab, a crashed renderer showing "Aw, Snap!") gets its browser restarted. The launcher
 * also lets the operator screen close the kiosk. Same origin, local only: nothing leaves the device.
 */

/** How often the page reports it is alive (ms). The launcher's hang timeout is several of these. */
export const HEARTBEAT_MS = 5000

export type LauncherLink = { present: boolean; quit(): Promise<boolean>; stop(): void }

export async function connectLauncher(phase: () => string): Promise<LauncherLink> {
  let present: boolean
  try {
    const res = await fetch('/__kiosk/status', { cache: 'no-store' })
    present = res.ok && ((await res.json()) as { launcher?: boolean }).launcher === true
  } catch {
    present = false
  }
  if (!present) return { present, quit: async () => false, stop() {} }
  const beat = () =>
    fetch('/__kiosk/heartbeat', { method: 'POST', body: phase(), keepalive: true }).catch(() => undefined)
  void beat()
  const timer = setInterval(beat, HEARTBEAT_MS)
  return {
    present,
    async quit() {
      try {
        return (await fetch('/__kiosk/quit', { method: 'POST' })).ok
      } catch {
        return false
      }
    },
    stop: () => clearInterval(timer),
  }
}
