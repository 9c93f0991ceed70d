/**
 * Registers the kiosk's service worker (src/modes/kiosk/sw/sw.ts, built to /sw.js) and follows it:
 * whether the kiosk can run offline yet, and whether a new version is waiting. A waiting version is
 * applied only when the kiosk asks (at an idle reset), by a reload nobody is watching.
 */

import { KIOSK_WORKER_PATH, removeKioskWorker } from '../../core/kiosk/worker-scope'

export type OfflineStatus = {
  /** `elsewhere`: not a place where a kiosk is meant to run (core/kiosk/worker-scope.ts): no worker. */
  state: 'unsupported' | 'insecure' | 'development' | 'elsewhere' | 'installing' | 'ready' | 'error'
  /** Precache version running (or installing). */
  version?: string
  files?: number
  cached?: number
  bytes?: number
  /** A new version is installed and waits for the next idle reset. */
  updateWaiting: boolean
  error?: string
}

/** How often a running kiosk looks for a new version (ms); also at every idle reset. */
export const UPDATE_CHECK_MS = 30 * 60_000

export type Offline = {
  /** Look for a new version now (cheap: one conditional request for /sw.js). */
  check(): void
  /** Whether a new version waits (or was switched to without a reload yet). */
  hasUpdate(): boolean
  /**
   * Switch to the waiting version, then reload. Resolves true when the page is reloading, false if
   * the switch did not come within `timeoutMs` (the page carries on; the next reset tries again).
   *
   * The caller must keep the page from making any request until this resolves: Chromium holds a
   * request that reaches the service worker between skipWaiting() and the activation, and the
   * activation waits for that request — a deadlock that lasts until its five-minute timeout.
   */
  applyUpdate(timeoutMs?: number): Promise<boolean>
  stop(): void
}

/** How long a switch to a new version may take before the kiosk gives up until the next reset. */
export const APPLY_TIMEOUT_MS = 10_000

function askStatus(win: Window, worker: ServiceWorker): Promise<Partial<OfflineStatus>> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    const timer = win.setTimeout(() => resolve({}), 5000)
    channel.port1.onmessage = (e) => {
      win.clearTimeout(timer)
      resolve(e.data as Partial<OfflineStatus>)
    }
    worker.postMessage({ type: 'status' }, [channel.port2])
  })
}

/**
 * @param allowed Whether a kiosk is meant to run here (launcher, loopback or a configured host,
 *   core/kiosk/worker-scope.ts). Elsewhere a kiosk worker found is removed, and none is installed.
 * @param win The page's window: its secure context, service workers, timers and reload.
 * @param nobodyThere Whether the kiosk is between visitors (its attract loop): a version that takes
 *   over on its own then (the browser may activate it late) is reloaded into at once; during a visit,
 *   at the next reset.
 */
export function startOffline(
  win: Window,
  onStatus: (s: OfflineStatus) => void,
  log: (message: string) => void,
  nobodyThere: () => boolean,
  allowed: boolean,
): Offline {
  const noop: Offline = { check() {}, hasUpdate: () => false, applyUpdate: async () => false, stop() {} }
  if (!allowed) {
    onStatus({ state: 'elsewhere', updateWaiting: false })
    void removeKioskWorker(win.navigator, win.caches)
    return noop
  }
  // Service workers exist only in secure contexts: https, or this machine (127.0.0.1, localhost).
  if (!win.isSecureContext) {
    onStatus({ state: 'insecure', updateWaiting: false })
    return noop
  }
  if (!('serviceWorker' in win.navigator)) {
    onStatus({ state: 'unsupported', updateWaiting: false })
    return noop
  }
  if (import.meta.env.DEV) {
    // Vite's dev server has no /sw.js: offline mode is for the built app (npm run kiosk).
    onStatus({ state: 'development', updateWaiting: false })
    return noop
  }
  const sw = win.navigator.serviceWorker
  let registration: ServiceWorkerRegistration | null = null
  let applying = false
  let status: OfflineStatus = { state: 'installing', updateWaiting: false }
  const set = (patch: Partial<OfflineStatus>) => {
    status = { ...status, ...patch }
    onStatus(status)
  }

  const refresh = async () => {
    const reg = registration
    if (!reg) return
    if (reg.active) {
      const s = await askStatus(win, reg.active)
      const ready = s.files !== undefined && s.cached !== undefined && s.cached >= s.files
      set({ ...s, state: ready ? 'ready' : 'installing' })
    }
    // Waiting behind a running version (a first install never waits: it has nobody to wait for).
    const waiting = Boolean(reg.waiting && reg.active && sw.controller)
    if (waiting !== status.updateWaiting) {
      set({ updateWaiting: waiting })
      if (waiting) log('A new version is installed; it will be applied at the next idle reset.')
    }
  }

  const follow = (worker: ServiceWorker | null) => {
    let installed = false
    worker?.addEventListener('statechange', () => {
      if (worker.state !== 'redundant') installed = true
      // A worker that was installed and later replaced is an old version going, not a failure.
      if (worker.state === 'redundant' && !installed)
        set({ state: status.state === 'ready' ? 'ready' : 'error', error: 'install failed (will retry)' })
      void refresh()
    })
  }

  // The running code belongs to the version that served this page; after a switch it must reload.
  let switchedUnder = false
  let hadController = sw.controller !== null
  const onControllerChange = () => {
    // The first install's takeover needs no reload: it serves the same version as the page.
    if (!hadController) {
      hadController = true
      return
    }
    if (applying || nobodyThere()) win.location.reload()
    else {
      switchedUnder = true
      log('The new version took over during a visit; the kiosk reloads into it at the next reset.')
    }
  }
  sw.addEventListener('controllerchange', onControllerChange)

  sw.register(KIOSK_WORKER_PATH, { scope: '/', updateViaCache: 'none' })
    .then((reg) => {
      registration = reg
      follow(reg.installing)
      reg.addEventListener('updatefound', () => {
        set({ state: status.state === 'ready' ? 'ready' : 'installing' })
        follow(reg.installing)
      })
      return sw.ready.then(() => refresh())
    })
    .catch((e: Error) => {
      set({ state: 'error', error: e.message })
      log(`The offline copy could not be set up: ${e.message}`)
    })

  const timer = win.setInterval(() => registration?.update().catch(() => undefined), UPDATE_CHECK_MS)

  return {
    check: () => void registration?.update().then(refresh, () => undefined),
    hasUpdate: () => switchedUnder || Boolean(registration?.waiting && sw.controller),
    applyUpdate(timeoutMs = APPLY_TIMEOUT_MS) {
      if (switchedUnder) {
        win.location.reload()
        return Promise.resolve(true)
      }
      const waiting = registration?.waiting
      if (!waiting || !sw.controller) return Promise.resolve(false)
      applying = true
      log('Applying the new version.')
      return new Promise<boolean>((resolve) => {
        const done = (switched: boolean) => {
          win.clearTimeout(timer)
          sw.removeEventListener('controllerchange', onSwitch)
          if (!switched) {
            // The page goes on; should the switch come later, onControllerChange handles it.
            applying = false
            log(
              `The new version did not take over within ${timeoutMs / 1000} s; trying again at the next reset.`,
            )
          }
          resolve(switched)
        }
        const onSwitch = () => done(true)
        const timer = win.setTimeout(() => done(false), timeoutMs)
        sw.addEventListener('controllerchange', onSwitch)
        waiting.postMessage({ type: 'skip-waiting' })
      })
    },
    stop() {
      win.clearInterval(timer)
      sw.removeEventListener('controllerchange', onControllerChange)
    },
  }
}
