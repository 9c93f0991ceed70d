/**
 * The one store of the app, created once outside React. It wraps the tour engine with named
 * actions; components read it through selectors (see selectors.ts) and never copy it into local
 * state. Per-frame values (camera, animation) never go through here.
 */
import { createStore } from 'zustand/vanilla'
import {
  defaultFetcher,
  loadCatalogIds,
  loadTour,
  type CatalogEntry,
  type Fetcher,
} from '../core/content/catalog'
import type { Tour } from '../core/content/schema'
import type { MessageKey } from '../core/i18n/i18n'
import * as engine from '../core/engine/tour-engine'
import { linkNotice } from '../core/links/link-value'
import { DEFAULT_SETTINGS, type Settings } from './settings'

export { DEFAULT_SETTINGS, type Settings }

export type Notice = { id: number; key: MessageKey; vars?: Record<string, string> }

export type ModelLoad = {
  status: 'loading' | 'loaded' | 'error'
  progress: number
  message?: string
  /**
   * Why it failed, for the visitor's message (see scene/model-limits.ts): the server answered an
   * error, the network failed or dropped mid-download, the file is not a glTF we can read, or it
   * is over a size, triangle or texture limit.
   */
  reason?: 'unavailable' | 'network' | 'corrupt' | 'too-large' | 'too-complex' | 'texture-too-large'
  /** Numbers for that message (sizes, counts, limits). */
  vars?: Readonly<Record<string, number>>
  /** How many times the visitor asked to try again. */
  retries?: number
}

export type AppState = {
  catalog: { status: 'loading' | 'ready' | 'error'; entries: CatalogEntry[]; error?: string }
  tours: ReadonlyMap<string, Tour>
  engine: engine.EngineState
  settings: Settings
  notices: Notice[]
  /** The open modal dialog, if any. */
  dialog: 'help' | 'settings' | null
  /** Loading state of each model URL. */
  models: Readonly<Record<string, ModelLoad>>
  /** The hotspot pointed at or focused in the list, highlighted on its 3D marker too. */
  highlightedHotspot: string | null
  /** Bumped to ask the camera to go back to the stop's start viewpoint. */
  viewResetCount: number
  /** The 3D view's WebGL context: working, lost (the browser is restoring it), or unavailable. */
  webgl: 'ok' | 'lost' | 'unavailable'
  /**
   * An immersive session (the headset, and later AR) is running and owns the camera: the page's
   * own camera rigs stand down. Set by the mode that runs the session.
   */
  immersive: boolean
  actions: Actions
}

export type CatalogLoadOptions = {
  /**
   * A deep link's tour: loaded first, and the catalog is ready as soon as it is in (the other
   * tours are `pending` until `rest` settles, then load in the background). Without it, every
   * tour is loaded before the catalog is ready.
   */
  first?: string | null
  /** When to load the other tours (default: at once, after the first). */
  rest?: Promise<unknown>
}

export type Actions = {
  loadCatalog(base: string, fetcher?: Fetcher, options?: CatalogLoadOptions): Promise<void>
  applyLocation(request: engine.LocationRequest): void
  openTour(tourId: string, at?: { stopId?: string; hotspotId?: string }): void
  closeTour(): void
  goToStop(index: number): void
  nextStop(): void
  previousStop(): void
  openHotspot(id: string): void
  closeHotspot(): void
  stepHotspot(direction: 1 | -1): void
  playNarration(): void
  pauseNarration(): void
  toggleNarration(): void
  replayNarration(): void
  narrationStarted(): void
  narrationPaused(): void
  narrationEnded(): void
  narrationFailed(): void
  narrationProgress(time: number, duration: number): void
  setLanguage(language: string): void
  setSettings(patch: Partial<Settings>): void
  notify(key: MessageKey, vars?: Record<string, string>): void
  dismissNotice(id: number): void
  openDialog(dialog: 'help' | 'settings' | null): void
  resetView(): void
  highlightHotspot(id: string | null): void
  setModelLoad(url: string, load: ModelLoad): void
  retryModel(url: string): void
  setWebgl(state: AppState['webgl']): void
  setImmersive(on: boolean): void
  /**
   * Back to the state the store was created in (optionally with other defaults): no tour open,
   * no visits, default settings, no notices, help closed. The loaded catalog and models are kept.
   * The kiosk calls it between visitors.
   */
  reset(defaults?: ResetDefaults): void
  /** Offer only these tours, in this order (a kiosk shows its own selection). */
  limitTours(ids: readonly string[]): void
}

