/**
 * `npm run bench:live`: the live relay under simulated groups (docs/live.md). A real redis-server
 * and two relay processes (`tools/server/serve.mjs` with REDIS_URL, as in production); followers
 * are Socket.IO clients in this process on loopback, spread over sessions of at most
 * LIVE.maxFollowers and alternately over the two processes; each session's guide is on the first,
 * and the guides' messages are spread evenly over each 250 ms round.
 * For 100, 500, 1,000 and 2,000 followers it prints the time from a guide's message to its arrival
 * at the followers (median, 95th percentile), the relays' memory per follower and their CPU time
 * per message delivered. Not part of `npm test`. `--sizes 100,500` picks the group sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { io, type Socket } from 'socket.io-client'
import { LIVE } from '../src/core/live/protocol.mjs'

const BASE = Number(process.env.PORTAGE_TEST_PORT ?? 4173) + 25
const REDIS_PORT = BASE
const PORTS = [BASE + 1, BASE + 2]
const ROUNDS = 20
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const SIZES = (arg('sizes') ?? '100,500,1000,2000').split(',').map(Number)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const state = (replays: number) => ({
  tour: 'canada-rights-values',
  stop: 'parliament-hill',
  hotspot: null,
  narration: 'idle',
  replays,
  paused: false,
  look: null,
  lookSeq: 0,
})

function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['tools/server/serve.mjs', '--port', String(port)], {
    env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('is being served') && resolve(child))
    child.once('exit', (c) => reject(new Error(`relay exited (${c})`)))
  })
}
const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1])
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime + stime, clock ticks of 10 ms
}
function connect(port: number): Promise<Socket> {
  const s = io(`http://127.0.0.1:${port}`, {
    path: LIVE.path,
    transports: ['websocket'],
    extraHeaders: { origin: `http://127.0.0.1:${port}` },
    reconnection: false,
    forceNew: true,
  })
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}
const ask = (s: Socket, m: unknown) =>
  s.timeout(20_000).emitWithAck('m', m) as Promise<{ ok: boolean; code?: string }>
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

async function run(followers: number, relays: ChildProcess[]) {
  const sessions = Math.ceil(followers / LIVE.maxFollowers)
  const guides: { socket: Socket; code: string }[] = []
  for (let i = 0; i < sessions; i++) {
    const socket = await connect(PORTS[0]!)
    const r = await ask(socket, { t: 'create', state: state(0) })
    guides.push({ socket, code: r.code! })
  }
  const before = relays.map((r) => rssKiB(r.pid!))
  const sent = new Map<string, number>()
  const latencies: number[] = []
  const clients: Socket[] = []
  for (let i = 0; i < followers; i++) {
    const s = await connect(PORTS[i % 2]!)
    const code = guides[i % sessions]!.code
    s.on('m', (m: { t: string; state?: { replays: number } }) => {
      if (m.t !== 'state' || !m.state) return
      const t0 = sent.get(`${code}:${m.state.replays}`)
      if (t0 !== undefined) latencies.push(performance.now() - t0)
    })
    const r = await ask(s, { t: 'join', code, lang: i % 2 ? 'fr' : 'en' })
    if (!r.ok) throw new Error(`join failed: ${JSON.stringify(r)}`)
    clients.push(s)
  }
  await sleep(2000)
  const after = relays.map((r) => rssKiB(r.pid!))
  const cpu0 = relays.map((r) => cpuMs(r.pid!))
  // Each guide acts every 250 ms; the sessions' guides are independent people, so their moves are
  // spread over the 250 ms (not all at the same millisecond, which no real set of groups does).
  const gap = 250 / guides.length
  for (let round = 1; round <= ROUNDS; round++) {
    for (const g of guides) {
      sent.set(`${g.code}:${round}`, performance.now())
      g.socket.emit('m', { t: 'state', state: state(round) })
      await sleep(gap)
    }
  }
  await sleep(1500)
  const cpu = relays.reduce((sum, r, i) => sum + cpuMs(r.pid!) - cpu0[i]!, 0)
  const expected = followers * ROUNDS
  for (const s of [...clients, ...guides.map((g) => g.socket)]) s.close()
  await sleep(1000)
  return {
    followers,
    sessions,
    delivered: latencies.length,
    expected,
    median: pct(latencies, 50),
    p95: pct(latencies, 95),
    memPerFollowerKiB: (after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)) / followers,
    cpuPerMessageUs: (cpu * 1000) / Math.max(1, latencies.length),
  }
}

const redis = spawn('redis-server', ['--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no'], {
  stdio: 'ignore',
})
await sleep(500)
const load0 = loadavg()
const rows = []
try {
  for (const n of SIZES) {
    // Fresh relay processes for each size: a process's memory does not shrink back after a larger
    // group, so memory per follower is measured from a clean start.
    const relays = [await start(PORTS[0]!), await start(PORTS[1]!)]
    try {
      const r = await run(n, relays)
      rows.push(r)
      console.log(
        `${n} followers: median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${r.delivered}/${r.expected} delivered`,
      )
    } finally {
      for (const r of relays) {
        r.kill('SIGTERM')
        await once(r, 'exit')
      }
    }
  }
} finally {
  redis.kill('SIGTERM')
}
const load1 = loadavg()
console.log(
  `\n${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}; load average ${load0.map((l) => l.toFixed(1)).join(' / ')} at the start, ${load1.map((l) => l.toFixed(1)).join(' / ')} at the end. ${ROUNDS} guide messages per session, 250 ms apart, the sessions' guides spread over each 250 ms; followers and guides are clients in one Node process, the two relays and Redis are processes of their own.\n`,
)
console.log(
  '| followers | sessions | delivered | median (ms) | p95 (ms) | relay memory per follower (KiB) | relay CPU per message delivered (µs) |',
)
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows)
  console.log(
    `| ${r.followers} | ${r.sessions} | ${r.delivered}/${r.expected} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.memPerFollowerKiB.toFixed(1)} | ${r.cpuPerMessageUs.toFixed(1)} |`,
  )
process.exit(0)
