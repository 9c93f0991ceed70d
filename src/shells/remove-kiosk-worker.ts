/**
 * Every way in but the kiosk removes a kiosk offline worker it finds (and its caches): one left by a
 * `?mode=kiosk` link would otherwise serve this whole site from an old cache for good. Off the
 * visitor's path: src/entry.ts loads this small chunk only where service workers exist, once the
 * page has loaded and the browser is idle.
 */
import { removeKioskWorker } from '../core/kiosk/worker-scope'

export function removeStrayKioskWorker(win: Window) {
  // Safari has no requestIdleCallback.
  const idle = win.requestIdleCallback as Window['requestIdleCallback'] | undefined
  const later = (run: () => void) =>
    idle ? idle.call(win, run, { timeout: 10_000 }) : win.setTimeout(run, 2000)
  later(() => void removeKioskWorker(win.navigator, win.caches))
}
