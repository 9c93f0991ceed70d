/**
 * The kiosk launcher's channel (tools/server/kiosk-channel.mjs) as another web page on the kiosk's
 * machine would try it. Before, `POST /__kiosk/quit` only checked that the caller was on this
 * machine, so any page open in any browser there could close the kiosk for good. Now: the launch's
 * secret, given only to a same-origin read of /__kiosk/status, and the kiosk's own Origin and Host.
 * The server is started as the launcher starts it (with an IPC channel) and spoken to byte for byte.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SERVE = join(import.meta.dirname, '../../tools/server/serve.mjs')

type Reply = { status: number; body: string; headers: Record<string, string | string[] | undefined> }
const send = (port: number, method: string, path: string, headers: Record<string, string>, body = '') =>
  new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(body)
  })

async function start(env: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'portage-kiosk-channel-'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kiosk</title>')
  const child: ChildProcess = fork(SERVE, ['--root', root, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, PORTAGE_EMBED_ORIGINS: '', ...env },
  })
  const messages: { type: string; body: string }[] = []
  child.on('message', (m) => messages.push(m as { type: string; body: string }))
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on('data', (d: Buffer) => {
      const m = /:(\d+)\//.exec(d.toString())
      if (m) resolve(Number(m[1]))
    }),
  )
  return { child, port, messages, root }
}

describe('the kiosk launcher’s channel', () => {
  let server: Awaited<ReturnType<typeof start>>
  let own: Record<string, string>
  beforeAll(async () => {
    server = await start()
    own = { Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}` }
  })
  afterAll(() => {
    server.child.kill()
    rmSync(server.root, { recursive: true, force: true })
  })
  const status = (headers: Record<string, string>) =>
    send(server.port, 'GET', '/__kiosk/status', headers).then(
      (r) => JSON.parse(r.body) as Record<string, unknown>,
    )
  const settle = () => new Promise((r) => setTimeout(r, 150))

  it('gives the launch’s secret only to the kiosk’s own page', async () => {
    const mine = await status({ Host: own.Host!, 'Sec-Fetch-Site': 'same-origin' })
    expect(mine.launcher).toBe(true)
    expect(String(mine.secret)).toMatch(/^[\w-]{40,}$/)
    // A page of another site asking (its answer is unreadable to it anyway, without CORS).
    expect(await status({ Host: own.Host!, 'Sec-Fetch-Site': 'cross-site' })).toEqual({ launcher: true })
    expect(await status({ Host: own.Host!, 'Sec-Fetch-Site': 'same-site' })).toEqual({ launcher: true })
    // A site that rebinds its own name to 127.0.0.1 (DNS rebinding) is "same-origin" to the browser.
    expect(
      await status({ Host: `attacker.example:${server.port}`, 'Sec-Fetch-Site': 'same-origin' }),
    ).toEqual({
      launcher: true,
    })
    const res = await send(server.port, 'GET', '/__kiosk/status', { Host: own.Host! })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['content-security-policy']).toContain("object-src 'none'")
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('refuses quit and heartbeat without the secret, from another origin or by another name', async () => {
    const { secret } = await status({ Host: own.Host! })
    const attempts: [string, Record<string, string>][] = [
      ['no secret', own],
      ['a wrong secret', { ...own, 'X-Portage-Kiosk': 'guess' }],
      ['another origin', { ...own, Origin: 'http://attacker.example', 'X-Portage-Kiosk': String(secret) }],
      ['no origin', { Host: own.Host!, 'X-Portage-Kiosk': String(secret) }],
      ['a null origin (a sandboxed frame)', { ...own, Origin: 'null', 'X-Portage-Kiosk': String(secret) }],
      [
        'a rebound name',
        {
          Host: `attacker.example:${server.port}`,
          Origin: `http://attacker.example:${server.port}`,
          'X-Portage-Kiosk': String(secret),
        },
      ],
    ]
    for (const path of ['/__kiosk/quit', '/__kiosk/heartbeat'])
      for (const [what, headers] of attempts) {
        const res = await send(server.port, 'POST', path, headers, 'attract')
        expect(res.status, `${path} with ${what}`).toBeGreaterThanOrEqual(403)
        expect(res.headers['content-security-policy'], `${path} with ${what}`).toContain("object-src 'none'")
      }
    await settle()
    expect(server.messages).toEqual([])
    expect(server.child.exitCode).toBeNull()
  })

  it('passes the kiosk page’s own heartbeat and quit to the launcher', async () => {
    const { secret } = await status({ Host: own.Host!, 'Sec-Fetch-Site': 'same-origin' })
    const headers = { ...own, 'X-Portage-Kiosk': String(secret) }
    expect((await send(server.port, 'POST', '/__kiosk/heartbeat', headers, 'attract')).status).toBe(204)
    expect((await send(server.port, 'GET', '/__kiosk/quit', headers)).status).toBe(405)
    expect((await send(server.port, 'POST', '/__kiosk/quit', headers)).status).toBe(204)
    await settle()
    expect(server.messages).toEqual([
      { type: 'heartbeat', body: 'attract' },
      { type: 'quit', body: '' },
    ])
  })

  it('keeps the secret the launcher gives across a restart of the server', async () => {
    const again = await start({ PORTAGE_KIOSK_SECRET: 'a-secret-the-launcher-chose-0123456789' })
    try {
      const mine = await send(again.port, 'GET', '/__kiosk/status', { Host: `localhost:${again.port}` })
      expect(JSON.parse(mine.body)).toEqual({
        launcher: true,
        secret: 'a-secret-the-launcher-chose-0123456789',
      })
    } finally {
      again.child.kill()
      rmSync(again.root, { recursive: true, force: true })
    }
  })

  it('says only that there is no launcher when `npm start` serves', async () => {
    const root = mkdtempSync(join(tmpdir(), 'portage-kiosk-channel-'))
    writeFileSync(join(root, 'index.html'), '<!doctype html>')
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, [SERVE, '--root', root, '--port', '0'], { env: process.env })
    try {
      const port = await new Promise<number>((resolve) =>
        child.stdout.on('data', (d: Buffer) => {
          const m = /:(\d+)\//.exec(d.toString())
          if (m) resolve(Number(m[1]))
        }),
      )
      const host = { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` }
      expect(JSON.parse((await send(port, 'GET', '/__kiosk/status', host)).body)).toEqual({ launcher: false })
      expect((await send(port, 'POST', '/__kiosk/quit', host)).status).toBe(404)
    } finally {
      child.kill()
      rmSync(root, { recursive: true, force: true })
    }
  })
})
