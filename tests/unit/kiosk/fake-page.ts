/**
 * A page for the kiosk controller in Node: a window, a document and XR sessions that count every
 * listener added and removed, and a virtual clock whose timers, intervals and animation frames are
 * counted while pending. Only what the controller touches is there; the rest is left out on
 * purpose, so a new dependency on the page shows up here first.
 */
import { createAppStore, type AppStore } from '../../../src/state/store'
import { makeTour } from '../tour-fixture'

type Listener = (e: Event) => void

/** An EventTarget that keeps its listeners as the DOM does: one per type, listener and phase. */
export class FakeTarget {
  readonly listeners: { type: string; listener: Listener; capture: boolean }[] = []
  private find(type: string, listener: unknown, options?: boolean | EventListenerOptions) {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture)
    const at = this.listeners.findIndex(
      (l) => l.type === type && l.listener === listener && l.capture === capture,
    )
    return { at, capture }
  }
  addEventListener(type: string, listener: Listener, options?: boolean | AddEventListenerOptions) {
    const { at, capture } = this.find(type, listener, options)
    if (at < 0) this.listeners.push({ type, listener, capture })
  }
  removeEventListener(type: string, listener: Listener, options?: boolean | EventListenerOptions) {
    const { at } = this.find(type, listener, options)
    if (at >= 0) this.listeners.splice(at, 1)
  }
  /** Deliver an event (a plain object with what the kiosk reads) to this target's listeners. */
  dispatch(type: string, fields: Record<string, unknown> = {}) {
    const event = { type, preventDefault() {}, stopImmediatePropagation() {}, ...fields } as unknown as Event
    for (const l of this.listeners.filter((l) => l.type === type)) l.listener(event)
  }
  /** What is still listened to, as `type` (capture marked), for readable failures. */
  get types() {
    return this.listeners.map((l) => (l.capture ? `${l.type} (capture)` : l.type))
  }
}

/** A clock for timers, intervals and animation frames (one every 16 ms), all counted. */
export class FakeClock {
  now = 0
  set = { timeout: 0, interval: 0, frame: 0 }
  private nextId = 1
  private timers = new Map<number, { at: number; fn: () => void; every?: number }>()
  private frames = new Map<number, () => void>()
  setTimeout = (fn: () => void, ms = 0) => {
    this.set.timeout++
    return this.add({ at: this.now + ms, fn })
  }
  setInterval = (fn: () => void, ms: number) => {
    this.set.interval++
    return this.add({ at: this.now + ms, fn, every: ms })
  }
  clearTimeout = (id: number) => void this.timers.delete(id)
  clearInterval = (id: number) => void this.timers.delete(id)
  requestAnimationFrame = (fn: () => void) => {
    this.set.frame++
    const id = this.nextId++
    this.frames.set(id, fn)
    return id
  }
  cancelAnimationFrame = (id: number) => void this.frames.delete(id)
  private add(timer: { at: number; fn: () => void; every?: number }) {
    const id = this.nextId++
    this.timers.set(id, timer)
    return id
  }
  /** Timers, intervals and frames set and neither run (once) nor cleared. */
  get pending() {
    const kinds = [...this.timers.values()].map((t) => (t.every ? `interval ${t.every} ms` : `timeout`))
    return [...kinds, ...[...this.frames.keys()].map(() => 'animation frame')]
  }
  /** Let `ms` pass, frame by frame, running what falls due and the promises it settles. */
  async advance(ms: number) {
    const end = this.now + ms
    while (this.now < end) {
      this.now = Math.min(end, this.now + 16)
      for (;;) {
        const due = [...this.timers].filter(([, t]) => t.at <= this.now).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        const [id, timer] = due
        if (timer.every) timer.at += timer.every
        else this.timers.delete(id)
        timer.fn()
      }
      const frames = [...this.frames.values()]
      this.frames.clear()
      for (const fn of frames) fn()
      await settle()
    }
  }
}

/** Let every promise that can settle now settle. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  }
}

export type FakePage = ReturnType<typeof fakePage>

/** A window whose `fetch` serves the kiosk's configuration and the launcher's answers. */
export function fakePage(kioskConfig: unknown, fetchConfig?: () => Promise<unknown>) {
  const clock = new FakeClock()
  const win = new FakeTarget()
  const doc = new FakeTarget()
  const marks: { name: string; detail: unknown }[] = []
  const reloads: number[] = []
  const page = Object.assign(win, {
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    setInterval: clock.setInterval,
    clearInterval: clock.clearInterval,
    requestAnimationFrame: clock.requestAnimationFrame,
    cancelAnimationFrame: clock.cancelAnimationFrame,
    performance: {
      now: () => clock.now,
      mark: (name: string, options?: { detail?: unknown }) =>
        void marks.push({ name, detail: options?.detail }),
      getEntriesByType: () => [],
      clearMarks: () => {},
    },
    document: Object.assign(doc, {
      documentElement: { dataset: {} as Record<string, string>, classList: { add() {}, remove() {} } },
      querySelectorAll: () => [],
      activeElement: null,
      visibilityState: 'visible',
    }),
    navigator: { getGamepads: () => [] },
    location: {
      href: 'http://kiosk.test/?mode=kiosk',
      hostname: 'kiosk.test',
      reload: () => void reloads.push(clock.now),
      replace() {},
    },
    getSelection: () => null,
    scrollTo() {},
    isSecureContext: false,
    localStorage: memoryStorage(),
    sessionStorage: memoryStorage(),
    fetch: async (url: string) => {
      if (url.endsWith('scenes/kiosk.json')) {
        const config = fetchConfig ? await fetchConfig() : kioskConfig
        return { ok: true, text: async () => JSON.stringify(config) }
      }
      // The launcher (npm run kiosk) answers: the page beats its heartbeat.
      if (url === '/__kiosk/status') return { ok: true, json: async () => ({ launcher: true }) }
      return { ok: true, json: async () => ({}) }
    },
  })
  return { win: page as unknown as Window, target: win, doc, clock, marks, reloads }
}

/** The app store with two tours loaded, counting its live subscriptions. */
export function loadedStore(): AppStore & { subscriptions: () => number } {
  const store = createAppStore({ language: 'en' })
  const tours = [makeTour('one'), makeTour('two')]
  store.setState({
    catalog: { status: 'ready', entries: tours.map((tour) => ({ id: tour.id, status: 'ok', tour })) },
    tours: new Map(tours.map((t) => [t.id, t])),
  })
  let live = 0
  const subscribe = store.subscribe
  store.subscribe = (listener) => {
    live++
    const unsubscribe = subscribe(listener)
    let done = false
    return () => {
      if (!done) live--
      done = true
      unsubscribe()
    }
  }
  return Object.assign(store, { subscriptions: () => live })
}
