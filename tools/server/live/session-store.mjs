// Where live sessions are kept: in this process's memory (one relay, `npm start`), or in Redis
// (`REDIS_URL`: several relay processes share them, and they survive a process restart). A record
// holds only what the relay needs to run the session: the tour state, a hash of the guide's secret
// and whether the guide is connected. No names, no addresses; deleted when the session ends, and
// expired after LIVE.idleMs without a word from the guide (Redis: the key's TTL).
import { LIVE } from '../../../src/core/live/protocol.mjs'

const KEY = (code) => `portage:live:session:${code}`

/**
 * @typedef {{ state: import('../../../src/core/live/protocol.mjs').SessionState, secretHash: string,
 *   guideOnline: boolean, guideOffAt: number }} SessionRecord
 */

/** In-process sessions; `now` is injectable for tests. */
export function memorySessionStore({ now = () => Date.now(), idleMs = LIVE.idleMs } = {}) {
  const sessions = new Map()
  const alive = (code) => {
    const s = sessions.get(code)
    if (s && now() - s.touched > idleMs) sessions.delete(code)
    return sessions.get(code)
  }
  return {
    kind: 'memory',
    async create(code, record) {
      if (alive(code)) return false
      sessions.set(code, { record, touched: now() })
      return true
    },
    async get(code) {
      return alive(code)?.record ?? null
    },
    async put(code, record, { touch = true } = {}) {
      const s = alive(code)
      if (!s) return false
      s.record = record
      if (touch) s.touched = now()
      return true
    },
    async delete(code) {
      sessions.delete(code)
    },
    /** Forget idle sessions (called by the relay's sweep). */
    sweep() {
      for (const code of sessions.keys()) alive(code)
    },
    get size() {
      return sessions.size
    },
  }
}

/** Sessions in Redis (node-redis client), one JSON value per session with a TTL of LIVE.idleMs. */
export function redisSessionStore(client, { idleMs = LIVE.idleMs } = {}) {
  return {
    kind: 'redis',
    async create(code, record) {
      const ok = await client.set(KEY(code), JSON.stringify(record), {
        condition: 'NX',
        expiration: { type: 'PX', value: idleMs },
      })
      return ok === 'OK'
    },
    async get(code) {
      const raw = await client.get(KEY(code))
      if (!raw) return null
      try {
        return JSON.parse(raw)
      } catch {
        return null
      }
    },
    async put(code, record, { touch = true } = {}) {
      // XX: a session that ended (or expired) meanwhile is not brought back by a late update.
      const ok = await client.set(
        KEY(code),
        JSON.stringify(record),
        touch
          ? { condition: 'XX', expiration: { type: 'PX', value: idleMs } }
          : { condition: 'XX', expiration: 'KEEPTTL' },
      )
      return ok === 'OK'
    },
    async delete(code) {
      await client.del(KEY(code))
    },
    sweep() {},
  }
}
