/**
 * The headset session as the page sees it (src/modes/xr/session-lifecycle.ts), connected by the
 * runtime when its chunk loads, no longer at import. Whether a session is on is the app's one fact
 * (`immersive`); an end the visitor did not ask for pauses the narration and says why; the visitor's
 * own Exit VR does not; a refused start is a message in the visitor's language.
 */
import { describe, expect, it } from 'vitest'
import { createStore } from 'zustand/vanilla'
import { connectSessionLifecycle } from '../../../../src/modes/xr/session-lifecycle'
import { createXrModeStore } from '../../../../src/modes/xr/xr-mode-store'
import type { XrSessionStore } from '../../../../src/modes/xr/xr-store'
import { createAppStore } from '../../../../src/state/store'
import { makeTour } from '../../tour-fixture'

type FakeSession = { ended: boolean; end(): Promise<void> }

function setUp(enter: () => Promise<unknown> = async () => {}) {
  const app = createAppStore({ language: 'fr' })
  const tour = makeTour('t')
  app.setState({ tours: new Map([[tour.id, tour]]) })
  app.getState().actions.openTour(tour.id, { hotspotId: tour.stops[0]!.hotspots[0]!.id })
  app.getState().actions.narrationStarted()
  const mode = createXrModeStore(null)
  mode.getState().actions.setMenuOpen(true)
  // @react-three/xr's store: zustand state with `session` and its `mode`, the input
  // implementations, and `enterVR()` on the store itself.
  const xr = Object.assign(
    createStore(() => ({
      session: null as FakeSession | null,
      mode: 'immersive-vr' as string | null,
      frameRate: null,
      controller: { rayPointer: {} } as unknown,
      hand: {} as unknown,
      transientPointer: undefined as unknown,
    })),
    { enterVR: enter },
  )
  const narration = { prepared: 0, prepare: () => void narration.prepared++ }
  const lifecycle = connectSessionLifecycle(xr as unknown as XrSessionStore, app, mode, narration)
  const session: FakeSession = {
    ended: false,
    end: async () => {
      session.ended = true
      xr.setState({ session: null })
    },
  }
  return { app, mode, xr, lifecycle, session, narration }
}

describe('a headset session, for the page', () => {
  it('is the app’s `immersive` fact while it runs, and starts with the menu closed', () => {
    const { app, mode, xr, session } = setUp()
    expect(app.getState().immersive).toBe(false)
    xr.setState({ session })
    expect(app.getState().immersive).toBe(true)
    expect(mode.getState().menuOpen).toBe(false)
  })

  it('stands aside for an AR session (the AR mode’s): no immersive fact, no inputs of its own', () => {
    const { app, mode, xr, session } = setUp()
    xr.setState({ session, mode: 'immersive-ar' })
    expect(app.getState().immersive).toBe(false)
    expect(mode.getState().menuOpen).toBe(true)
    expect(xr.getState()).toMatchObject({ controller: false, hand: false, transientPointer: false })
    xr.setState({ session: null, mode: null })
    expect(app.getState().notices).toEqual([])
    expect(xr.getState()).toMatchObject({ controller: { rayPointer: {} }, hand: {} })
    // Its own sessions afterwards as before.
    xr.setState({ session, mode: 'immersive-vr' })
    expect(app.getState().immersive).toBe(true)
  })

  it('pauses the narration and says why when it ends without the visitor asking', () => {
    const { app, xr, session } = setUp()
    xr.setState({ session })
    xr.setState({ session: null })
    expect(app.getState().immersive).toBe(false)
    expect(app.getState().engine.narration.status).toBe('paused')
    expect(app.getState().notices.map((n) => n.key)).toEqual(['vr.ended'])
  })

  it('leaves the narration and says nothing when the visitor exits', async () => {
    const { app, xr, lifecycle, session } = setUp()
    xr.setState({ session })
    lifecycle.exitVR()
    await Promise.resolve()
    expect(session.ended).toBe(true)
    expect(app.getState().immersive).toBe(false)
    expect(app.getState().engine.narration.status).toBe('playing')
    expect(app.getState().notices).toEqual([])
  })

  it('tells the visitor why a start was refused, by the error’s name', async () => {
    const denied = Object.assign(new Error('User denied'), { name: 'NotAllowedError' })
    const { app, lifecycle, narration } = setUp(() => Promise.reject(denied))
    await lifecycle.enterVR()
    // The audio was woken inside the click all the same (a context made later stays silent).
    expect(narration.prepared).toBe(1)
    expect(app.getState().notices.map((n) => n.key)).toEqual(['vr.failed.denied'])
    expect(app.getState().immersive).toBe(false)
  })

  it('follows the session no more once stopped (the runtime disposed)', () => {
    const { app, xr, lifecycle, session } = setUp()
    lifecycle.stop()
    xr.setState({ session })
    expect(app.getState().immersive).toBe(false)
  })
})
