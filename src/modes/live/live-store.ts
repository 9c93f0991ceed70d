/**
 * A live group tour on this page (docs/live.md): the guide's or a follower's end of a session.
 * `createLive` is called by the page shell when the address asks for one (`?mode=guide&tour=`,
 * `?join=`); it keeps its own small store (what the live interface shows) and drives the visitor's
 * store: a guide's page is sent as the session state, a follower's page is brought to it.
 */
import { createStore } from 'zustand/vanilla'
import type { LiveBoot } from '../../core/live/live-boot'
import { t, type MessageKey } from '../../core/i18n/i18n'
import { formatJoinCode } from '../../core/live/join-code'
import type {
  EndReason,
  ReplyFailure,
  ServerMessage,
  SessionState,
  Vec3,
  View,
} from '../../core/live/protocol.mjs'
import type { AppState, AppStore } from '../../state/store'
import { openConnection, type Connection } from './connection'
import { addReport, summarize, type GroupReports, type GroupSummary } from './group'
import { applySession, isReplay, sessionFromApp, type GuideExtras } from './session-state'

/** A headset notice, as the headset mode's port takes it (passed by the shell). */
export type LiveHeadsetPort = {
  showNotice(
    notice: { heading: { text: string; lang: string }[]; body: { text: string; lang: string }[] } | null,
  ): void
}

export type LivePhase = 'welcome' | 'connecting' | 'live' | 'failed' | 'ended' | 'left'

export type LiveState = {
  role: LiveBoot['role']
  phase: LivePhase
  /** The connection to the relay is up. */
  online: boolean
  code: string | null
  failure: ReplyFailure | null
  ended: EndReason | null
  /** The guide is connected (a follower's view of it). */
  guideOnline: boolean
  session: SessionState | null
  /** The guide's extras (pause, look here, replays). */
  extras: GuideExtras
  group: GroupReports
  /** The guide's next click on the site places "look here". */
  lookArmed: boolean
  /** The join code's full-screen card (QR code) is shown. */
  showCode: boolean
  name: string
  /** Bumped with each "bring everyone to my view" a follower receives. */
  bring: { view: View; seq: number } | null
  actions: LiveActions
}

export type LiveActions = {
  /** A follower's "Join the group" (with an optional first name). */
  join(name: string): void
  leave(): void
  /** Guide: arm (or disarm) "look here"; `point` places it. */
  armLook(on: boolean): void
  look(point: Vec3 | null): void
  bringToMyView(): void
  setPaused(paused: boolean): void
  end(): void
  setShowCode(show: boolean): void
  /** A follower's page reports what it looks at (throttled by the caller). */
  reportView(view: { mode: '3d' | 'xr' | '2d'; at: Vec3 | null; looking: boolean }): void
}

export type LiveOptions = {
  app: AppStore
  live: LiveBoot
  base: string
  win: Window
  /** Where the guide's secret is kept (sessionStorage: this tab only, never in a link). */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null
}

export type Live = {
  store: ReturnType<typeof createLiveStore>
  /** The guide's camera, written by the 3D view each frame (for "bring everyone to my view"). */
  camera: { position: Vec3; target: Vec3; known: boolean }
  /**
   * How a follower's page moves to the guide's place: at once, or (in the headset) through the
   * stage's comfort fade, which the 3D view installs here while a headset session runs.
   */
  moveGate: { current: ((move: () => void) => void) | null }
  /** The headset's port, once the tour view has made the headset. */
  attachHeadset(port: LiveHeadsetPort): void
  summary(): GroupSummary
  link(): string
  diagnostics(): { role: LiveBoot['role']; code: string | null; connected: boolean; followers: number }
  stop(): void
}

const GUIDE_KEY = 'portage.live.guide'
const NO_EXTRAS: GuideExtras = { paused: false, look: null, lookSeq: 0, replays: 0 }

function createLiveStore(role: LiveBoot['role'], code: string | null, actions: LiveActions) {
  return createStore<LiveState>()(() => ({
    role,
    // A join link whose code cannot be one says so at once (no attempt is spent on it).
    phase: role === 'guide' ? 'connecting' : code ? 'welcome' : 'failed',
    online: false,
    code,
    failure: role === 'follower' && !code ? 'invalid' : null,
    ended: null,
    guideOnline: true,
    session: null,
    extras: NO_EXTRAS,
    group: {},
    lookArmed: false,
    showCode: false,
    name: '',
    bring: null,
    actions,
  }))
}

