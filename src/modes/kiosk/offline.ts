/**
 * Registers the kiosk's service worker (src/modes/kiosk/sw/sw.ts, built to /sw.js) and follows it:
 * whether the kiosk can run offline yet, and whether a new version is waiting. A waiting version is
 * applied only when the kiosk asks (at an idle reset), by a reload nobody is watching.
 */

export type OfflineStatus = {
  state: 'unsupported' | 'insecure' | 'development' | 'installing' | 'ready' | 'error'
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
  /** If a new version is waiting, switch to it and reload; returns whether it will. */
  applyUpdate(): boolean
  stop(): void
}

function askStatus(worker: ServiceWorker): Promise<Partial<OfflineStatus>> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    const timer = setTimeout(() => resolve({}), 5000)
    channel.port1.onmessage = (e) => {
      clearTimeout(timer)
      resolve(e.data as Partial<OfflineStatus>)
    }
    worker.postMessage({ type: 'status' }, [channel.port2])
  })
}

export function startOffline(onStatus: (s: OfflineStatus) => void, log: (message: string) => void): Offline {
  const noop: Offline = { check() {}, applyUpdate: () => false, stop() {} }
  // Service workers exist only in secure contexts: https, or this machine (127.0.0.1, localhost).
  if (!window.isSecureContext) {
    onStatus({ state: 'insecure', updateWaiting: false })
    return noop
  }
  if (!('serviceWorker' in navigator)) {
    onStatus({ state: 'unsupported', updateWaiting: false })
    return noop
  }
  if (import.meta.env.DEV) {
    // Vite's dev server has no /sw.js: offline mode is for the built app (npm run kiosk).
    onStatus({ state: 'development', updateWaiting: false })
    return noop
  }
  const sw = navigator.serviceWorker
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
      const s = await askStatus(reg.active)
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
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && !applying)
        set({ state: status.state === 'ready' ? 'ready' : 'error', error: 'install failed (will retry)' })
      void refresh()
    })
  }

  const onControllerChange = () => {
    // Only a switch the kiosk asked for reloads; the first install's takeover needs none.
    if (applying) location.reload()
  }
  sw.addEventListener('controllerchange', onControllerChange)

  sw.register('/sw.js', { scope: '/', updateViaCache: 'none' })
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

  const timer = setInterval(() => registration?.update().catch(() => undefined), UPDATE_CHECK_MS)

  return {
    check: () => void registration?.update().then(refresh, () => undefined),
    applyUpdate() {
      const waiting = registration?.waiting
      if (!waiting) return false
      applying = true
      log('Applying the new version.')
      waiting.postMessage({ type: 'skip-waiting' })
      return true
    },
    stop() {
      clearInterval(timer)
      sw.removeEventListener('controllerchange', onControllerChange)
    },
  }
}
