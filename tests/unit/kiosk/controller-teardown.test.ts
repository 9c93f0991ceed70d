/**
 * Regression: the kiosk controller's `stop()` was never called, and could not have released all it
 * added anyway: the PIN pad's timer, the configuration report's, a postponed reload, the waits for
 * a frame, an XR session's listeners and the frame counter outlived it. Now every listener, timer
 * and subscription goes through a disposer; this test runs the kiosk on a page that counts them
 * (visits, the idle countdown and reset, a headset session, uncaught errors, the PIN pad), stops
 * it, and requires that nothing it added is left, and that nothing runs afterwards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { attachStageHealth } from '../../../src/features/stage/stage-health'
import { createKioskController, type KioskNotice } from '../../../src/modes/kiosk/controller'
import { fakePage, FakeTarget, loadedStore } from './fake-page'

const CONFIG = {
  version: 'portage.kiosk/1',
  tours: ['one'],
  language: 'en',
  idleTimeoutSeconds: 10,
  warningSeconds: 4,
  volume: 0.6,
  operatorPin: '1357',
  attract: {
    narration: 'muted',
    languages: ['en', 'fr'],
    stopSeconds: 1,
    hotspotMinSeconds: 2,
    hotspotMaxSeconds: 6,
    pauseSeconds: 0.5,
  },
}

/** The 3D view, as the stage's health probe reports it: with an immersive session, or none. */
let session: (FakeTarget & { end(): Promise<void> }) | null = null
const enterVr = () => {
  session = Object.assign(new FakeTarget(), {
    end: async () => {
      session = null
    },
  })
  return session
}
let detachStage = () => {}

function fakeHeadset() {
  const headset = {
    notices: [] as (KioskNotice | null)[],
    comfortResets: 0,
    showNotice: (notice: KioskNotice | null) => void headset.notices.push(notice),
    resetComfort: () => void headset.comfortResets++,
  }
  return headset
}

beforeEach(() => {
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => undefined)
  detachStage = attachStageHealth({
    gl: {
      getContext: () => ({ getExtension: () => null, isContextLost: () => false }),
      domElement: new FakeTarget(),
      xr: { getSession: () => session },
    },
    invalidate() {},
  } as unknown as Parameters<typeof attachStageHealth>[0])
})
afterEach(() => {
  detachStage()
  session = null
  vi.restoreAllMocks()
})

