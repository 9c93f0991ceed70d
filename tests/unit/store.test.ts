import { describe, expect, it, vi } from 'vitest'
import type { Fetcher } from '../../src/core/content/catalog'
import { createAppStore } from '../../src/state/store'
import { selectHotspot, selectProgress, selectStop } from '../../src/state/selectors'
import { makeTour } from './tour-fixture'

/** A fetcher over an in-memory set of files, as the server would serve them. */
function files(map: Record<string, unknown>): Fetcher {
  return async (url) => {
    const body = map[url]
    if (body === undefined) return { ok: false, status: 404, text: async () => 'Not found' }
    return {
      ok: true,
      status: 200,
      text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
    }
  }
}

const good = makeTour('good')
const catalog = { version: 'portage.catalog/1', tours: ['good', 'broken', 'missing'] }
const broken = { ...makeTour('broken'), version: 'portage.tour/9' }

async function loaded() {
  const store = createAppStore({ language: 'en' })
  await store.getState().actions.loadCatalog(
    '/',
    files({
      '/scenes/catalog.json': catalog,
      '/scenes/good/tour.json': good,
      '/scenes/broken/tour.json': broken,
    }),
  )
  return store
}

describe('app store', () => {
  it('loads every tour on its own: a broken or missing one does not stop the others', async () => {
    const store = await loaded()
    const { catalog: c, tours } = store.getState()
    expect(c.status).toBe('ready')
    expect(c.entries.map((e) => [e.id, e.status])).toEqual([
      ['good', 'ok'],
      ['broken', 'invalid'],
      ['missing', 'unreachable'],
    ])
    const invalid = c.entries[1]
    expect(invalid?.status === 'invalid' && invalid.issues).toEqual([
      { path: 'version', message: 'must be "portage.tour/1"' },
    ])
    expect([...tours.keys()]).toEqual(['good'])
  })

  it("a deep link's tour is ready first; the others load when released, one by one", async () => {
    const store = createAppStore({ language: 'en' })
    const asked: string[] = []
    const all = files({
      '/scenes/catalog.json': catalog,
      '/scenes/good/tour.json': good,
      '/scenes/broken/tour.json': broken,
    })
    let release = () => {}
    const rest = new Promise<void>((r) => (release = r))
    await store
      .getState()
      .actions.loadCatalog('/', (url) => (asked.push(url), all(url)), { first: 'good', rest })
    const s = store.getState()
    expect(s.catalog.status).toBe('ready')
    expect(s.catalog.entries.map((e) => [e.id, e.status])).toEqual([
      ['good', 'ok'],
      ['broken', 'pending'],
      ['missing', 'pending'],
    ])
    expect([...s.tours.keys()]).toEqual(['good'])
    expect(asked).toEqual(['/scenes/catalog.json', '/scenes/good/tour.json'])
    s.actions.openTour('good')
    expect(store.getState().engine.tourId).toBe('good')
    release()
    await vi.waitFor(() =>
      expect(store.getState().catalog.entries.map((e) => e.status)).toEqual(['ok', 'invalid', 'unreachable']),
    )
    expect(store.getState().engine.tourId).toBe('good')
  })

  it('a deep link to a tour the catalog does not list loads the whole catalog', async () => {
    const store = createAppStore({ language: 'en' })
    await store
      .getState()
      .actions.loadCatalog('/', files({ '/scenes/catalog.json': catalog, '/scenes/good/tour.json': good }), {
        first: 'elsewhere',
        rest: new Promise(() => {}),
      })
    expect(store.getState().catalog.entries.map((e) => e.status)).toEqual([
      'ok',
      'unreachable',
      'unreachable',
    ])
  })

  it('reports a catalog that cannot be loaded', async () => {
    const store = createAppStore({ language: 'en' })
    await store.getState().actions.loadCatalog('/', files({}))
    expect(store.getState().catalog).toMatchObject({ status: 'error' })
  })

  it('opening a tour at a hotspot starts its narration (autoplay)', async () => {
    const store = await loaded()
    store.getState().actions.openTour('good', { stopId: 'third', hotspotId: 'e' })
    const s = store.getState()
    expect(selectStop(s)?.id).toBe('third')
    expect(selectHotspot(s)?.id).toBe('e')
    expect(s.engine.narration.status).toBe('loading')
  })

  it('with autoplay off a hotspot opens silent', async () => {
    const store = await loaded()
    store.getState().actions.setSettings({ autoplay: false })
    store.getState().actions.openTour('good')
    store.getState().actions.openHotspot('a')
    expect(store.getState().engine.narration.status).toBe('idle')
  })

  it('applyLocation turns unknown parts of a link into notices and the nearest state', async () => {
    const store = await loaded()
    store.getState().actions.applyLocation({ tour: 'good', stop: 'nope', hotspot: 'd' })
    const s = store.getState()
    expect(selectStop(s)?.id).toBe('second')
    expect(s.notices.map((n) => [n.key, n.vars])).toEqual([['notice.unknown-stop', { value: 'nope' }]])
    store.getState().actions.dismissNotice(s.notices[0]!.id)
    expect(store.getState().notices).toEqual([])
  })

  it('toggles narration between playing and paused', async () => {
    const store = await loaded()
    const { actions } = store.getState()
    actions.openTour('good', { hotspotId: 'a' })
    actions.narrationStarted()
    actions.toggleNarration()
    expect(store.getState().engine.narration.status).toBe('paused')
    actions.toggleNarration()
    expect(store.getState().engine.narration.status).toBe('loading')
  })

  it('derives progress from visits', async () => {
    const store = await loaded()
    const { actions } = store.getState()
    actions.openTour('good')
    actions.openHotspot('a')
    actions.nextStop()
    expect(selectProgress(store.getState())).toMatchObject({
      stopsVisited: 2,
      hotspotsVisited: 1,
      complete: false,
    })
  })

  it('keeps a model retry count across load reports', async () => {
    const store = await loaded()
    const { actions } = store.getState()
    actions.setModelLoad('/m.glb', { status: 'error', progress: 0 })
    actions.retryModel('/m.glb')
    actions.setModelLoad('/m.glb', { status: 'loaded', progress: 1 })
    expect(store.getState().models['/m.glb']).toEqual({ status: 'loaded', progress: 1, retries: 1 })
  })
})
