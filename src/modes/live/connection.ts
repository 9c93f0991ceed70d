/**
 * The browser's end of the live relay: one Socket.IO connection to this page's own origin
 * (WebSocket only, covered by the CSP's `connect-src 'self'`). Every message received is parsed
 * with the shared schema and dropped if it does not match; every message sent is checked the same
 * way first. The page's own online/offline events drive the connection too: a laptop that loses
 * the Wi-Fi says so at once rather than after the heartbeat times out, and reconnects as soon as
 * the network is back.
 */
import { io, type Socket } from 'socket.io-client'
import {
  clientMessageSchema,
  EVENT,
  LIVE,
  messageBytes,
  replySchema,
  serverMessageSchema,
  type ClientMessage,
  type Reply,
  type ServerMessage,
} from '../../core/live/protocol.mjs'

export type Connection = {
  /** Send a message (dropped, with a console warning, if it is not one the protocol allows). */
  send(message: ClientMessage): void
  /** Send and wait for the relay's reply (create, resume, join). */
  ask(message: ClientMessage): Promise<Reply>
  close(): void
}

export type ConnectionEvents = {
  /** Connected (again): the caller (re)introduces itself: create, resume or join. */
  onConnect(): void
  onDisconnect(): void
  onMessage(message: ServerMessage): void
}

type ConnectionWindow = Pick<Window, 'addEventListener' | 'removeEventListener' | 'location'>

const valid = (message: ClientMessage) =>
  messageBytes(message) <= LIVE.maxMessageBytes && clientMessageSchema.safeParse(message).success

export function openConnection(base: string, events: ConnectionEvents, win: ConnectionWindow): Connection {
  const socket: Socket = io(win.location.origin, {
    path: `${base.replace(/\/$/, '')}${LIVE.path}`,
    transports: ['websocket'],
    // Back within 5 s of the network's return: retry fast, never wait long between tries.
    reconnectionDelay: 300,
    reconnectionDelayMax: 1500,
    randomizationFactor: 0.3,
    // A busy device (a headset drawing slow frames) may need a while to finish the handshake.
    timeout: 10_000,
  })
  socket.on('connect', () => events.onConnect())
  socket.on('disconnect', (reason) => {
    events.onDisconnect()
    // The relay closed this connection (it restarted, or dropped a stale one): Socket.IO does not
    // retry on its own after a server-side close, so ask again.
    if (reason === 'io server disconnect') socket.connect()
  })
  socket.on(EVENT, (raw: unknown) => {
    const parsed = serverMessageSchema.safeParse(raw)
    if (parsed.success) events.onMessage(parsed.data)
  })
  const offline = () => {
    socket.disconnect()
    events.onDisconnect()
  }
  const online = () => {
    if (!socket.connected) socket.connect()
  }
  win.addEventListener('offline', offline)
  win.addEventListener('online', online)
  return {
    send(message) {
      if (!valid(message)) return console.warn('live: not sent, not a valid message', message.t)
      if (socket.connected) socket.emit(EVENT, message)
    },
    ask(message) {
      if (!valid(message)) return Promise.resolve({ ok: false, reason: 'invalid' })
      return socket
        .timeout(5000)
        .emitWithAck(EVENT, message)
        .then((raw: unknown) => {
          const parsed = replySchema.safeParse(raw)
          return parsed.success ? parsed.data : ({ ok: false, reason: 'invalid' } as const)
        })
        .catch(() => ({ ok: false, reason: 'unavailable' }) as const)
    },
    close() {
      win.removeEventListener('offline', offline)
      win.removeEventListener('online', online)
      socket.close()
    },
  }
}
