/**
 * A real Portage Studio server (without Vite) on a temporary copy of the repository's scenes/ and
 * assets/: the tests write through it and must never touch the repository's own content.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStudio, type Studio } from '../../tools/studio/studio'

/** Ports: PORTAGE_TEST_PORT + 10 + n, one per test file. */
export const studioPort = (n: number) => Number(process.env.PORTAGE_TEST_PORT ?? 4173) + 10 + n

export interface StudioFixture {
  root: string
  studio: Studio
  origin: string
  /** fetch() from the studio's own page (its Origin). */
  api: (path: string, init?: RequestInit) => Promise<Response>
  json: (path: string, method: string, body: unknown) => Promise<Response>
  close: () => Promise<void>
}

export async function studioOnCopy(n: number): Promise<StudioFixture> {
  const root = mkdtempSync(join(tmpdir(), 'portage-studio-'))
  cpSync('scenes', join(root, 'scenes'), { recursive: true })
  cpSync('assets', join(root, 'assets'), { recursive: true })
  const studio = await startStudio({ root, port: studioPort(n), vite: false })
  const origin = studio.url
  const api = (path: string, init: RequestInit = {}) =>
    fetch(origin + path, {
      ...init,
      headers: { Origin: origin, ...(init.headers as Record<string, string>) },
    })
  return {
    root,
    studio,
    origin,
    api,
    json: (path, method, body) =>
      api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    close: async () => {
      await studio.close()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

export type RawReply = { status: number; headers: IncomingHttpHeaders; body: string }

/** A request with exactly the headers given (fetch() sets Host itself and refuses to change it). */
export const rawRequest = (
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise<RawReply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })

/** The events of a job, read from its event stream until it ends. */
export async function jobEvents(
  fixture: StudioFixture,
  job: string,
): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const res = await fixture.api(`/api/jobs/${job}/events`)
  if (res.headers.get('content-type')?.startsWith('text/event-stream') !== true)
    throw new Error(`not an event stream: ${res.status} ${await res.text()}`)
  const text = await res.text()
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n')
      return {
        event: (eventLine ?? '').slice('event: '.length),
        data: JSON.parse((dataLine ?? '').slice('data: '.length)) as Record<string, unknown>,
      }
    })
}
