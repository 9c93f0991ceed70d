import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  isLoopbackHost,
  KIOSK_CACHE_PREFIX,
  kioskWorkerAllowed,
  removeKioskWorker,
} from '../../../src/core/kiosk/worker-scope'
import { mismatch } from '../../../src/modes/kiosk/sw/verify'

const subtle = globalThis.crypto.subtle
const entry = (url: string, body: string) => ({
  url,
  revision: createHash('sha256').update(body).digest('hex').slice(0, 16),
  bytes: Buffer.byteLength(body),
})
const buf = (text: string) => new TextEncoder().encode(text).buffer

describe('offline worker: each file is checked against its revision before it is kept', () => {
  it('keeps the file the build listed', async () => {
    expect(await mismatch(entry('/app/a.js', 'export{}'), buf('export{}'), subtle)).toBeNull()
  })
  it('refuses index.html served in place of a missing script or model (a partial deploy)', async () => {
    const html = '<!doctype html><html><body>Portage</body></html>'
    expect(await mismatch(entry('/app/a.js', 'export{}'), buf(html), subtle)).toMatch(
      /bytes where the build has 8/,
    )
    // Same size, other content: the hash tells.
    expect(await mismatch(entry('/app/b.js', 'x'.repeat(html.length)), buf(html), subtle)).toMatch(
      /content \w+ where/,
    )
  })
})

describe('offline worker: only where a kiosk is meant to run', () => {
  it('knows this machine', () => {
    for (const h of ['127.0.0.1', '127.4.5.6', 'localhost', 'kiosk.localhost', '[::1]', '::1'])
      expect(isLoopbackHost(h), h).toBe(true)
    for (const h of ['portage.example', '127.0.0.1.evil.example', '10.0.0.5', 'localhost.example'])
      expect(isLoopbackHost(h), h).toBe(false)
  })
  it('allows the launcher, loopback and the configured hosts, nothing else', () => {
    const at = (hostname: string, launcher = false, hosts: string[] = []) =>
      kioskWorkerAllowed({ hostname, launcher, hosts })
    expect(at('127.0.0.1')).toBe(true)
    expect(at('portage.example')).toBe(false)
    expect(at('portage.example', true)).toBe(true)
    expect(at('Kiosk.Embassy.example', false, ['kiosk.embassy.example'])).toBe(true)
    expect(at('embassy.example', false, ['kiosk.embassy.example'])).toBe(false)
  })
  it('the worker names its caches with the prefix the removal looks for', () => {
    expect(readFileSync('src/modes/kiosk/sw/sw.ts', 'utf8')).toContain(
      `const PREFIX = '${KIOSK_CACHE_PREFIX}'`,
    )
  })
  it('removes a kiosk worker and its caches, and leaves other workers and caches alone', async () => {
    const unregistered: string[] = []
    const reg = (scriptURL: string) => ({
      active: { scriptURL },
      waiting: null,
      installing: null,
      unregister: async () => (unregistered.push(scriptURL), true),
    })
    const names = [`${KIOSK_CACHE_PREFIX}abc`, 'someone-else']
    const removed = await removeKioskWorker(
      {
        serviceWorker: {
          getRegistrations: async () => [
            reg('https://x.example/sw.js'),
            reg('https://x.example/other-sw.js'),
          ],
        },
      },
      { keys: async () => [...names], delete: async (n) => (names.splice(names.indexOf(n), 1), true) },
    )
    expect(removed).toBe(1)
    expect(unregistered).toEqual(['https://x.example/sw.js'])
    expect(names).toEqual(['someone-else'])
    // No service workers at all: nothing to do, no error.
    expect(await removeKioskWorker({}, undefined)).toBe(0)
  })
})
