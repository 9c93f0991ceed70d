/**
 * The AR session as the page sees it (src/modes/ar/session-lifecycle.ts): whether a session is on
 * is the app's one fact (`immersive`), set only for AR sessions (the headset's VR sessions are
 * bound by the same WebXR manager and left alone); an end the visitor did not ask for pauses the
 * narration and says why; a refused start is a message in the visitor's language.
 */
import { describe, expect, it } from 'vitest'
import { createStore } from 'zustand/vanilla'
import type { ArSessionStore } from '../../../../src/modes/ar/ar-xr-store'
import { connectArLifecycle } from '../../../../src/modes/ar/session-lifecycle'
import { createTabletopStateStore } from '../../../../src/modes/ar/tabletop-state-store'
import { createAppStore } from '../../../../src/state/store'
import { makeTour } from '../../tour-fixture'

type FakeSession = { domOverlayState?: { type: string }; end(): Promise<void> }

function setUp(enter: () => Promise<unknown> = async () => {}) {
  const app = createAppStore({ language: 'fr' })
  const tour = makeTour('t')
  app.setState({ tours: new Map([[tour.id, tour]]) })
  app.getState().actions.openTour(tour.id, { hotspotId: tour.stops[0]!.hotspots[0]!.id })
  app.getState().actions.narrationStarted()
  const xr = Object.assign(
    createStore(() => ({
      session: null as FakeSession | null,
      mode: null as string | null,
      controller: { rayPointer: {} } as unknown,
      hand: {} as unknown,
      transientPointer: false as unknown,
      screenInput: false as unknown,
      gaze: false as unknown,
    })),
    { enterAR: enter },
  )
  const tabletop = createTabletopStateStore()
  const narration = { prepared: 0, prepare: () => void narration.prepared++ }
  const lifecycle = connectArLifecycle(xr as unknown as ArSessionStore, tabletop, app, narration)
  const session: FakeSession = {
    domOverlayState: { type: 'screen' },
    end: async () => xr.setState({ session: null, mode: null }),
  }
  return { app, xr, tabletop, lifecycle, session, narration }
}

describe('an AR session, for the page', () => {
  it('is the app’s `immersive` fact while it runs; a new session starts unplaced, with the overlay it got', () => {
    const { app, xr, tabletop, session } = setUp()
    tabletop.getState().actions.place([1, 2, 3])
    xr.setState({ session, mode: 'immersive-ar' })
    expect(app.getState().immersive).toBe(true)
    expect(tabletop.getState()).toMatchObject({ placed: false, overlay: true })
  })

  it('stands aside for the headset’s VR session', () => {
    const { app, xr, session } = setUp()
    xr.setState({ session, mode: 'immersive-vr' })
    expect(app.getState().immersive).toBe(false)
    expect(xr.getState()).toMatchObject({ controller: false, hand: false })
    xr.setState({ session: null, mode: null })
    expect(xr.getState()).toMatchObject({ controller: { rayPointer: {} }, hand: {} })
    expect(app.getState().notices).toEqual([])
  })

  it('pauses the narration and says why when it ends without the visitor asking; not on Exit AR', async () => {
    const { app, xr, lifecycle, session } = setUp()
    xr.setState({ session, mode: 'immersive-ar' })
    xr.setState({ session: null, mode: null })
    expect(app.getState().immersive).toBe(false)
    expect(app.getState().engine.narration.status).toBe('paused')
    expect(app.getState().notices.map((n) => n.key)).toEqual(['ar.ended'])

    app.getState().actions.narrationStarted()
    xr.setState({ session, mode: 'immersive-ar' })
    lifecycle.exitAR()
    await Promise.resolve()
    expect(app.getState().immersive).toBe(false)
    expect(app.getState().engine.narration.status).not.toBe('paused')
    expect(app.getState().notices.map((n) => n.key)).toEqual(['ar.ended'])
  })

  it('turns a refused start into a message by its reason, waking the narration inside the click', async () => {
    const refuse = (name: string) => () => Promise.reject(new DOMException('no (test)', name))
    for (const [name, key] of [
      ['NotAllowedError', 'ar.failed.denied'],
      ['NotSupportedError', 'ar.failed.unsupported'],
      ['SecurityError', 'ar.failed'],
    ] as const) {
      const { app, lifecycle, narration } = setUp(refuse(name))
      await lifecycle.enterAR()
      expect(narration.prepared).toBe(1)
      expect(app.getState().notices.map((n) => n.key)).toEqual([key])
      expect(app.getState().immersive).toBe(false)
    }
  })
})
