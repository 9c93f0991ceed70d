/**
 * The kiosk's own storage on the device (localStorage): statistics, the visit in progress, the
 * operator log and the reload history. Every access is guarded: storage can be full or disabled,
 * and a kiosk must keep running without it.
 */

export const STORAGE_KEYS = {
  stats: 'portage.kiosk.stats',
  visit: 'portage.kiosk.visit',
  log: 'portage.kiosk.log',
  reloads: 'portage.kiosk.reloads',
  /** The PIN pad's lockout (logic/pin.ts), kept so a reload does not reset it. */
  pin: 'portage.kiosk.pin',
  /** The last kiosk configuration read, for a start with the network down. */
  config: 'portage.kiosk.config',
  /** sessionStorage: why the page was reloaded by the kiosk itself. */
  recovery: 'portage.kiosk.recovery',
} as const

/** Where the kiosk keeps things: the window's storage areas (passed in, so tests bring their own). */
export type StorageHost = Partial<Pick<Window, 'localStorage' | 'sessionStorage'>>

export type DeviceStorage = {
  read(key: string, area?: 'local' | 'session'): string | null
  /** Stores `value` (null removes the key); false when storage refused it. */
  write(key: string, value: string | null, area?: 'local' | 'session'): boolean
  readLog(): LogEntry[]
  /** Adds an entry to the operator log; returns the log as kept. */
  appendLog(entry: LogEntry): LogEntry[]
}

export function deviceStorage(host: StorageHost): DeviceStorage {
  // Reading `localStorage` itself throws where storage is disabled: every access is in the try.
  const area = (which: 'local' | 'session') => (which === 'local' ? host.localStorage : host.sessionStorage)!
  const read = (key: string, which: 'local' | 'session' = 'local') => {
    try {
      return area(which).getItem(key)
    } catch {
      return null
    }
  }
  const write = (key: string, value: string | null, which: 'local' | 'session' = 'local') => {
    try {
      const s = area(which)
      if (value === null) s.removeItem(key)
      else s.setItem(key, value)
      return true
    } catch {
      return false
    }
  }
  const readLog = (): LogEntry[] => {
    try {
      const entries = JSON.parse(read(STORAGE_KEYS.log) ?? '[]') as unknown
      return Array.isArray(entries) ? (entries as LogEntry[]).filter((e) => typeof e?.at === 'number') : []
    } catch {
      return []
    }
  }
  return {
    read,
    write,
    readLog,
    appendLog(entry) {
      const log = [...readLog(), entry].slice(-LOG_LIMIT)
      write(STORAGE_KEYS.log, JSON.stringify(log))
      return log
    },
  }
}

export type LogEntry = {
  /** Epoch ms. */
  at: number
  kind: 'start' | 'config' | 'error' | 'recovery' | 'reload' | 'update' | 'offline' | 'operator'
  message: string
}

/** The operator log keeps the last entries only. */
export const LOG_LIMIT = 100
