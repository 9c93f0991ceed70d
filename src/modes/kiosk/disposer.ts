/**
 * Everything the kiosk adds to the page (event listeners, timers, animation frames, store
 * subscriptions) goes through a disposer, so that `stop()` provably takes all of it back: a kiosk
 * that is stopped and started again (a page hidden and shown, a test) must leave nothing running.
 *
 * Each part of the controller has its own (a child of the controller's), and its own `stop()`.
 * Once disposed, a disposer adds nothing more: a late async step (the end of `start()`, a reset
 * waiting for a frame) finds its timers and listeners refused, and simply never continues.
 */

/** The page's clocks, as they were when the kiosk started (see `captureTimers`). */
export type Timers = {
  setTimeout(fn: () => void, ms: number): number
  clearTimeout(id: number): void
  setInterval(fn: () => void, ms: number): number
  clearInterval(id: number): void
  requestAnimationFrame(fn: () => void): number
  cancelAnimationFrame(id: number): void
}

/**
 * The window's timers, bound now. Later replacements of `window.requestAnimationFrame` (a stalled
 * or patched loop elsewhere) must not hide a stall from the kiosk's watchdog, which counts the
 * page's frames with the browser's own.
 */
export function captureTimers(win: Window): Timers {
  return {
    setTimeout: win.setTimeout.bind(win),
    clearTimeout: win.clearTimeout.bind(win),
    setInterval: win.setInterval.bind(win),
    clearInterval: win.clearInterval.bind(win),
    requestAnimationFrame: win.requestAnimationFrame.bind(win),
    cancelAnimationFrame: win.cancelAnimationFrame.bind(win),
  }
}

/** Undoes one thing early (idempotent); the disposer forgets it. */
export type Cancel = () => void

export type Disposer = {
  /** Run `undo` at disposal (at once if already disposed). */
  add(undo: () => void): Cancel
  listen<E extends Event>(
    target: EventTarget,
    type: string,
    listener: (e: E) => void,
    options?: AddEventListenerOptions,
  ): Cancel
  timeout(fn: () => void, ms: number): Cancel
  interval(fn: () => void, ms: number): Cancel
  /** One animation frame. */
  frame(fn: () => void): Cancel
  /** A disposer disposed with this one (or before it, by its own `dispose`). */
  child(): Disposer
  dispose(): void
  readonly disposed: boolean
  readonly timers: Timers
}

const nothing: Cancel = () => {}

export function createDisposer(timers: Timers): Disposer {
  const undos = new Set<() => void>()
  let disposed = false

  /** Keep `undo` until disposal or until cancelled; `forget` drops it without running it. */
  const track = (undo: () => void) => {
    const entry = () => {
      if (undos.delete(entry)) undo()
    }
    undos.add(entry)
    return { cancel: entry, forget: () => void undos.delete(entry) }
  }

  const self: Disposer = {
    add(undo) {
      if (disposed) {
        undo()
        return nothing
      }
      return track(undo).cancel
    },
    listen(target, type, listener, options) {
      if (disposed) return nothing
      const l = listener as EventListener
      target.addEventListener(type, l, options)
      return track(() => target.removeEventListener(type, l, options)).cancel
    },
    timeout(fn, ms) {
      if (disposed) return nothing
      const id = timers.setTimeout(() => {
        tracked.forget()
        fn()
      }, ms)
      const tracked = track(() => timers.clearTimeout(id))
      return tracked.cancel
    },
    interval(fn, ms) {
      if (disposed) return nothing
      const id = timers.setInterval(fn, ms)
      return track(() => timers.clearInterval(id)).cancel
    },
    frame(fn) {
      if (disposed) return nothing
      const id = timers.requestAnimationFrame(() => {
        tracked.forget()
        fn()
      })
      const tracked = track(() => timers.cancelAnimationFrame(id))
      return tracked.cancel
    },
    child() {
      const child = createDisposer(timers)
      if (disposed) child.dispose()
      else {
        const { cancel } = track(() => child.dispose())
        // A child disposed on its own is forgotten here (a controller's parts come and go rarely,
        // but nothing should pile up in a kiosk that runs for weeks).
        child.add(cancel)
      }
      return child
    },
    dispose() {
      if (disposed) return
      disposed = true
      // Newest first, like nested scopes; each entry removes itself as it runs.
      for (const undo of [...undos].reverse()) undo()
    },
    get disposed() {
      return disposed
    },
    timers,
  }
  return self
}
