/**
 * Build step (`postbuild`, before dist-check): writes next to every compressible file of dist/ its
 * brotli (quality 11) and gzip (level 9) siblings, `x.js.br` and `x.js.gz`, which `npm start`
 * (tools/server/server.mjs) and hosts with gzip_static/brotli_static serve as they are (docs/deploy.md).
 *
 * - Which files, and at what quality: tools/policy/delivery-policy.mjs. A sibling that would not save
 *   at least MIN_SAVING of its file is not written (the file is then always sent as it is).
 * - Never stale: every sibling already in dist/ is deleted first, then each is written from the
 *   bytes of its file, and given that file's mtime (hosts derive Last-Modified and ETag from it).
 *   dist-check then decodes every sibling and compares it with its file.
 * - Reproducible: the output depends only on the file's bytes and zlib's versions. That makes a
 *   content-addressed cache safe: brotli at quality 11 takes ~30 s for this repository's models on
 *   two cores, so results are kept in `.cache/precompress/` (key: sha256 of the file, encoding,
 *   zlib and brotli versions) and an unchanged file costs one hash. Entries this build did not use
 *   are removed, so the cache holds one build.
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, relative, sep } from 'node:path'
import {
  type Coding,
  ENCODINGS,
  encode,
  isCompressible,
  isSibling,
  MIN_SAVING,
} from '../policy/delivery-policy.mjs'

export type Precompressed = {
  /** dist-relative path → size of the file and of each sibling written (absent: not worth it). */
  files: Map<string, { identity: number } & Partial<Record<Coding, number>>>
  cacheHits: number
}

export type PrecompressOptions = {
  /** Where compressed results are kept between builds; null: no cache. */
  cacheDir?: string | null
  /** Files compressed at once (zlib's asynchronous calls run on libuv's thread pool). */
  concurrency?: number
}

const CODINGS = Object.keys(ENCODINGS) as Coding[]
const ZLIB = `zlib ${process.versions.zlib} brotli ${process.versions.brotli}`

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  )
}

/** Write so that a reader (or a second build) never sees half a file. */
function writeAtomic(path: string, bytes: Uint8Array) {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, bytes)
  renameSync(tmp, path)
}

export async function precompress(dist: string, options: PrecompressOptions = {}): Promise<Precompressed> {
  const { cacheDir = null, concurrency = Math.max(2, availableParallelism()) } = options
  const all = walk(dist)
  for (const file of all) if (isSibling(file)) unlinkSync(file)
  const todo = all.filter((f) => !isSibling(f) && isCompressible(f)).sort()
  if (cacheDir) mkdirSync(cacheDir, { recursive: true })

  const used = new Set<string>()
  const result: Precompressed = { files: new Map(), cacheHits: 0 }
  const compressOne = async (file: string) => {
    const bytes = readFileSync(file)
    const mtime = statSync(file).mtimeMs / 1000
    const key = createHash('sha256').update(ZLIB).update('\0').update(bytes).digest('hex')
    const sizes: { identity: number } & Partial<Record<Coding, number>> = { identity: bytes.length }
    for (const coding of CODINGS) {
      const cached = cacheDir ? join(cacheDir, `${key}.${coding}`) : null
      let out: Uint8Array
      if (cached && existsSync(cached)) {
        out = readFileSync(cached)
        result.cacheHits++
      } else {
        out = await encode(bytes, coding)
        if (cached) writeAtomic(cached, out)
      }
      if (cached) used.add(cached)
      if (out.length > bytes.length * (1 - MIN_SAVING)) continue
      const sibling = file + ENCODINGS[coding].suffix
      writeFileSync(sibling, out)
      utimesSync(sibling, mtime, mtime)
      sizes[coding] = out.length
    }
    result.files.set(relative(dist, file).split(sep).join('/'), sizes)
  }
  const queue = [...todo]
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) await compressOne(file)
    }),
  )
  if (cacheDir)
    for (const name of readdirSync(cacheDir))
      if (!used.has(join(cacheDir, name))) rmSync(join(cacheDir, name), { force: true })
  return result
}

/** Totals for the build log: bytes as they are, and as each encoding would send them. */
export function summarize({ files, cacheHits }: Precompressed): string {
  let identity = 0
  const sent: Record<Coding, number> = { br: 0, gzip: 0 }
  const written: Record<Coding, number> = { br: 0, gzip: 0 }
  for (const sizes of files.values()) {
    identity += sizes.identity
    for (const coding of CODINGS) {
      sent[coding] += sizes[coding] ?? sizes.identity
      if (sizes[coding] !== undefined) written[coding]++
    }
  }
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`
  return (
    `precompress: ${files.size} compressible files, ${mb(identity)}; ` +
    `brotli ${mb(sent.br)} (${written.br} .br), gzip ${mb(sent.gzip)} (${written.gzip} .gz); ` +
    `${cacheHits} from the cache`
  )
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(sep).join('/'))) {
  const root = process.cwd()
  const started = Date.now()
  const result = await precompress(join(root, 'dist'), { cacheDir: join(root, '.cache', 'precompress') })
  console.log(`${summarize(result)}, ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
