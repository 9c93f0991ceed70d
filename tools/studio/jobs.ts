/**
 * Long work (a model import, a narration) runs as a job: the request that starts it answers at
 * once with the job's id, and the studio follows it at `GET /api/jobs/:job/events`, a stream of
 * server-sent events: `progress` `{ step, done, total }`, then `done` (the result) or `error`
 * `{ message }`. Events are kept until the job is collected, so a client that connects late (or
 * reconnects) receives the whole story from the start.
 */
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { HttpError } from './http'

export type JobEvent =
  | { event: 'progress'; data: { step: string; done: number; total: number } }
  | { event: 'done'; data: unknown }
  | { event: 'error'; data: { message: string } }

interface Job {
  id: string
  kind: string
  events: JobEvent[]
  listeners: Set<ServerResponse>
  finished: boolean
  finishedAt?: number
}

/** How long a finished job's events are kept for a late client, milliseconds. */
export const JOB_RETENTION_MS = 10 * 60 * 1000

/** Time between keep-alive comments on an open event stream, milliseconds. */
export const JOB_HEARTBEAT_MS = 15_000

export class Jobs {
  private readonly jobs = new Map<string, Job>()
  /** The last serial job of each kind: the next one starts when it ends. */
  private readonly lines = new Map<string, Promise<void>>()

  /**
   * Starts `work` as a job and returns its id. `work` reports progress through its argument; what
   * it resolves to is the `done` event; what it throws becomes the `error` event (its message only).
   */
  start(
    kind: string,
    work: (progress: (step: string, done: number, total: number) => void) => Promise<unknown>,
    options: { serial?: boolean } = {},
  ) {
    this.collect()
    const job: Job = { id: randomUUID(), kind, events: [], listeners: new Set(), finished: false }
    this.jobs.set(job.id, job)
    let last = ''
    const progress = (step: string, done: number, total: number) => {
      const key = `${step}\0${done}\0${total}`
      if (key === last) return
      last = key
      this.emit(job, { event: 'progress', data: { step, done, total } })
    }
    const run = () =>
      work(progress).then(
        (result) => this.finish(job, { event: 'done', data: result }),
        (e: unknown) => {
          const message = e instanceof HttpError || e instanceof Error ? e.message : String(e)
          if (!(e instanceof HttpError) && !(e as { expected?: boolean }).expected)
            console.error(`studio: ${kind}:`, e)
          this.finish(job, { event: 'error', data: { message } })
        },
      )
    if (options.serial) {
      // Heavy work of one kind (model imports use every core) waits for the one before it.
      const before = this.lines.get(kind) ?? Promise.resolve()
      progress('waiting', 0, 1)
      const mine = before.then(() => {
        progress('waiting', 1, 1)
        return run()
      })
      this.lines.set(kind, mine)
    } else setImmediate(() => void run()) // on the next turn: the id reaches the client first
    return job.id
  }

  /** Streams a job's events to `res` (those already sent first); ends it when the job is finished. */
  follow(id: string, res: ServerResponse): void {
    const job = this.jobs.get(id)
    if (!job)
      throw new HttpError(
        404,
        'no-such-job',
        'There is no such job (it ended long ago, or the studio restarted).',
      )
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write(': portage studio job\n\n')
    for (const e of job.events) write(res, e)
    if (job.finished) {
      res.end()
      return
    }
    job.listeners.add(res)
    // A comment now and then keeps a quiet stream (a long texture encoding) from looking dead.
    const beat = setInterval(() => res.write(': still working\n\n'), JOB_HEARTBEAT_MS)
    res.on('close', () => {
      clearInterval(beat)
      job.listeners.delete(res)
    })
  }

  private emit(job: Job, e: JobEvent) {
    job.events.push(e)
    for (const res of job.listeners) write(res, e)
  }

  private finish(job: Job, e: JobEvent) {
    this.emit(job, e)
    job.finished = true
    job.finishedAt = Date.now()
    for (const res of job.listeners) res.end()
    job.listeners.clear()
  }

  private collect() {
    const now = Date.now()
    for (const [id, job] of this.jobs)
      if (job.finished && now - (job.finishedAt ?? now) > JOB_RETENTION_MS) this.jobs.delete(id)
  }
}

function write(res: ServerResponse, e: JobEvent) {
  res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`)
}
