/**
 * Every way in but the kiosk removes a kiosk offline worker it finds (and its caches): one left by a
 * `?mode=kiosk` link would otherwise serve this whole site from an old cache for good. Off the
 * visitor's path: the code is a small chunk of its own, fetched when the browser is idle after the
 * page is ready, and only where service workers exist.
 */
export function removeStrayKioskWorker(win: Window) {
  if (!('serviceWorker' in win.navigator)) return
  // Safari has no requestIdleCallback.
  const idle = win.requestIdleCallback as Window['requestIdleCallback'] | undefined
  const later = (run: () => void) =>
    idle ? idle.call(win, run, { timeout: 10_000 }) : win.setTimeout(run, 2000)
  later(() => {
    void import('../core/kiosk/worker-scope').then(({ removeKioskWorker }) =>
      removeKioskWorker(win.navigator, win.caches),
    )
  })
}
