/**
 * The studio server's API (tools/studio, docs/authoring.md): one typed function per endpoint. The
 * server checks that every write comes from the studio's own origin; `fetch` sends that Origin on
 * POST and PUT by itself.
 */
import type { Stop, Tour } from '../../../src/core/content/schema'

export type TourSummary = {
  id: string
  title: Record<string, string>
  stops: { id: string; title: Record<string, string> }[]
}

export type Problem = {
  path: (string | number)[]
  jsonPath: string
  severity: 'error' | 'warning'
  message: string
}

export type Vec3 = [number, number, number]

export type ImportReport = {
  budgets?: { name: string; value: number; limit: number; unit?: string }[]
  steps?: string[]
  warnings?: string[]
  [key: string]: unknown
}

export type ImportDone = {
  report: ImportReport
  problems: Problem[]
  model: string
  proxy?: string
  bounds: { min: Vec3; max: Vec3 }
  draftStop: Stop
}

export type NarrationResult = { audio: string; captions: string; duration: number }

/** A failure the server explained (`{ error, message }`), with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, init)
  } catch (e) {
    throw new ApiError(0, 'unreachable', (e as Error).message)
  }
  const text = await res.text()
  let body: Record<string, unknown>
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    body = { message: text.slice(0, 200) }
  }
  if (!res.ok)
    throw new ApiError(
      res.status,
      String(body['error'] ?? res.status),
      String(body['message'] ?? res.statusText),
      body,
    )
  return body as T
}

const json = (method: string, value: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
})

export const api = {
  tours: () => call<{ tours: TourSummary[] }>('/api/tours'),
  tour: (id: string) => call<{ tour: Tour; version: string }>(`/api/tours/${encodeURIComponent(id)}`),
  save: (id: string, tour: Tour, baseVersion: string | null) =>
    call<{ version: string; written: string[]; problems: Problem[] }>(
      `/api/tours/${encodeURIComponent(id)}`,
      json('PUT', { tour, baseVersion }),
    ),
  check: (tour: Tour, lang: string, signal?: AbortSignal) =>
    call<{ problems: Problem[] }>(`/api/check?lang=${lang}`, { ...json('POST', { tour }), signal }),
  import: (form: FormData) => call<{ job: string }>('/api/import', { method: 'POST', body: form }),
  synthesize: (body: {
    tour: string
    stop: string
    hotspot: string
    lang: string
    script: string
    /** Replace a recorded voice-over (the server refuses, 409, without it). */
    replace?: boolean
  }) => call<{ job: string }>('/api/narration/synthesize', json('POST', body)),
  recording: (
    q: { tour: string; stop: string; hotspot: string; lang: string; script: string },
    audio: Blob,
  ) =>
    call<NarrationResult>(`/api/narration/recording?${new URLSearchParams(q)}`, {
      method: 'POST',
      headers: { 'content-type': audio.type || 'audio/webm' },
      body: audio,
    }),
  poster: (q: { tour: string; stop: string }, png: Blob) =>
    call<{ poster: string }>(`/api/poster?${new URLSearchParams(q)}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png,
    }),
}

export type JobEvents<Done> = {
  progress?: (p: { step: string; done: number; total: number }) => void
  done: (result: Done) => void
  error: (message: string) => void
}

/** Follow a job's events (server-sent events) until it is done or fails. Returns the unsubscribe. */
export function followJob<Done>(job: string, on: JobEvents<Done>): () => void {
  const source = new EventSource(`/api/jobs/${encodeURIComponent(job)}/events`)
  const read = <T>(e: Event) => JSON.parse((e as MessageEvent<string>).data) as T
  source.addEventListener('progress', (e) => on.progress?.(read(e)))
  source.addEventListener('done', (e) => {
    source.close()
    on.done(read<Done>(e))
  })
  source.addEventListener('error', (e) => {
    source.close()
    const data = (e as MessageEvent<string>).data
    on.error(data ? read<{ message: string }>(e).message : 'connection lost')
  })
  return () => source.close()
}
