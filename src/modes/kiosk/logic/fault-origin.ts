/**
 * Whose fault an uncaught error is. Only the app's own faults end a visit: an error or a rejected
 * promise from code that is not ours (a browser extension's script, another origin's script, a
 * browser quirk that names another origin) is logged and left alone, since resetting the kiosk would
 * not mend it and would only cut the visitor short.
 *
 * Ours: the error's file, or the first address in its stack, is on the page's origin. Not ours:
 * another origin or a browser-extension address there, or the muted "Script error." a browser
 * reports for another origin's script. An error that names no place at all (a value thrown
 * without a stack) is taken as ours: it can only be told apart by where it came from.
 */

const ADDRESS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s)'"]+)/i

/** The first address in a stack trace (Chromium `at f (url:1:2)`, Firefox/Safari `f@url:1:2`). */
export function firstStackAddress(stack: unknown): string | null {
  if (typeof stack !== 'string') return null
  for (const line of stack.split('\n')) {
    const m = ADDRESS.exec(line)
    if (m) return m[1]!
  }
  return null
}

function sameOrigin(address: string, origin: string): boolean {
  try {
    return new URL(address).origin === origin
  } catch {
    return false
  }
}

export type FaultReport = { filename?: string; message?: string; error?: unknown }

/** Whether an uncaught error (`error` event) is the app's own. */
export function isOwnError(e: FaultReport, origin: string): boolean {
  if (e.filename) return sameOrigin(e.filename, origin)
  // Another origin's script, muted by the browser: nothing of it is ours to see, or to mend.
  if (e.message === 'Script error.' && !e.error) return false
  return isOwnReason(e.error, origin)
}

/** Whether a rejected promise's reason (`unhandledrejection`) is the app's own. */
export function isOwnReason(reason: unknown, origin: string): boolean {
  const stack = typeof reason === 'object' && reason !== null ? (reason as { stack?: unknown }).stack : null
  const address = firstStackAddress(stack)
  return address === null || sameOrigin(address, origin)
}
