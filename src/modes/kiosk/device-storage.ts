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
  /** sessionStorage: why the page was reloaded by the kiosk itself. */
  recovery: 'portage.kiosk.recovery',
} as const

export function readStored(key: string, storage: 'local' | 'session' = 'local'): string | null {
  try {
    return (storage === 'local' ? localStorage : sessionStorage).getItem(key)
  } catch {
    return null
  }
}

export function writeStored(
  key: string,
  value: string | null,
  storage: 'local' | 'session' = 'local',
): boolean {
  try {
    const s = storage === 'local' ? localStorage : sessionStorage
    if (value === null) s.removeItem(key)
    else s.setItem(key, value)
    return true
  } catch {
    return false
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

export function readLog(): LogEntry[] {
  try {
    const entries = JSON.parse(readStored(STORAGE_KEYS.log) ?? '[]') as unknown
    return Array.isArray(entries) ? (entries as LogEntry[]).filter((e) => typeof e?.at === 'number') : []
  } catch {
    return []
  }
}

export function appendLog(entry: LogEntry): LogEntry[] {
  const log = [...readLog(), entry].slice(-LOG_LIMIT)
  writeStored(STORAGE_KEYS.log, JSON.stringify(log))
  return log
}