export function createLive(options: LiveOptions): Live {
  const { app, live, base, win, storage } = options
  let headset: LiveHeadsetPort | null = null
  let connection: Connection | null = null
  let stopped = false
  const unsubscribes: (() => void)[] = []
  const camera: Live['camera'] = { position: [0, 0, 0], target: [0, 0, 0], known: false }
  const moveGate: Live['moveGate'] = { current: null }
  const lang = () => app.getState().engine.language
  const say = (key: MessageKey) => t(lang(), key)

  const actions: LiveActions = {
    join(name) {
      if (live.role !== 'follower' || !live.code) return
      store.setState({ name: name.trim().slice(0, 24), phase: 'connecting', failure: null })
      connect()
    },
    leave() {
      if (live.role !== 'follower') return
      connection?.send({ t: 'leave' })
      finish('left')
      headset?.showNotice(null)
      // Touring alone from here: the address no longer says "join" (a reload stays alone).
      const url = new URL(win.location.href)
      url.searchParams.delete('join')
      win.history.replaceState(null, '', url.pathname + url.search)
    },
    armLook: (on) => store.setState({ lookArmed: on }),
    look(point) {
      const e = store.getState().extras
      setExtras({ look: point, lookSeq: point ? e.lookSeq + 1 : e.lookSeq })
      store.setState({ lookArmed: false })
    },
    bringToMyView() {
      if (camera.known)
        connection?.send({ t: 'bring', view: { position: camera.position, target: camera.target } })
    },
    setPaused(paused) {
      setExtras({ paused })
      if (paused && app.getState().engine.narration.status !== 'idle') app.getState().actions.pauseNarration()
    },
    end() {
      connection?.send({ t: 'end' })
      storage?.removeItem(GUIDE_KEY)
    },
    setShowCode: (showCode) => store.setState({ showCode }),
    reportView(view) {
      if (store.getState().phase === 'live') connection?.send({ t: 'view', ...view })
    },
  }
  const store = createLiveStore(live.role, live.role === 'follower' ? live.code : null, actions)

  // ── Guide ────────────────────────────────────────────────────────────────────────────────
  let lastSent = ''
  const setExtras = (patch: Partial<GuideExtras>) => {
    store.setState({ extras: { ...store.getState().extras, ...patch } })
    sendState()
  }
  function sendState() {
    if (live.role !== 'guide' || store.getState().phase !== 'live') return
    const state = sessionFromApp(app.getState(), store.getState().extras)
    if (!state) return
    const json = JSON.stringify(state)
    if (json === lastSent) return
    lastSent = json
    store.setState({ session: state })
    connection?.send({ t: 'state', state })
  }
  async function introduceGuide() {
    if (live.role !== 'guide' || !connection) return
    const saved = readSaved()
    if (saved) {
      const reply = await connection.ask({ t: 'resume', code: saved.code, secret: saved.secret })
      if (reply.ok) {
        const extras: GuideExtras = {
          paused: reply.state.paused,
          look: reply.state.look,
          lookSeq: reply.state.lookSeq,
          replays: reply.state.replays,
        }
        store.setState({ phase: 'live', code: reply.code, extras, session: reply.state, failure: null })
        lastSent = JSON.stringify(reply.state)
        sendState() // what the guide did while the connection was down
        return
      }
      if (reply.reason === 'unknown' || reply.reason === 'secret') {
        storage?.removeItem(GUIDE_KEY)
        // A session this tab was leading has ended meanwhile (expired, or the relay restarted
        // without Redis): say so rather than quietly starting another one.
        return finish('ended', 'gone')
      }
      return store.setState({ phase: 'failed', failure: reply.reason })
    }
    const state = await waitForTour()
    if (!state || stopped) return
    const reply = await connection.ask({ t: 'create', state })
    if (!reply.ok) return store.setState({ phase: 'failed', failure: reply.reason })
    storage?.setItem(GUIDE_KEY, JSON.stringify({ code: reply.code, secret: reply.secret }))
    lastSent = JSON.stringify(state)
    store.setState({ phase: 'live', code: reply.code, session: state, failure: null })
  }
  function readSaved(): { code: string; secret: string } | null {
    try {
      const v = JSON.parse(storage?.getItem(GUIDE_KEY) ?? 'null') as unknown
      if (v && typeof v === 'object' && 'code' in v && 'secret' in v) {
        const { code, secret } = v as Record<string, unknown>
        if (typeof code === 'string' && typeof secret === 'string') return { code, secret }
      }
    } catch {
      // not ours, or damaged: start afresh
    }
    return null
  }
  /** The guide's session starts once the tour asked for is open (its document may still be loading). */
  function waitForTour(): Promise<SessionState | null> {
    return new Promise((resolve) => {
      const check = (s: AppState) => {
        const state = sessionFromApp(s, store.getState().extras)
        if (state) {
          un()
          resolve(state)
        } else if (s.catalog.status === 'error') {
          un()
          store.setState({ phase: 'failed', failure: 'unavailable' })
          resolve(null)
        }
      }
      const un = app.subscribe(check)
      unsubscribes.push(un)
      check(app.getState())
    })
  }

  // ── Follower ─────────────────────────────────────────────────────────────────────────────
  /** The last state the page was brought to, and whether a headset fade is under way. */
  let painted: SessionState | null = null
  let fading = false
  let pending: SessionState | null = null
  let wasLive = false
  function follow(state: SessionState) {
    store.setState({ session: state })
    if (!app.getState().tours.has(state.tour)) {
      pending = state // the tours are still loading: applied when they are in
      return
    }
    pending = null
    if (state.paused !== pauseShown) showPause(state.paused)
    // A fade under way applies the latest state at its darkest: nothing to do now.
    if (fading) return
    const moves = !painted || painted.tour !== state.tour || painted.stop !== state.stop
    if (moves && moveGate.current && app.getState().immersive) {
      fading = true
      moveGate.current(() => {
        fading = false
        paint(store.getState().session ?? state)
      })
    } else paint(state)
  }
  function paint(state: SessionState) {
    applySession(app.getState, state, painted)
    painted = state
  }
  let pauseShown = false
  function showPause(paused: boolean) {
    pauseShown = paused
    headset?.showNotice(
      paused
        ? {
            heading: [{ text: say('live.pausedTitle'), lang: lang() }],
            body: [{ text: say('live.pausedBody'), lang: lang() }],
          }
        : null,
    )
  }
  async function introduceFollower() {
    if (live.role !== 'follower' || !connection || !live.code) return
    const { name } = store.getState()
    const reply = await connection.ask({
      t: 'join',
      code: live.code,
      lang: lang(),
      ...(name ? { name } : {}),
    })
    if (reply.ok) {
      wasLive = true
      store.setState({ phase: 'live', failure: null })
      follow(reply.state)
      return
    }
    // A code that worked before and is unknown now: the session ended while we were away.
    if (wasLive && reply.reason === 'unknown') return finish('ended', 'gone')
    // No answer in time (a busy relay or device): ask again rather than give up.
    if (reply.reason === 'unavailable' && connection && !stopped) {
      win.setTimeout(() => void introduceFollower(), 1000)
      return
    }
    store.setState({ phase: 'failed', failure: reply.reason })
    connection.close()
    connection = null
  }

  function onMessage(m: ServerMessage) {
    switch (m.t) {
      case 'state':
        if (live.role === 'follower') follow(m.state)
        break
      case 'bring':
        if (live.role === 'follower' && !store.getState().session?.paused)
          store.setState({ bring: { view: m.view, seq: (store.getState().bring?.seq ?? 0) + 1 } })
        break
      case 'group':
        if (live.role === 'guide')
          store.setState({ group: addReport(store.getState().group, m.from, m.followers, Date.now()) })
        break
      case 'guide':
        store.setState({ guideOnline: m.connected })
        break
      case 'ended':
        finish('ended', m.reason)
        break
      case 'refused':
        // A message the relay would not take (a follower trying to drive, a burst): nothing
        // changes here, the relay's state is the truth.
        break
    }
  }

  function finish(phase: 'ended' | 'left', reason: EndReason | null = null) {
    connection?.close()
    connection = null
    if (live.role === 'guide') storage?.removeItem(GUIDE_KEY)
    store.setState({ phase, ended: reason, online: false, lookArmed: false, extras: NO_EXTRAS })
    if (phase === 'ended' && live.role === 'follower') {
      headset?.showNotice({
        heading: [{ text: say('live.endedTitle'), lang: lang() }],
        body: [{ text: say('live.endedBody'), lang: lang() }],
      })
      win.setTimeout(() => headset?.showNotice(null), 8000)
    }
  }

  function connect() {
    if (connection || stopped) return
    connection = openConnection(
      base,
      {
        onConnect() {
          store.setState({ online: true })
          void (live.role === 'guide' ? introduceGuide() : introduceFollower())
        },
        onDisconnect: () => store.setState({ online: false }),
        onMessage,
      },
      win,
    )
  }

  if (live.role === 'guide') {
    connect()
    unsubscribes.push(
      app.subscribe((s, prev) => {
        if (isReplay(prev.engine, s.engine)) {
          const e = store.getState().extras
          store.setState({ extras: { ...e, replays: e.replays + 1 } })
        }
        sendState()
      }),
    )
  } else {
    unsubscribes.push(
      app.subscribe((s, prev) => {
        if (pending && s.tours.has(pending.tour)) follow(pending)
        // The follower switched language: the guide's group view says so.
        if (s.engine.language !== prev.engine.language && store.getState().phase === 'live')
          void introduceFollower()
      }),
    )
  }

  return {
    store,
    camera,
    moveGate,
    attachHeadset(port) {
      headset = port
      if (store.getState().session?.paused && live.role === 'follower') showPause(true)
    },
    summary: () => summarize(store.getState().group, Date.now()),
    link() {
      const code = store.getState().code
      return code ? new URL(`${base}?join=${code}`, win.location.origin).href : ''
    },
    diagnostics() {
      const s = store.getState()
      return {
        role: live.role,
        code: s.code,
        connected: s.phase === 'live' && s.online,
        followers: live.role === 'guide' ? summarize(s.group, Date.now()).count : 0,
      }
    },
    stop() {
      stopped = true
      unsubscribes.forEach((u) => u())
      connection?.close()
    },
  }
}

export { formatJoinCode }
