// The live-tour relay (issue 16, docs/live.md): Socket.IO on the page's own origin, attached to
// the production server by `attachLive(server)`. One guide drives a session; followers receive
// its state. Alone it keeps sessions in memory; with `REDIS_URL` several relay processes share
// sessions through Redis (state in a key with a TTL, broadcasts through @socket.io/redis-adapter),
// so a guide and followers on different processes stay in step and a session outlives a process.
// Every message is checked against src/core/live/protocol.mjs, its size and the sender's rate.
// Nothing about a visitor is logged, and nothing about a session is kept after it ends.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { Server } from 'socket.io'
import {
  CODE_ALPHABET,
  clientMessageSchema,
  EVENT,
  LIVE,
  messageBytes,
} from '../../../src/core/live/protocol.mjs'
import { joinAttempts, tokenBucket } from './limits.mjs'
import { memorySessionStore, redisSessionStore } from './session-store.mjs'

const GUIDE_ONLY = new Set(['create', 'resume', 'state', 'bring', 'end'])
const guideRoom = (code) => `g:${code}`
const followerRoom = (code) => `f:${code}`

export function newCode() {
  let code = ''
  for (let i = 0; i < LIVE.codeLength; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}
const hash = (secret) => createHash('sha256').update(secret).digest()
const sameSecret = (secret, hex) => {
  const a = hash(secret)
  const b = Buffer.from(hex, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Whether the WebSocket upgrade comes from a page of this site: its Origin is this server's own
 * origin (the Host it was asked for), or one of `origins` (a front end that rewrites Host).
 */
export function originAllowed(headers, origins = []) {
  const origin = headers.origin
  if (!origin) return false
  if (origins.includes(origin)) return true
  const host = headers['x-forwarded-host'] && origins.length ? null : headers.host
  return !!host && (origin === `http://${host}` || origin === `https://${host}`)
}

/** The client's address for the join-attempt limit (`trustProxy`: the first X-Forwarded-For). */
function clientAddress(socket, trustProxy) {
  const forwarded = socket.handshake.headers['x-forwarded-for']
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0].trim()
  return socket.handshake.address
}

/**
 * Attach the relay to an HTTP server.
 * @param {import('node:http').Server} server
 * @param {{ redisUrl?: string, origins?: string[], trustProxy?: boolean, log?: (line: string) => void,
 *   limits?: Partial<typeof LIVE> }} [options]
 */
export async function attachLive(server, options = {}) {
  const log = options.log ?? ((line) => console.log(line))
  const limits = { ...LIVE, ...options.limits }
  const processId = randomBytes(6).toString('hex')
  const io = new Server(server, {
    path: limits.path,
    serveClient: false,
    // WebSocket only: no long-polling, so no sticky sessions are needed behind a load balancer.
    transports: ['websocket'],
    maxHttpBufferSize: limits.maxMessageBytes,
    // A dead connection is noticed within ~20 s (a page's own offline event is much faster); a
    // busy device (a headset drawing slow frames, a phone in a pocket) still answers in time.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers, options.origins)),
  })

  let store
  let redis = []
  if (options.redisUrl) {
    const { createClient } = await import('redis')
    const { createAdapter } = await import('@socket.io/redis-adapter')
    const pub = createClient({ url: options.redisUrl })
    const sub = pub.duplicate()
    // A Redis outage is reported once per outage, never crashes the server; node-redis reconnects.
    let down = false
    for (const c of [pub, sub]) {
      c.on('error', (e) => {
        if (!down) log(`live: Redis unavailable (${e.code ?? e.message}); retrying`)
        down = true
      })
      c.on('ready', () => (down = false))
    }
    await Promise.all([pub.connect(), sub.connect()])
    io.adapter(createAdapter(pub, sub, { requestsTimeout: 2000 }))
    store = redisSessionStore(pub, { idleMs: limits.idleMs })
    redis = [pub, sub]
  } else {
    store = memorySessionStore({ idleMs: limits.idleMs })
  }
  const attempts = joinAttempts({ limit: limits.joinAttempts, windowMs: limits.joinWindowMs })

  /** Followers on this process, per session: what the guide sees of them. */
  const local = new Map()
  const send = (target, message) => target.emit(EVENT, message)

  async function endSession(code, reason) {
    await store.delete(code).catch(() => {})
    send(io.to(followerRoom(code)).to(guideRoom(code)), { t: 'ended', reason })
    // Let the message go out before the sockets leave the rooms.
    setTimeout(
      () =>
        io
          .in(followerRoom(code))
          .in(guideRoom(code))
          .socketsLeave([followerRoom(code), guideRoom(code)]),
      50,
    )
  }

  async function followerCount(code) {
    try {
      return (await io.in(followerRoom(code)).fetchSockets()).length
    } catch {
      return local.get(code)?.size ?? 0
    }
  }

  const handlers = {
    async create(socket, m) {
      for (let i = 0; i < 5; i++) {
        const code = newCode()
        const secret = randomBytes(24).toString('base64url')
        const record = {
          state: m.state,
          secretHash: hash(secret).toString('hex'),
          guideOnline: true,
          guideOffAt: 0,
        }
        if (await store.create(code, record)) {
          becomeGuide(socket, code)
          return { ok: true, code, secret, state: m.state, followers: 0 }
        }
      }
      return { ok: false, reason: 'unavailable' }
    },
    async resume(socket, m) {
      const record = await store.get(m.code)
      if (!record) return { ok: false, reason: 'unknown' }
      if (!sameSecret(m.secret, record.secretHash)) {
        attempts.fail(clientAddress(socket, options.trustProxy))
        return { ok: false, reason: 'secret' }
      }
      await store.put(m.code, { ...record, guideOnline: true, guideOffAt: 0 })
      becomeGuide(socket, m.code)
      send(io.to(followerRoom(m.code)), { t: 'guide', connected: true })
      return { ok: true, code: m.code, state: record.state, followers: await followerCount(m.code) }
    },
    async state(socket, m) {
      const code = socket.data.code
      const record = await store.get(code)
      if (!record) return endLocal(socket)
      await store.put(code, { ...record, state: m.state })
      send(io.to(followerRoom(code)), { t: 'state', state: m.state })
    },
    async bring(socket, m) {
      const code = socket.data.code
      const record = await store.get(code)
      if (!record) return endLocal(socket)
      await store.put(code, record)
      send(io.to(followerRoom(code)), { t: 'bring', view: m.view })
    },
    async end(socket) {
      await endSession(socket.data.code, 'guide')
    },
    async join(socket, m) {
      const address = clientAddress(socket, options.trustProxy)
      if (!attempts.allowed(address)) return { ok: false, reason: 'attempts' }
      const record = await store.get(m.code)
      if (!record) {
        attempts.fail(address)
        return { ok: false, reason: 'unknown' }
      }
      if (socket.data.code !== m.code && (await followerCount(m.code)) >= limits.maxFollowers)
        return { ok: false, reason: 'full' }
      leaveSession(socket)
      socket.data.role = 'follower'
      socket.data.code = m.code
      socket.join(followerRoom(m.code))
      const mine = local.get(m.code) ?? new Map()
      local.set(m.code, mine)
      mine.set(socket.id, {
        id: socket.id.slice(0, 12),
        name: m.name || undefined,
        lang: m.lang,
        mode: '3d',
        at: null,
        looking: false,
      })
      dirty.add(m.code)
      if (!record.guideOnline) send(socket, { t: 'guide', connected: false })
      return { ok: true, code: m.code, state: record.state }
    },
    view(socket, m) {
      const me = local.get(socket.data.code)?.get(socket.id)
      if (!me) return
      Object.assign(me, { mode: m.mode, at: m.at, looking: m.looking })
      dirty.add(socket.data.code)
    },
    leave(socket) {
      leaveSession(socket)
    },
  }

  function becomeGuide(socket, code) {
    leaveSession(socket)
    socket.data.role = 'guide'
    socket.data.code = code
    socket.join(guideRoom(code))
    // The guide hears at once from every process how many follow (not only at the next summary).
    forceGroup.add(code)
  }

  function endLocal(socket) {
    send(socket, { t: 'ended', reason: 'idle' })
    leaveSession(socket)
  }

  function leaveSession(socket) {
    const code = socket.data.code
    if (!code) return
    socket.leave(guideRoom(code))
    socket.leave(followerRoom(code))
    if (socket.data.role === 'follower' && local.get(code)?.delete(socket.id)) dirty.add(code)
    socket.data.code = undefined
    socket.data.role = undefined
  }

  // Each process sums up its followers for the guide, at most once per groupEveryMs per session.
  const dirty = new Set()
  const forceGroup = new Set()
  const groupTimer = setInterval(() => {
    for (const code of new Set([...dirty, ...forceGroup])) {
      const mine = local.get(code)
      send(io.to(guideRoom(code)), { t: 'group', from: processId, followers: mine ? [...mine.values()] : [] })
      if (mine && mine.size === 0) local.delete(code)
    }
    dirty.clear()
    forceGroup.clear()
  }, limits.groupEveryMs)

  // Sessions that expired (idle) or whose guide never came back end for the followers here.
  const sweepTimer = setInterval(
    async () => {
      store.sweep()
      const codes = new Set(local.keys())
      for (const s of io.of('/').sockets.values()) if (s.data.code) codes.add(s.data.code)
      for (const code of codes) {
        let record
        try {
          record = await store.get(code)
        } catch {
          continue // Redis is down: keep the session, followers see the relay as reachable
        }
        if (!record) {
          send(io.local.to(followerRoom(code)).to(guideRoom(code)), { t: 'ended', reason: 'idle' })
          io.local
            .in(followerRoom(code))
            .in(guideRoom(code))
            .socketsLeave([followerRoom(code), guideRoom(code)])
          local.delete(code)
        } else if (!record.guideOnline && Date.now() - record.guideOffAt > limits.guideGraceMs) {
          await endSession(code, 'gone')
        }
      }
    },
    Math.min(15_000, limits.guideGraceMs / 2),
  )
  // A keep-alive for groups: a guide's "group" view drops a process that stops reporting.
  setInterval(() => {
    for (const code of local.keys()) dirty.add(code)
  }, 2000).unref()

  io.on('connection', (socket) => {
    const bucket = tokenBucket({ rate: limits.ratePerSecond, burst: limits.rateBurst })
    let lastRateNotice = 0
    socket.on(EVENT, async (raw, reply) => {
      const answer = typeof reply === 'function' ? reply : () => {}
      if (!bucket.take()) {
        if (Date.now() - lastRateNotice > 1000) send(socket, { t: 'refused', reason: 'rate' })
        lastRateNotice = Date.now()
        return answer({ ok: false, reason: 'invalid' })
      }
      const parsed = messageBytes(raw) <= limits.maxMessageBytes ? clientMessageSchema.safeParse(raw) : null
      if (!parsed?.success) {
        send(socket, { t: 'refused', reason: 'invalid' })
        return answer({ ok: false, reason: 'invalid' })
      }
      const m = parsed.data
      const role = socket.data.role
      const driving = m.t !== 'create' && m.t !== 'resume'
      if (GUIDE_ONLY.has(m.t) && driving && role !== 'guide') {
        send(socket, { t: 'refused', reason: 'not-guide' })
        return answer({ ok: false, reason: 'invalid' })
      }
      if ((m.t === 'view' || m.t === 'leave') && role !== 'follower')
        return answer({ ok: false, reason: 'invalid' })
      try {
        answer((await handlers[m.t](socket, m)) ?? { ok: true })
      } catch (e) {
        log(`live: ${m.t} failed (${e.code ?? e.message})`)
        answer({ ok: false, reason: 'unavailable' })
      }
    })
    socket.on('disconnect', async () => {
      const { role, code } = socket.data
      leaveSession(socket)
      if (role !== 'guide' || !code) return
      // Another connection of the same guide (a reconnect on another process) may already be in.
      try {
        const others = await io.in(guideRoom(code)).fetchSockets()
        if (others.length) return
        const record = await store.get(code)
        if (!record) return
        await store.put(code, { ...record, guideOnline: false, guideOffAt: Date.now() }, { touch: false })
        send(io.to(followerRoom(code)), { t: 'guide', connected: false })
      } catch {
        // Redis is down: the guide's reconnection will set the record right.
      }
    })
  })

  log(
    `Live tours: ${options.redisUrl ? 'sessions shared through Redis' : 'sessions in this process (set REDIS_URL to share them)'}`,
  )

  return {
    io,
    store,
    processId,
    async close() {
      clearInterval(groupTimer)
      clearInterval(sweepTimer)
      io.disconnectSockets(true)
      await new Promise((resolve) => io.close(() => resolve()))
      await Promise.all(redis.map((c) => c.quit().catch(() => {})))
    },
  }
}

/**
 * The relay's options from the environment: `REDIS_URL` (share sessions between processes),
 * `PORTAGE_LIVE_ORIGINS` (space-separated page origins, when a front end rewrites Host),
 * `PORTAGE_TRUST_PROXY=1` (behind a load balancer: the client address is X-Forwarded-For's first).
 */
export function liveOptionsFromEnv(env) {
  return {
    redisUrl: env.REDIS_URL || undefined,
    origins: (env.PORTAGE_LIVE_ORIGINS ?? '').split(/\s+/).filter(Boolean),
    trustProxy: env.PORTAGE_TRUST_PROXY === '1',
  }
}
