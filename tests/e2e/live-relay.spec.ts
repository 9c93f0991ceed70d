/**
 * The live relay under trouble (issue 16): a follower's network goes off and on and it catches up
 * within 5 s without a reload; a follower that sends a guide's message is refused; a page of
 * another origin cannot connect; join attempts are limited; and two relay processes sharing a real
 * `redis-server` keep a guide and a follower on different processes in step, across the restart of
 * either process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { io, type Socket } from 'socket.io-client'
import { expect, test } from './fixtures'
import { device, expectInStep, joinAs, startGuide, where } from './live-helpers'
import { PORTS } from './ports'

test.describe.configure({ timeout: 300_000 })

const PORT = PORTS.app
const STATE = {
  tour: 'canada-rights-values',
  stop: 'parliament-hill',
  hotspot: null,
  narration: 'idle',
  replays: 0,
  paused: false,
  look: null,
  lookSeq: 0,
}

function client(origin = `http://127.0.0.1:${PORT}`, port = PORT, localAddress?: string): Socket {
  return io(`http://127.0.0.1:${port}`, {
    path: '/live/',
    transports: ['websocket'],
    extraHeaders: { origin },
    reconnection: false,
    // Passed on to Node's WebSocket (engine.io-client picks it), though not in its types.
    ...(localAddress ? ({ localAddress } as object) : {}),
  })
}
const ask = (s: Socket, m: unknown) => s.timeout(5000).emitWithAck('m', m) as Promise<Record<string, unknown>>
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })

test('a follower whose network drops is told, and catches up within 5 s of its return', async ({
  page: guide,
  browser,
  baseURL,
}) => {
  const code = await startGuide(guide)
  const f = await device(browser, baseURL!)
  await joinAs(f.page, code, 'lang=fr')
  await expectInStep(guide, [f.page])
  await f.context.setOffline(true)
  await expect(f.page.getByTestId('live-offline')).toContainText('Connexion perdue')
  // The group moves on meanwhile.
  await guide.getByRole('button', { name: 'Next stop' }).click()
  await guide
    .getByRole('button', { name: /Two histories, one city/ })
    .first()
    .click()
  await guide.waitForTimeout(1000)
  expect((await where(f.page))!.stop).toBe('parliament-hill')
  const back = Date.now()
  await f.context.setOffline(false)
  await expectInStep(guide, [f.page], 5000)
  console.log(`live: follower back in step ${Date.now() - back} ms after the network returned`)
  await expect(f.page.getByTestId('live-offline')).toBeHidden()
  expect(f.errors).toEqual([])
  await f.context.close()
})

test('only the guide drives: a follower sending a guide message is refused', async () => {
  const guide = client()
  await connected(guide)
  const created = await ask(guide, { t: 'create', state: STATE })
  expect(created.ok).toBe(true)
  const code = created.code as string

  const follower = client()
  await connected(follower)
  const refused = new Promise((resolve) =>
    follower.on('m', (m: { t: string }) => m.t === 'refused' && resolve(m)),
  )
  expect((await ask(follower, { t: 'join', code, lang: 'en' })).ok).toBe(true)
  const hijack = await ask(follower, { t: 'state', state: { ...STATE, stop: 'old-quebec' } })
  expect(hijack.ok).toBe(false)
  expect(await refused).toEqual({ t: 'refused', reason: 'not-guide' })
  expect((await ask(follower, { t: 'end' })).ok).toBe(false)
  // The session is as the guide left it: a newcomer arrives at the guide's stop.
  const late = client()
  await connected(late)
  const joined = await ask(late, { t: 'join', code, lang: 'fr' })
  expect((joined.state as typeof STATE).stop).toBe('parliament-hill')
  // Malformed and oversized messages are refused, and nothing breaks.
  expect((await ask(follower, { t: 'view', mode: '3d', at: ['x', 0, 0], looking: true })).ok).toBe(false)
  // A message over the size limit closes the sender's connection (the relay reads no more of it);
  // the session goes on for the others.
  await expect(
    ask(follower, { t: 'view', mode: '3d', at: null, looking: true, pad: 'x'.repeat(5000) }),
  ).rejects.toThrow()
  expect(follower.connected).toBe(false)
  expect((await ask(late, { t: 'view', mode: '3d', at: [1, 2, 3], looking: true })).ok).toBe(true)
  for (const s of [guide, follower, late]) s.close()
})

test('a page of another origin cannot connect, and join codes cannot be guessed by trying', async () => {
  const foreign = client('http://evil.example')
  await expect(connected(foreign)).rejects.toThrow()
  foreign.close()

  // From a loopback address of its own: the limit it earns is per address, and the tests running
  // beside this one join from 127.0.0.1 on the same server.
  const guesser = client(undefined, undefined, '127.0.0.2')
  await connected(guesser)
  const replies: string[] = []
  for (let i = 0; i < 12; i++) {
    const r = await ask(guesser, { t: 'join', code: 'ZZZZZZZ' + '23456789'[i % 8], lang: 'en' })
    replies.push(r.reason as string)
  }
  expect(replies.slice(0, 10).every((r) => r === 'unknown')).toBe(true)
  expect(replies.slice(10)).toEqual(['attempts', 'attempts'])
  guesser.close()
})

// ── Two relay processes sharing a real redis-server ────────────────────────────────────────
async function portFree(port: number) {
  const s = createServer()
  s.listen(port, '127.0.0.1')
  await once(s, 'listening')
  s.close()
}
function relay(port: number, redisUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['tools/server/serve.mjs', '--port', String(port)], {
    env: { ...process.env, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('is being served') && resolve(child))
    child.once('exit', (c) => reject(new Error(`relay on ${port} exited (${c})`)))
  })
}
async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await once(child, 'exit')
}

test.describe('relay processes of their own', () => {
  // The pages come from these processes' own origins (each a relay of its own).
  test.use({
    allowedOrigins: [PORTS.liveRelayA, PORTS.liveRelayB, PORTS.liveAlone].map((p) => `http://127.0.0.1:${p}`),
  })

  test('two relay processes and Redis: a guide and a follower on different processes stay in step, across restarts', async ({
    page: guide,
    browser,
  }) => {
    const redisPort = PORTS.liveRedis
    const portA = PORTS.liveRelayA
    const portB = PORTS.liveRelayB
    await Promise.all([portFree(redisPort), portFree(portA), portFree(portB)])
    const redis = spawn('redis-server', ['--port', String(redisPort), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
    const redisUrl = `redis://127.0.0.1:${redisPort}`
    const children: ChildProcess[] = []
    try {
      await new Promise((r) => setTimeout(r, 500))
      let a = await relay(portA, redisUrl)
      let b = await relay(portB, redisUrl)
      children.push(a, b)
      const code = await startGuide(guide, 'canada-rights-values', `http://127.0.0.1:${portA}`)
      const f = await device(browser, `http://127.0.0.1:${portB}`)
      await joinAs(f.page, code, 'lang=fr', '', `http://127.0.0.1:${portB}`)
      await expectInStep(guide, [f.page])
      await expect(guide.getByTestId('live-followers')).toContainText('1 following', { timeout: 15_000 })
      await guide.getByRole('button', { name: 'Next stop' }).click()
      await expectInStep(guide, [f.page])

      // The follower's process restarts: the follower comes back to the same session.
      await stop(b)
      b = await relay(portB, redisUrl)
      children.push(b)
      await expect.poll(async () => (await where(f.page))?.live?.connected, { timeout: 20_000 }).toBe(true)
      await guide.getByRole('button', { name: 'Next stop' }).click()
      await expectInStep(guide, [f.page])

      // The guide's process restarts: the guide gets the session back (its secret, this tab only).
      await stop(a)
      a = await relay(portA, redisUrl)
      children.push(a)
      await expect.poll(async () => (await where(guide))?.live?.connected, { timeout: 20_000 }).toBe(true)
      expect((await where(guide))!.live!.code).toBe(code)
      await guide.getByRole('button', { name: 'Next stop' }).click()
      await expectInStep(guide, [f.page])
      expect(f.errors).toEqual([])
      await f.context.close()
    } finally {
      for (const c of children) await stop(c)
      redis.kill('SIGTERM')
    }
  })

  test('without Redis, a relay restart ends the session with a clear message', async ({
    page: guide,
    browser,
  }) => {
    const port = PORTS.liveAlone
    await portFree(port)
    const spawnPlain = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(process.execPath, ['tools/server/serve.mjs', '--port', String(port)], {
          env: { ...process.env, REDIS_URL: '' },
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('is being served') && resolve(child))
        child.once('exit', (c) => reject(new Error(`exited (${c})`)))
      })
    let server = await spawnPlain()
    try {
      const base = `http://127.0.0.1:${port}`
      const code = await startGuide(guide, 'canada-rights-values', base)
      const f = await device(browser, base)
      await joinAs(f.page, code, 'lang=en', '', base)
      await stop(server)
      server = await spawnPlain()
      await expect(f.page.getByTestId('live-ended')).toContainText('no longer available', { timeout: 20_000 })
      await expect(guide.getByTestId('live-ended')).toContainText('The session has ended', {
        timeout: 20_000,
      })
      await f.context.close()
    } finally {
      await stop(server)
    }
  })
})
