/**
 * `POST /api/import`: a model file from the studio (dropped or picked: a .glb; a .gltf with its
 * .bin and images; an .obj with its .mtl and images), run through the importer of
 * `npm run model:import` as a job whose progress events come from the importer's own Progress
 * callback. The result is written where the importer writes it (`assets/models/<site>.glb` and
 * `<site>.proxy.glb`), and the job's `done` event carries the import report (budgets, what was
 * fitted, warnings), the problems left with their fixes, and a draft stop for the new site.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import { draftStopFromImport } from '../../src/core/content/draft'
import { LANGUAGE_CODE } from '../../src/core/content/rules'
import { UNITS, type Unit } from '../pipeline/models/import/geometry'
import { ImportInputError, importModel, siteIdProblem } from '../pipeline/models/import-model'
import { atomicWrite } from './tours'
import { contentPath } from './guard'
import { BODY_LIMITS, HttpError, tooLarge } from './http'
import type { Jobs } from './jobs'

/** At most this many files in one import (a .gltf or .obj with its textures). */
export const MAX_IMPORT_FILES = 64

/** A file name as uploaded: one plain name (a .gltf or .obj names its siblings by it), no path. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,199}$/

export interface ImportRequest {
  dir: string
  files: string[]
  fields: Record<string, string>
}

/** Streams the multipart upload to a fresh temporary folder, within the caps. */
export async function receiveUpload(req: IncomingMessage): Promise<ImportRequest> {
  const type = String(req.headers['content-type'] ?? '')
  if (!/^multipart\/form-data\b/i.test(type))
    throw new HttpError(415, 'unsupported-type', 'Send the model as multipart/form-data.')
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > BODY_LIMITS.model) throw tooLarge(BODY_LIMITS.model)
  const dir = await mkdtemp(join(tmpdir(), 'portage-studio-import-'))
  const files: string[] = []
  const fields: Record<string, string> = {}
  const writes: Promise<void>[] = []
  let total = 0
  try {
    await new Promise<void>((ok, fail) => {
      let parser: busboy.Busboy
      try {
        parser = busboy({
          headers: req.headers,
          limits: { files: MAX_IMPORT_FILES, fileSize: BODY_LIMITS.model, fields: 16, fieldSize: 1024 },
        })
      } catch (e) {
        fail(new HttpError(400, 'bad-upload', `The upload cannot be read: ${(e as Error).message}`))
        return
      }
      const stop = (e: Error) => {
        req.unpipe(parser)
        req.resume()
        fail(e)
      }
      parser.on('file', (_name, stream, info) => {
        const name = info.filename ?? ''
        if (!SAFE_NAME.test(name) || name.includes('..') || files.includes(name)) {
          stream.resume()
          stop(
            new HttpError(
              400,
              'bad-file-name',
              `"${name}" cannot be imported under that name: use letters, digits, spaces, dots and hyphens.`,
            ),
          )
          return
        }
        files.push(name)
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length
          if (total > BODY_LIMITS.model) stop(tooLarge(BODY_LIMITS.model))
        })
        stream.on('limit', () => stop(tooLarge(BODY_LIMITS.model)))
        writes.push(pipeline(stream, createWriteStream(join(dir, name))))
      })
      parser.on('field', (name, value) => {
        fields[name] = value
      })
      parser.on('filesLimit', () =>
        stop(new HttpError(413, 'too-many-files', `At most ${MAX_IMPORT_FILES} files in one import.`)),
      )
      parser.on('error', (e: Error) =>
        stop(new HttpError(400, 'bad-upload', `The upload cannot be read: ${e.message}`)),
      )
      parser.on('close', () => ok())
      req.pipe(parser)
    })
    await Promise.all(writes)
    return { dir, files, fields }
  } catch (e) {
    await Promise.allSettled(writes)
    await rm(dir, { recursive: true, force: true })
    throw e
  }
}

/** The model file among the uploaded ones (its textures and buffers are the others). */
export function mainModelFile(files: readonly string[]): string {
  const models = files.filter((f) => ['.glb', '.gltf', '.obj'].includes(extname(f).toLowerCase()))
  if (models.length === 1 && models[0]) return models[0]
  if (models.length === 0)
    throw new HttpError(
      422,
      'no-model',
      files.length
        ? `None of ${files.join(', ')} is a model the importer reads (.glb, .gltf or .obj): export it as glTF 2.0 (.glb).`
        : 'No file was sent: choose a .glb, a .gltf with its files, or an .obj with its .mtl and textures.',
    )
  throw new HttpError(422, 'several-models', `Import one model at a time (${models.join(', ')} were sent).`)
}

/** Starts the import job for an upload; the upload's folder is removed when the job ends. */
export async function startImport(req: IncomingMessage, root: string, jobs: Jobs): Promise<string> {
  const upload = await receiveUpload(req)
  try {
    const site = upload.fields['site'] ?? ''
    const idProblem = siteIdProblem(site)
    if (idProblem) throw new HttpError(400, 'bad-id', `Site: ${idProblem}.`)
    const up = upload.fields['up'] || 'y'
    if (up !== 'y' && up !== 'z') throw new HttpError(400, 'bad-request', 'The up axis must be y or z.')
    const units = upload.fields['units'] || 'm'
    if (!(units in UNITS))
      throw new HttpError(400, 'bad-request', `Units must be one of ${Object.keys(UNITS).join(', ')}.`)
    const languages = (upload.fields['languages'] || 'en,fr').split(',').map((l) => l.trim())
    if (languages.some((l) => !LANGUAGE_CODE.test(l)))
      throw new HttpError(400, 'bad-request', 'Languages must be language codes such as en,fr.')
    const main = mainModelFile(upload.files)
    const model = `models/${site}.glb`
    const proxy = `models/${site}.proxy.glb`
    // Proven writable before the work starts, and again when writing.
    contentPath(root, `assets/${model}`)
    contentPath(root, `assets/${proxy}`)
    return jobs.start(
      'import',
      async (progress) => {
        try {
          const result = await importModel(join(upload.dir, main), {
            siteId: site,
            placement: { up, scale: UNITS[units as Unit] },
            progress,
          })
          progress('writing', 0, 2)
          await atomicWrite(contentPath(root, `assets/${model}`), result.glb)
          progress('writing', 1, 2)
          await atomicWrite(contentPath(root, `assets/${proxy}`), result.proxy)
          progress('writing', 2, 2)
          const bounds = result.report.bounds.after
          return {
            report: result.report,
            problems: result.problems,
            model,
            proxy,
            bounds,
            draftStop: draftStopFromImport({ siteId: site, bounds, languages, model, proxy }),
          }
        } catch (e) {
          if (e instanceof ImportInputError) throw Object.assign(e, { expected: true })
          if ((e as NodeJS.ErrnoException).code === 'ENOENT')
            throw Object.assign(
              new Error(`${main} names a file that was not sent with it: add it to the import.`),
              {
                expected: true,
              },
            )
          throw e
        } finally {
          await rm(upload.dir, { recursive: true, force: true })
        }
      },
      { serial: true },
    )
  } catch (e) {
    await rm(upload.dir, { recursive: true, force: true })
    throw e
  }
}
