/**
 * The kiosk page's side of the launcher channel (src/modes/kiosk/launcher-link.ts): it reads the
 * launch's secret from /__kiosk/status and sends it with every heartbeat and quit; when the
 * launcher was restarted with a new secret (a 403), it asks again. The server's side is
 * tests/unit/kiosk-channel.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { connectLauncher, KIOSK_SECRET_HEADER } from '../../src/modes/kiosk/launcher-link'

type Sent = { url: string; secret: string | undefined }

function fakeWindow(secrets: string[]) {
  const sent: Sent[] = []
  let current = 0
  const win = {
    fetch: async (url: string, init?: RequestInit) => {
      const secret = (init?.headers as Record<string, string> | undefined)?.[KIOSK_SECRET_HEADER]
      sent.push({ url, secret })
      if (url === '/__kiosk/status')
        return Response.json({ launcher: true, secret: secrets[Math.min(current, secrets.length - 1)] })
      return new Response(null, { status: secret === secrets[current] ? 204 : 403 })
    },
    setInterval: () => 1,
    clearInterval: () => undefined,
  }
  return { win: win as unknown as Window, sent, rotate: () => current++ }
}

describe('the kiosk page’s launcher link', () => {
  it('sends the launch’s secret with its heartbeat and with quit', async () => {
    const { win, sent } = fakeWindow(['s3cret'])
    const link = await connectLauncher(win, () => 'attract')
    expect(link.present).toBe(true)
    expect(await link.quit()).toBe(true)
    expect(sent.filter((s) => s.url !== '/__kiosk/status')).toEqual([
      { url: '/__kiosk/heartbeat', secret: 's3cret' },
      { url: '/__kiosk/quit', secret: 's3cret' },
    ])
  })
  it('asks for the secret again when the launcher has a new one', async () => {
    const { win, sent, rotate } = fakeWindow(['first', 'second'])
    const link = await connectLauncher(win, () => null)
    rotate()
    expect(await link.quit()).toBe(true)
    expect(sent.map((s) => `${s.url} ${s.secret ?? ''}`)).toEqual([
      '/__kiosk/status ',
      '/__kiosk/quit first',
      '/__kiosk/status ',
      '/__kiosk/quit second',
    ])
  })
})
