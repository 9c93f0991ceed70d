/**
 * The studio's JSON API, under `/api/` (docs/authoring.md, "Running the studio"; the contract
 * between the studio's server and its browser app). Every handler answers JSON, or
 * `{ error, message }` with a 4xx/5xx status; long work answers `{ job }` and streams its events.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BUDGET } from '../pipeline/models/check-models'
import { VOICES } from '../pipeline/narration/synth'
import { POSTER_FORMAT } from '../pipeline/poster-format'
import { checkTour } from './check'
import type { StudioLang } from './messages'
import { checkId } from './guard'
import { BODY_LIMITS, HttpError, objectBody, readBody, readJson, sendJson } from './http'
import { startImport } from './import'
import type { Jobs } from './jobs'
import {
  checkScript,
  checkTarget,
  guardRecording,
  narrationTools,
  saveRecording,
  synthesize,
} from './narration'
import { savePoster } from './poster'
import { listTours, readTour, saveTour } from './tours'

/** What an API handler receives. */
export interface ApiContext {
  req: IncomingMessage
  res: ServerResponse
  root: string
  jobs: Jobs
  query: URLSearchParams
  /** The parts of the path after /api/. */
  parts: string[]
}

type Handler = (ctx: ApiContext) => Promise<void> | void

/** Routes of the API: method and path pattern (`:x` is one path part). */
const routes: { method: string; pattern: string; handler: Handler }[] = []

export function route(method: string, pattern: string, handler: Handler): void {
  routes.push({ method, pattern, handler })
}

/** A path part named in the route, e.g. `param(ctx, 'tours/:id', 'id')`. */
export function param(ctx: ApiContext, pattern: string, name: string): string {
  const i = pattern.split('/').indexOf(`:${name}`)
  return ctx.parts[i] ?? ''
}

route('GET', 'tours', ({ res, root }) => sendJson(res, 200, { tours: listTours(root) }))
route('GET', 'tours/:id', (ctx) =>
  sendJson(ctx.res, 200, readTour(ctx.root, checkId(param(ctx, 'tours/:id', 'id'), 'tour'))),
)
route('PUT', 'tours/:id', async (ctx) => {
  const id = checkId(param(ctx, 'tours/:id', 'id'), 'tour')
  const body = objectBody(await readJson(ctx.req), '{ tour, baseVersion }')
  sendJson(ctx.res, 200, await saveTour(ctx.root, id, body, studioLang(ctx.query)))
})
route('POST', 'check', async (ctx) => {
  const body = objectBody(await readJson(ctx.req), '{ tour }')
  sendJson(ctx.res, 200, { problems: await checkTour(body['tour'], ctx.root, studioLang(ctx.query)) })
})
route('GET', 'jobs/:job/events', (ctx) => {
  const id = param(ctx, 'jobs/:job/events', 'job')
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new HttpError(404, 'no-such-job', 'There is no such job.')
  ctx.jobs.follow(id, ctx.res)
})

function matches(pattern: string, parts: string[]): boolean {
  const p = pattern.split('/')
  return p.length === parts.length && p.every((seg, i) => seg.startsWith(':') || seg === parts[i])
}

export async function handleApi(ctx: Omit<ApiContext, 'parts'> & { path: string }): Promise<void> {
  // Each part is decoded on its own: an encoded slash stays inside its part (and fails the id check).
  let parts: string[]
  try {
    parts = ctx.path.split('/').map((p) => decodeURIComponent(p))
  } catch {
    throw new HttpError(400, 'bad-path', 'The address is not valid.')
  }
  const candidates = routes.filter((r) => matches(r.pattern, parts))
  if (candidates.length === 0) throw new HttpError(404, 'not-found', `There is no /api/${ctx.path}.`)
  const found = candidates.find((r) => r.method === ctx.req.method)
  if (!found)
    throw new HttpError(
      405,
      'method-not-allowed',
      `/api/${ctx.path} accepts ${candidates.map((r) => r.method).join(', ')}.`,
    )
  await found.handler({ ...ctx, parts })
}

route('GET', 'info', async ({ res, root }) =>
  sendJson(res, 200, {
    root,
    /** Languages the synthetic voice speaks; others are recorded. */
    voices: Object.keys(VOICES),
    /** Whether espeak-ng and ffmpeg are installed (narration and recordings need them). */
    tools: await narrationTools(),
    budgets: BUDGET,
    limits: BODY_LIMITS,
    poster: POSTER_FORMAT,
  }),
)
route('POST', 'import', async (ctx) => {
  sendJson(ctx.res, 202, { job: await startImport(ctx.req, ctx.root, ctx.jobs) })
})
route('POST', 'narration/synthesize', async (ctx) => {
  const body = objectBody(await readJson(ctx.req), '{ tour, stop, hotspot, lang, script }')
  const target = checkTarget(body)
  const script = checkScript(body['script'])
  guardRecording(ctx.root, target, body['replace'] === true)
  sendJson(ctx.res, 202, {
    job: ctx.jobs.start('narration', (progress) => synthesize(ctx.root, target, script, progress), {
      serial: true,
    }),
  })
})
route('POST', 'narration/recording', async (ctx) => {
  const q = Object.fromEntries(ctx.query)
  const target = checkTarget(q)
  const type = String(ctx.req.headers['content-type'] ?? '')
  if (!/^audio\/(webm|ogg|mp4)\b/i.test(type))
    throw new HttpError(415, 'unsupported-type', 'Send the recording as audio/webm, audio/ogg or audio/mp4.')
  // The script the captions are timed to: given with the recording (a draft not saved yet), or read
  // from the saved tour.
  const script = checkScript(q['script'] ?? savedScript(ctx.root, q['tour'], target))
  const bytes = await readBody(ctx.req, BODY_LIMITS.recording)
  sendJson(ctx.res, 200, await saveRecording(ctx.root, target, script, new Uint8Array(bytes)))
})
route('POST', 'poster', async (ctx) => {
  const stop = checkId(ctx.query.get('stop'), 'stop')
  if (ctx.query.get('tour') !== null) checkId(ctx.query.get('tour'), 'tour')
  if (!/^image\/png\b/i.test(String(ctx.req.headers['content-type'] ?? '')))
    throw new HttpError(415, 'unsupported-type', 'Send the poster as image/png.')
  const png = await readBody(ctx.req, BODY_LIMITS.poster)
  sendJson(ctx.res, 200, await savePoster(ctx.root, stop, new Uint8Array(png)))
})

/** The language of the check's messages: `?lang=fr`, or English. */
function studioLang(query: URLSearchParams): StudioLang {
  const lang = query.get('lang') ?? 'en'
  if (lang !== 'en' && lang !== 'fr') throw new HttpError(400, 'bad-request', 'lang must be en or fr.')
  return lang
}

/** A hotspot's narration script in the tour saved on disk, or undefined. */
function savedScript(
  root: string,
  tourId: string | undefined,
  t: { stop: string; hotspot: string; lang: string },
): string | undefined {
  if (tourId === undefined) return undefined
  try {
    const { tour } = readTour(root, checkId(tourId, 'tour')) as {
      tour: {
        stops?: {
          id?: string
          hotspots?: { id?: string; narration?: Record<string, { script?: string }> }[]
        }[]
      }
    }
    return tour.stops?.find((s) => s.id === t.stop)?.hotspots?.find((h) => h.id === t.hotspot)?.narration?.[
      t.lang
    ]?.script
  } catch {
    return undefined
  }
}