export type ResetDefaults = { language?: string; settings?: Partial<Settings> }

export type StoreOptions = {
  language: string
  settings?: Partial<Settings>
  /** Whether this browser can draw the 3D view at all (a shell probes it once). @default 'ok' */
  webgl?: AppState['webgl']
}

export function createAppStore(options: StoreOptions) {
  let noticeId = 0
  return createStore<AppState>()((set, get) => {
    const tourNow = () => {
      const { engine: e, tours } = get()
      return e.tourId ? tours.get(e.tourId) : undefined
    }
    /** Apply an engine transition that needs the current tour. */
    const withTour = (fn: (e: engine.EngineState, tour: Tour) => engine.EngineState) => {
      const tour = tourNow()
      if (tour) set({ engine: fn(get().engine, tour) })
    }
    const step = (fn: (e: engine.EngineState) => engine.EngineState) => set({ engine: fn(get().engine) })
    const autoplay = () => {
      if (get().settings.autoplay && get().engine.hotspotId) step(engine.requestNarration)
    }

    const actions: Actions = {
      async loadCatalog(base, fetcher = defaultFetcher, options = {}) {
        set({ catalog: { status: 'loading', entries: [] } })
        let ids: string[]
        try {
          ids = await loadCatalogIds(base, fetcher)
        } catch (e) {
          set({ catalog: { status: 'error', entries: [], error: (e as Error).message } })
          return
        }
        /** Put loaded entries in place (the catalog may have been limited or reloaded meanwhile). */
        const settle = (loaded: CatalogEntry[]) => {
          const byId = new Map(loaded.map((e) => [e.id, e]))
          const { catalog, tours } = get()
          const next = new Map(tours)
          for (const e of loaded) if (e.status === 'ok') next.set(e.id, e.tour)
          set({
            catalog: { ...catalog, entries: catalog.entries.map((e) => byId.get(e.id) ?? e) },
            tours: next,
          })
        }
        const first = options.first && ids.includes(options.first) ? options.first : null
        if (!first) {
          const entries = await Promise.all(ids.map((id) => loadTour(base, id, fetcher)))
          const tours = new Map(entries.flatMap((e) => (e.status === 'ok' ? [[e.id, e.tour] as const] : [])))
          set({ catalog: { status: 'ready', entries }, tours })
          return
        }
        const entry = await loadTour(base, first, fetcher)
        set({
          catalog: {
            status: 'ready',
            entries: ids.map((id): CatalogEntry => (id === first ? entry : { id, status: 'pending' })),
          },
          tours: new Map(entry.status === 'ok' ? [[entry.id, entry.tour]] : []),
        })
        const others = ids.filter((id) => id !== first)
        void Promise.resolve(options.rest)
          .catch(() => {})
          .then(() => Promise.all(others.map((id) => loadTour(base, id, fetcher))))
          .then(settle)
      },
      applyLocation(request) {
        const resolved = engine.resolveLocation(get().tours, request)
        for (const n of resolved.notices) {
          // A link's value is quoted only if it looks like an id (core/links/link-value.ts).
          const notice = linkNotice(`notice.${n.kind}`, n.value)
          actions.notify(notice.key, notice.vars)
        }
        const tour = resolved.tourId ? get().tours.get(resolved.tourId) : undefined
        if (!tour) {
          step(engine.closeTour)
          return
        }
        set({
          engine: engine.openTour(get().engine, tour, {
            stopIndex: resolved.stopIndex,
            hotspotId: resolved.hotspotId,
          }),
        })
      },
      openTour(tourId, at = {}) {
        actions.applyLocation({ tour: tourId, stop: at.stopId, hotspot: at.hotspotId })
        autoplay()
      },
      closeTour: () => step(engine.closeTour),
      goToStop: (index) => withTour((e, tour) => engine.goToStop(e, tour, index)),
      nextStop: () => withTour(engine.nextStop),
      previousStop: () => withTour(engine.previousStop),
      openHotspot(id) {
        const before = get().engine.hotspotId
        withTour((e, tour) => engine.openHotspot(e, tour, id))
        if (get().engine.hotspotId !== before) autoplay()
      },
      closeHotspot: () => step(engine.closeHotspot),
      stepHotspot(direction) {
        withTour((e, tour) => engine.stepHotspot(e, tour, direction))
        autoplay()
      },
      playNarration: () => step(engine.requestNarration),
      pauseNarration: () => step(engine.narrationPaused),
      toggleNarration() {
        if (engine.narrationActive(get().engine.narration)) actions.pauseNarration()
        else actions.playNarration()
      },
      replayNarration: () => step(engine.replayNarration),
      narrationStarted: () => step(engine.narrationStarted),
      narrationPaused: () => step(engine.narrationPaused),
      narrationEnded: () => step(engine.narrationEnded),
      narrationFailed: () => step(engine.narrationFailed),
      narrationProgress: (time, duration) => step((e) => engine.narrationProgress(e, time, duration)),
      setLanguage: (language) => step((e) => engine.setLanguage(e, language)),
      setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
      notify(key, vars) {
        // The same message twice in a row says nothing new.
        const last = get().notices.at(-1)
        if (last && last.key === key && JSON.stringify(last.vars) === JSON.stringify(vars)) return
        set({ notices: [...get().notices, { id: ++noticeId, key, vars }] })
      },
      dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
      openDialog: (dialog) => set({ dialog }),
      resetView: () => set({ viewResetCount: get().viewResetCount + 1 }),
      highlightHotspot: (highlightedHotspot) => set({ highlightedHotspot }),
      setModelLoad: (url, load) =>
        set({ models: { ...get().models, [url]: { ...get().models[url], ...load } } }),
      retryModel(url) {
        const retries = (get().models[url]?.retries ?? 0) + 1
        set({ models: { ...get().models, [url]: { status: 'loading', progress: 0, retries } } })
      },
      setWebgl: (webgl) => set({ webgl }),
      setImmersive: (immersive) => set({ immersive }),
      reset: (defaults = {}) => set(visitorState(defaults)),
      limitTours(ids) {
        const { catalog, tours } = get()
        const entries = ids.flatMap((id) => catalog.entries.filter((e) => e.id === id))
        set({
          catalog: { ...catalog, entries },
          tours: new Map(ids.flatMap((id) => (tours.has(id) ? [[id, tours.get(id)!] as const] : []))),
        })
      },
    }

    /** Everything a visitor can change, as it is at the start. */
    const visitorState = (defaults: ResetDefaults) => ({
      engine: engine.initialEngineState(defaults.language ?? options.language),
      settings: { ...DEFAULT_SETTINGS, ...options.settings, ...defaults.settings },
      notices: [] as Notice[],
      dialog: null,
      highlightedHotspot: null,
      viewResetCount: 0,
    })

    return {
      catalog: { status: 'loading', entries: [] },
      tours: new Map(),
      ...visitorState({}),
      models: {},
      webgl: options.webgl ?? 'ok',
      immersive: false,
      actions,
    }
  })
}

export type AppStore = ReturnType<typeof createAppStore>
