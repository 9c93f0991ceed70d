/**
 * `npm start`'s server (tools/server/serve.mjs) as its own process, under clients that misbehave,
 * measured from outside through /proc. What broke before: files were sent with
 * `createReadStream(...).pipe(res)`, so a client that went away mid-download left its file open
 * for ever (three aborted range requests left three descriptors open); and with the open-file limit
 * reached, the next file's `open` failed with EMFILE in an 'error' event nobody handled, and the
 * process died. There were no timeouts either: a client that stopped reading held its socket and
 * file for as long as it liked.
 *
 * Bounded: about a hundred clients on loopback, a few seconds each test.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connectionsFor, openFilesLimit, SERVER_LIMITS } from '../../tools/server/server.mjs'

const SERVE = join(import.meta.dirname, '../../tools/server/serve.mjs')
const BIG = 16 * 1024 * 1024
/** Short limits, so the slow clients are dealt with within the test (npm start: SERVER_LIMITS). */
const LIMITS = { headersTimeoutMs: 1500, requestTimeoutMs: 2000, idleTimeoutMs: 1500, checkIntervalMs: 250 }

const root = mkdtempSync(join(tmpdir(), 'portage-resilience-'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Portage</title>')
writeFileSync(join(root, 'model.glb'), Buffer.alloc(BIG, 7))
afterAll(() => rmSync(root, { recursive: true, force: true }))

type Served = { child: ChildProcess; port: number; output: string[]; exited: () => boolean }

/** Starts the server (through `sh` when `nofile` lowers its open-file limit first). */
async function start(nofile?: number, limits: Record<string, number> = {}): Promise<Served> {
  const node = [process.execPath, SERVE, '--root', root, '--host', '127.0.0.1', '--port', '0']
  const env = {
    ...process.env,
    PORTAGE_SERVER_LIMITS: JSON.stringify({ ...LIMITS, ...limits }),
    PORTAGE_EMBED_ORIGINS: '',
  }
  const child = nofile
    ? spawn('sh', ['-c', `ulimit -n ${nofile} && exec "$@"`, 'sh', ...node], { env })
    : spawn(node[0]!, node.slice(1), { env })
  const output: string[] = []
  let exited = false
  child.on('exit', (code, signal) => {
    exited = true
    output.push(`exited: ${signal ?? code}`)
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port:\n${output.join('')}`)), 10_000)
    child.stdout!.on('data', (d: Buffer) => {
      output.push(d.toString())
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(d.toString())
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()))
  })
  return { child, port, output, exited: () => exited }
}

const descriptors = (pid: number) => readdirSync(`/proc/${pid}/fd`).length
/** Resident memory of the process, MB. */
const residentMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

/** A plain GET, answered completely (status), or null if the connection failed. */
function getStatus(port: number, path = '/'): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    )
    let text = ''
    socket.on('data', (d) => (text += d.toString('latin1')))
    socket.on('error', () => resolve(null))
    socket.on('close', () => resolve(text ? Number(text.split(' ')[1]) : null))
    setTimeout(() => socket.destroy(), 5000)
  })
}

/** Polls until `check` holds (or the time is up); returns the last value seen. */
async function settle<T>(read: () => T, check: (v: T) => boolean, ms = 8000): Promise<T> {
  const until = Date.now() + ms
  let v = read()
  while (!check(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100))
    v = read()
  }
  return v
}

describe('how many connections the server takes at once', () => {
  it('follows the open-files limit: two descriptors each after what the process needs itself, within bounds', () => {
    expect(connectionsFor(1024)).toBe(448)
    expect(connectionsFor(524_288)).toBe(20_000)
    expect(connectionsFor(160)).toBe(32)
    expect(connectionsFor(null)).toBe(1024)
  })
  it.skipIf(process.platform !== 'linux')('is read from the limit of this very process', () => {
    expect(openFilesLimit()).toBeGreaterThan(0)
    expect(SERVER_LIMITS.maxConnections).toBe(connectionsFor(openFilesLimit()))
    // A live group of 250 followers on one process, each page loading with 6 connections, fits on a
    // machine with Debian's hard limit (Node raises its soft limit to it).
    expect(connectionsFor(524_288)).toBeGreaterThan(250 * 7)
  })
})

describe.skipIf(process.platform !== 'linux')('the server under misbehaving clients', () => {
  it('ends a storm of aborted and slow clients with its descriptors and memory at baseline, still answering', async () => {
    const server = await start()
    const pid = server.child.pid!
    try {
      // Warm up: the big file's ETag is computed once, the code paths are compiled.
      expect(await getStatus(server.port, '/model.glb')).toBe(200)
      expect(await getStatus(server.port)).toBe(200)
      await new Promise((r) => setTimeout(r, 300))
      const baseline = { fds: descriptors(pid), mb: residentMb(pid) }

      // Each client by what it does, until it is closed (a failure names those still open).
      const open = new Map<Socket, string>()
      const clients: Promise<void>[] = []
      const track = (what: string, s: Socket) => {
        open.set(s, what)
        s.on('error', () => undefined)
        clients.push(new Promise<void>((resolve) => s.on('close', () => resolve(void open.delete(s)))))
        return s
      }
      const request = (headers: string) => (s: Socket) =>
        s.write(`GET /model.glb HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`)
      const stalled: Socket[] = []
      const waiting: Socket[] = []
      for (let round = 0; round < 3; round++) {
        // Range requests aborted once the first bytes arrive (the reported leak: one file each).
        for (let i = 0; i < 20; i++) {
          const s = track('aborted range', connect(server.port, '127.0.0.1'))
          s.on('connect', () => request(`Range: bytes=${i * 1000}-\r\n`)(s))
          s.once('data', () => s.destroy())
        }
        // Whole downloads cut after a moment, as a tab closed mid-download.
        for (let i = 0; i < 5; i++) {
          const s = track('cut download', connect(server.port, '127.0.0.1'))
          s.on('connect', () => request('')(s))
          s.once('data', () => setTimeout(() => s.destroy(), 10 + i * 10))
        }
        // Readers that stop reading: each holds a socket and a file until the idle timeout closes
        // both. (A paused socket cannot see its end: the descriptors below tell.)
        for (let i = 0; i < 2; i++) {
          const s = connect(server.port, '127.0.0.1')
          s.on('error', () => undefined)
          s.on('connect', () => request('Range: bytes=0-\r\n')(s))
          s.once('data', () => s.pause())
          stalled.push(s)
        }
        // Headers that never finish (slowloris): the headers timeout.
        for (let i = 0; i < 5; i++) {
          const s = connect(server.port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: 127'))
          s.on('error', () => undefined)
          waiting.push(s)
        }
        // Connections that send nothing at all: the idle timeout.
        for (let i = 0; i < 5; i++)
          waiting.push(connect(server.port, '127.0.0.1').on('error', () => undefined))
        await new Promise((r) => setTimeout(r, 200))
      }
      // The clients that leave by themselves have left (a bound for a machine loaded twentyfold).
      await Promise.race([
        Promise.all(clients),
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new Error(`still open after 60 s: ${[...open.values()].join(', ')}`)),
            60_000,
          ),
        ),
      ])
      // The readers that stopped, the headers that never finish and the silent connections are
      // all still open on this side: only the server's timeouts can bring it back to its baseline.
      const fds = await settle(
        () => descriptors(pid),
        (n) => n <= baseline.fds,
        30_000,
      )
      for (const s of [...stalled, ...waiting]) s.destroy()
      expect(fds, `descriptors: ${baseline.fds} before, ${fds} after`).toBeLessThanOrEqual(baseline.fds)
      // Resident memory is not handed back until V8 next collects, which an idle server may not do
      // for a while: measured +4 to +34 MB after this storm. 64 MB is four copies of the file; 81
      // clients whose answers were kept (a file read whole for each) would hold 1.3 GB. The
      // descriptors above are the exact check.
      const mb = await settle(
        () => residentMb(pid),
        (m) => m < baseline.mb + 64,
      )
      expect(mb, `resident MB: ${baseline.mb.toFixed(1)} before, ${mb.toFixed(1)} after`).toBeLessThan(
        baseline.mb + 64,
      )
      expect(server.exited()).toBe(false)
      expect(await getStatus(server.port, '/model.glb')).toBe(200)
    } finally {
      server.child.kill('SIGKILL')
    }
  }, 120_000)

  it('survives running out of descriptors (EMFILE) and serves again once clients are gone', async () => {
    // Node and the server need about 20 descriptors of their own, and loading the live relay's
    // modules (zod's locales among them) opens over a hundred at once at start: 160 starts it, and
    // 200 clients that each hold a socket and a file run out. The connection limit would refuse
    // them before that (it is derived from this very limit: connectionsFor); it is lifted here so
    // that the descriptors really run out.
    const server = await start(160, { maxConnections: 1000 })
    const pid = server.child.pid!
    try {
      expect(await getStatus(server.port, '/model.glb')).toBe(200)
      const baseline = descriptors(pid)
      const sockets: Socket[] = []
      const answers: string[] = []
      const clients = Array.from(
        { length: 200 },
        (_, i) =>
          new Promise<void>((resolve) => {
            const s = connect(server.port, '127.0.0.1', () =>
              s.write(`GET /model.glb HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=${i}-\r\n\r\n`),
            )
            sockets.push(s)
            // Each holds its download open by not reading past the first bytes.
            s.once('data', (d) => {
              answers.push(d.toString('latin1').split('\r\n')[0]!)
              s.pause()
            })
            s.on('error', () => undefined)
            s.on('close', () => resolve())
          }),
      )
      // All connected and holding (or refused), then the limit has been met.
      await settle(
        () => answers.length + sockets.filter((s) => s.destroyed).length,
        (n) => n >= 200,
        5000,
      )
      expect(server.exited(), server.output.join('')).toBe(false)
      // Some were answered "busy" (or not accepted at all) rather than taking the process down.
      expect(answers.filter((a) => a.includes(' 206 ')).length).toBeLessThan(200)
      for (const s of sockets) s.destroy()
      await Promise.all(clients)
      const fds = await settle(
        () => descriptors(pid),
        (n) => n <= baseline,
      )
      expect(fds).toBeLessThanOrEqual(baseline)
      expect(server.exited(), server.output.join('')).toBe(false)
      expect(await getStatus(server.port, '/model.glb')).toBe(200)
      expect(server.output.join('')).not.toContain('Unhandled')
    } finally {
      server.child.kill('SIGKILL')
    }
  }, 40_000)
})