describe('kiosk controller teardown', () => {
  it('stop() removes every listener, timer, frame and subscription it added, and nothing runs after', async () => {
    const page = fakePage(CONFIG)
    const store = loadedStore()
    const subscribedBefore = store.subscriptions()
    const headset = fakeHeadset()
    const kiosk = createKioskController({ store, base: '/', win: page.win, headset })
    await kiosk.start()
    await page.clock.advance(100)

    // It did add things, so the end of the test checks something real.
    expect(page.target.types).toEqual(
      expect.arrayContaining(['pointerdown (capture)', 'keydown (capture)', 'error', 'unhandledrejection']),
    )
    expect(page.clock.pending).toEqual(
      expect.arrayContaining([
        'interval 250 ms',
        'interval 500 ms',
        'interval 5000 ms',
        'animation frame',
        'timeout',
      ]),
    )
    expect(store.subscriptions()).toBeGreaterThan(subscribedBefore)

    // Visit 1, in the headset: a trigger pull is input; then nobody answers the countdown.
    kiosk.touchToBegin('fr')
    await page.clock.advance(500)
    expect(kiosk.ui.getState().idle.phase).toBe('visit')
    const first = enterVr()
    await page.clock.advance(300)
    expect(first.types).toEqual(['selectstart', 'squeezestart'])
    await page.clock.advance(5000)
    first.dispatch('selectstart')
    await page.clock.advance(10_500)
    expect(kiosk.ui.getState().idle.phase).toBe('warning')
    expect(headset.notices.at(-1)?.count).toBeGreaterThanOrEqual(1)
    await page.clock.advance(4000)
    expect(page.marks.filter((m) => m.name === 'portage:kiosk-reset').map((m) => m.detail)).toEqual([
      { reason: 'idle' },
    ])
    expect(headset.notices.at(-1)).toBeNull()
    expect(headset.comfortResets).toBe(1)
    // The reset ended the session; its listeners went with it.
    expect(first.types).toEqual([])

    // Uncaught errors: back to the attract loop each time; the fifth within a minute asks for a
    // reload, postponed (three reloads in the last two minutes already): a timer, pending.
    const t = Date.now()
    page.win.localStorage.setItem('portage.kiosk.reloads', JSON.stringify([t - 3000, t - 2000, t - 1000]))
    for (let i = 0; i < 5; i++) {
      page.target.dispatch('error', { message: `boom ${i}` })
      await page.clock.advance(300)
    }
    const resets = page.marks.filter((m) => m.name === 'portage:kiosk-reset').map((m) => m.detail)
    expect(resets.filter((r) => (r as { reason: string }).reason === 'error')).toHaveLength(4)
    expect(kiosk.ui.getState().log.at(-1)?.message).toMatch(/postponed/)

    // Visit 2, in the headset again, with the PIN pad open when the kiosk stops.
    kiosk.touchToBegin()
    await page.clock.advance(500)
    const second = enterVr()
    await page.clock.advance(300)
    expect(second.types).toEqual(['selectstart', 'squeezestart'])
    page.target.dispatch('keydown', { key: 'O', ctrlKey: true, altKey: true, shiftKey: true })
    expect(kiosk.ui.getState().overlay).toBe('pin')
    expect(kiosk.ui.getState().idle.phase).toBe('visit')

    kiosk.stop()
    expect(page.target.types).toEqual([])
    expect(page.doc.types).toEqual([])
    expect(second.types).toEqual([])
    expect(page.clock.pending).toEqual([])
    expect(store.subscriptions()).toBe(subscribedBefore)

    // Nothing runs any more: no reload (the postponed one included), no mark, no state change.
    const marks = page.marks.length
    const state = kiosk.ui.getState()
    const app = store.getState()
    await page.clock.advance(130_000)
    expect(page.reloads).toEqual([])
    expect(page.marks).toHaveLength(marks)
    expect(kiosk.ui.getState()).toBe(state)
    expect(store.getState()).toBe(app)
    // A screen still mounted can call it: it no longer moves. Stopping twice is harmless.
    kiosk.touchToBegin()
    kiosk.endVisit()
    kiosk.renderError(new Error('late'))
    expect(kiosk.ui.getState().idle).toBe(state.idle)
    expect(store.getState()).toBe(app)
    kiosk.stop()
  })

  it('stopped in the attract loop: the loop stops, and its waits and store subscriptions go', async () => {
    const page = fakePage(CONFIG)
    const store = loadedStore()
    const subscribedBefore = store.subscriptions()
    const kiosk = createKioskController({ store, base: '/', win: page.win })
    await kiosk.start()
    // The loop shows the stop (waiting for its model), then its first story.
    await page.clock.advance(35_000)
    expect(kiosk.ui.getState().stopChanges).toBeGreaterThan(0)
    expect(store.getState().engine.hotspotId).not.toBeNull()
    kiosk.stop()
    expect(page.clock.pending).toEqual([])
    expect(store.subscriptions()).toBe(subscribedBefore)
    const app = store.getState()
    await page.clock.advance(60_000)
    expect(store.getState()).toBe(app)
  })

  it('stopped during the countdown: the headset’s notice is taken away', async () => {
    const page = fakePage(CONFIG)
    const headset = fakeHeadset()
    const kiosk = createKioskController({ store: loadedStore(), base: '/', win: page.win, headset })
    await kiosk.start()
    kiosk.touchToBegin()
    await page.clock.advance(11_000)
    expect(kiosk.ui.getState().idle.phase).toBe('warning')
    expect(headset.notices.at(-1)).toMatchObject({
      heading: [{ lang: 'en' }, { lang: 'fr' }],
      count: expect.any(Number) as number,
    })
    kiosk.stop()
    expect(headset.notices.at(-1)).toBeNull()
    expect(page.clock.pending).toEqual([])
  })

  it('stopped before its configuration arrives, it adds nothing when it does', async () => {
    let release = () => {}
    const page = fakePage(CONFIG, () => new Promise((resolve) => (release = () => resolve(CONFIG))))
    const store = loadedStore()
    const subscribedBefore = store.subscriptions()
    const kiosk = createKioskController({ store, base: '/', win: page.win })
    const started = kiosk.start()
    kiosk.stop()
    release()
    await started
    await page.clock.advance(1000)
    expect(page.target.types).toEqual([])
    expect(page.clock.pending).toEqual([])
    expect(store.subscriptions()).toBe(subscribedBefore)
    expect(kiosk.ui.getState().ready).toBe(false)
  })
})
