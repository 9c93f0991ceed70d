/**
 * `npm run model:import -- <input.glb|.gltf|.obj> <site-id> [options]`: makes a content team's
 * model (a photogrammetry scan, a museum's archive, a Blender or architect's export, Draco or
 * meshopt compressed, textures in JPEG, PNG, WebP, AVIF or KTX2) ready for Portage. Writes
 * `assets/models/<site-id>.glb` and `<site-id>.proxy.glb`, checked exactly as `npm run
 * content:check` checks them (budgets, Khronos validator, meshopt + quantisation), and prints a
 * report. Exit 0 within budget, 1 when a problem is left (the files are written so they can be
 * looked at), 2 when the input cannot be read (nothing is written).
 *
 * By default the model is fitted to the budget: textures are sized and their formats chosen by
 * measurement (import/textures.ts), and meshoptimizer simplifies the geometry when the triangles or
 * bytes are over; `--no-fit` only reports. The concerns live in import/: input, geometry
 * (placement, clean-up, simplification, animation repair), textures, proxy, report, progress.
 *
 * Same input and options, same bytes: every step is deterministic (checked by the unit test).
 * The core is `importModel()`, which writes no file, so tests call it directly.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Logger, type Document, type Texture } from '@gltf-transform/core'
import {
  cloneDocument,
  listTextureSlots,
  palette,
  join as joinPrimitives,
  prune,
} from '@gltf-transform/functions'
import { BUDGET, MODEL_DIR, encodeGlb, inspectModel, measureDocument } from './check-models.ts'
import {
  UNITS,
  boundsWarnings,
  cleanUp,
  placeScene,
  repairAnimations,
  simplifyDocument,
  stripExtras,
  type Placement,
  type Unit,
} from './import/geometry.ts'
import { ImportInputError, readInput } from './import/input.ts'
import { terminalProgress, noProgress, type Progress } from './import/progress.ts'
import { PROXY_FIT, makeProxy, type RawImage } from './import/proxy.ts'
import {
  formatReport as formatImportReport,
  withFixes,
  type FitStep,
  type ImportProblem,
  type ImportReport,
} from './import/report.ts'
import {
  MAX_TEXTURE_SIDE,
  applyTextures,
  chooseTexture,
  floorPowerOfTwo,
  gpuBytes,
  imageSize,
  sampleImage,
  textureKind,
  type EncodedTexture,
} from './import/textures.ts'
import { SITE_IDS } from './sites/types.ts'

export { ImportInputError } from './import/input.ts'
export { targetSize } from './import/textures.ts'
export type { ImportProblem, ImportReport } from './import/report.ts'

/** Command-line defaults. */
export const IMPORT_DEFAULTS = {
  /** First simplification ratio tried for the proxy (share of triangles kept). */
  proxyRatio: PROXY_FIT.startRatio,
  /** Largest side of any texture, pixels, before fitting: what a headset shows sharply at a few metres. */
  maxTexture: 2048,
} as const

/** How the model is fitted into its budget. */
const MODEL_FIT = {
  maxAttempts: 8,
  /** Aim this far under a budget, so quantisation and compression noise do not push it over. */
  headroom: 0.95,
  /** No texture is made smaller than this by the fit. */
  minTexture: 256,
  /** Each part keeps at least this many triangles. */
  keepTriangles: 1,
} as const

/**
 * gltf-validator 2.0.0-dev.3.10 predates KHR_texture_basisu: it warns twice about each KTX2 image
 * (mimeType not in its list, format not recognised), on each of the two passes of validateGlb.
 */
const VALIDATOR_KTX2_WARNINGS = 4

export interface ImportOptions {
  /** Names the output files in messages: `<siteId>.glb`, `<siteId>.proxy.glb`. */
  siteId: string
  proxyRatio?: number
  /** Largest texture side before fitting, pixels. @default 2048 */
  maxTexture?: number
  /** Share of triangles to keep in the full model (0–1); otherwise chosen by the fit. */
  simplify?: number
  /** Only report: change nothing to fit the budget. @default false */
  noFit?: boolean
  /** Keep animation clips (the app loops them). @default false */
  keepAnimations?: boolean
  placement?: Placement
  progress?: Progress
}

export interface ImportResult {
  glb: Uint8Array
  proxy: Uint8Array
  report: ImportReport
  problems: ImportProblem[]
}

const SITE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Why a site id cannot be used, or undefined when it can. */
export function siteIdProblem(id: string): string | undefined {
  if (!SITE_ID.test(id))
    return `"${id}" is not a site id: use lower-case words joined by hyphens, e.g. "fort-york"`
  if ((SITE_IDS as readonly string[]).includes(id))
    return `"${id}" is a procedural site built by \`npm run models\` (content:check rebuilds it from code); choose another id`
  return undefined
}

function checkOptions(options: ImportOptions): { maxTexture: number; proxyRatio: number } {
  if (options.maxTexture !== undefined && !(options.maxTexture >= 1 && Number.isFinite(options.maxTexture)))
    throw new ImportInputError('--max-texture must be a size in pixels, e.g. 2048')
  const maxTexture = floorPowerOfTwo(
    Math.min(MAX_TEXTURE_SIDE, Math.max(16, options.maxTexture ?? IMPORT_DEFAULTS.maxTexture)),
  )
  const proxyRatio = options.proxyRatio ?? IMPORT_DEFAULTS.proxyRatio
  if (!(proxyRatio > 0 && proxyRatio <= 1))
    throw new ImportInputError('--proxy-ratio must be between 0 and 1')
  if (options.simplify !== undefined && !(options.simplify > 0 && options.simplify <= 1))
    throw new ImportInputError('--simplify must be between 0 and 1')
  const scale = options.placement?.scale
  if (scale !== undefined && !(scale > 0 && Number.isFinite(scale)))
    throw new ImportInputError('--scale must be a positive number, e.g. 0.01 for centimetres')
  return { maxTexture, proxyRatio }
}

/** Texture name for the report. */
const textureName = (t: Texture, i: number) =>
  t.getName() || t.getURI() || `texture ${i} (${listTextureSlots(t).join(', ') || 'unused'})`

/**
 * Encodes the textures of `doc` at the given per-texture limits, reusing encodings measured in
 * earlier attempts (same texture index and size: same bytes).
 */
async function encodeTextures(
  doc: Document,
  limits: number[],
  cache: Map<string, EncodedTexture>,
  progress: Progress,
): Promise<EncodedTexture[]> {
  const textures = doc.getRoot().listTextures()
  const chosen = new Map<Texture, EncodedTexture>()
  const out: EncodedTexture[] = []
  for (const [i, texture] of textures.entries()) {
    progress('textures', i, textures.length)
    const limit = limits[i] ?? IMPORT_DEFAULTS.maxTexture
    const key = `${i}@${limit}`
    let encoded = cache.get(key)
    if (!encoded) {
      encoded = await chooseTexture(texture, limit, textureName(texture, i))
      cache.set(key, encoded)
    }
    chosen.set(texture, encoded)
    out.push(encoded)
  }
  progress('textures', textures.length, textures.length)
  applyTextures(doc, chosen)
  return out
}

/**
 * The next texture limits: the largest downloads halved first, until the saving covers `over`.
 * Returns the names of the textures halved (empty when none can be).
 */
function shrinkTextures(encoded: EncodedTexture[], limits: number[], over: number): string[] {
  const order = encoded
    .map((e, i) => ({ i, bytes: e.report.to.bytes, side: Math.max(e.report.to.width, e.report.to.height) }))
    .filter((e) => e.side > MODEL_FIT.minTexture && e.bytes > 0 && encoded[e.i]?.report.to.codec !== 'input')
    .sort((a, b) => b.bytes - a.bytes)
  let saved = 0
  const halved: string[] = []
  for (const e of order) {
    if (saved >= over) break
    limits[e.i] = Math.max(MODEL_FIT.minTexture, e.side / 2)
    // Half the side is a quarter of the pixels: about three quarters of the bytes saved.
    saved += e.bytes * 0.75
    halved.push(`${encoded[e.i]?.report.name ?? e.i} to ${limits[e.i]} px`)
  }
  return halved
}

/**
 * Makes a site model and its proxy from a glTF or OBJ (GLB bytes, or a path to a .glb, .gltf or
 * .obj) and checks both. Throws `ImportInputError` when the input cannot be read; everything else
 * (budgets, validator) is returned in `problems`.
 */
export async function importModel(input: Uint8Array | string, options: ImportOptions): Promise<ImportResult> {
  const { maxTexture, proxyRatio } = checkOptions(options)
  const progress = options.progress ?? noProgress
  const files = { glb: `${options.siteId}.glb`, proxy: `${options.siteId}.proxy.glb` }
  const fit = !options.noFit
  const notes: string[] = []

  progress('reading', 0, 1)
  const { doc, notes: inputNotes } = await readInput(input)
  progress('reading', 1, 1)
  notes.push(...inputNotes)
  const root = doc.getRoot()
  const used = root.listExtensionsUsed().map((e) => e.extensionName)
  // Decoded on reading; the output is compressed with meshopt instead (the app decodes both).
  for (const ext of root.listExtensionsUsed())
    if (['KHR_draco_mesh_compression', 'EXT_meshopt_compression'].includes(ext.extensionName)) ext.dispose()
  const measuredIn = measureDocument(doc)
  const inputTextures = await Promise.all(
    root.listTextures().map(async (t) => {
      const image = t.getImage() ?? new Uint8Array()
      const [w, h] = await imageSize(image, t.getMimeType()).catch(() => [0, 0] as [number, number])
      return {
        bytes: image.byteLength,
        gpu: gpuBytes(t.getMimeType(), w, h, textureKind(t) === 'colour' ? 'ETC1S' : 'UASTC'),
      }
    }),
  )
  root.getAsset().generator = 'Portage model import (tools/pipeline/models/import-model.ts)'

  stripExtras(doc, notes, options.keepAnimations ?? false)
  const repaired = options.keepAnimations ? await repairAnimations(doc) : []
  const placed = placeScene(doc, options.placement ?? {})
  progress('cleaning up', 0, 1)
  await cleanUp(doc)
  if (fit && measureDocument(doc).drawCalls > BUDGET.maxDrawCalls) {
    // Untextured materials that differ only by their factors share one small palette texture.
    const before = root.listMaterials().length
    await doc.transform(palette({ min: 2 }), joinPrimitives(), prune())
    notes.push(
      `${before} materials: those without textures were merged into one palette texture (gltf-transform palette) to save draw calls`,
    )
  }
  progress('cleaning up', 1, 1)
  const materials = root.listMaterials().length
  const cleaned = measureDocument(doc)

  // The proxy starts from the cleaned scene, before textures are re-encoded.
  const proxyBase = cloneDocument(doc)
  proxyBase.setLogger(new Logger(Logger.Verbosity.WARN))
  const samples = new Map<number, RawImage>()
  for (const [i, t] of root.listTextures().entries())
    if (t.listParents().some((p) => p.propertyType === 'Material') && t.getImage()) {
      const sample = await sampleImage(
        t.getImage() ?? new Uint8Array(),
        t.getMimeType(),
        PROXY_FIT.sampleSize,
      ).catch(() => undefined)
      if (sample) samples.set(i, sample)
    }

  // The fit: textures first when they are most of the bytes, simplification otherwise.
  const limits = root.listTextures().map(() => maxTexture)
  let ratio =
    options.simplify ??
    (fit && cleaned.triangles > BUDGET.maxTriangles
      ? (BUDGET.maxTriangles * MODEL_FIT.headroom) / cleaned.triangles
      : 1)
  const cache = new Map<string, EncodedTexture>()
  const steps: FitStep[] = []
  let glb: Uint8Array
  let encoded: EncodedTexture[]
  let simplifierError: number
  let work: Document
  let change =
    ratio < 1
      ? `simplified to ${Math.round(ratio * 1000) / 10}% of the triangles${options.simplify === undefined ? ' (over the triangle budget)' : ' (--simplify)'}`
      : `textures at most ${maxTexture} px`
  for (;;) {
    work = cloneDocument(doc)
    work.setLogger(new Logger(Logger.Verbosity.WARN))
    progress('simplifying', 0, 1)
    simplifierError = ratio < 1 ? await simplifyDocument(work, ratio, MODEL_FIT.keepTriangles) : 0
    progress('simplifying', 1, 1)
    encoded = await encodeTextures(work, limits, cache, progress)
    progress('compressing', 0, 1)
    glb = await encodeGlb(work)
    progress('compressing', 1, 1)
    steps.push({ change, ratio, bytes: glb.byteLength })
    const over = glb.byteLength - BUDGET.maxModelBytes * MODEL_FIT.headroom
    if (!fit || glb.byteLength <= BUDGET.maxModelBytes || steps.length >= MODEL_FIT.maxAttempts) break
    const textureBytes = encoded.reduce((s, e) => s + e.report.to.bytes, 0)
    const geometryBytes = glb.byteLength - textureBytes
    const halved = textureBytes >= geometryBytes ? shrinkTextures(encoded, limits, over) : []
    if (halved.length > 0) change = `halved ${halved.join(', ')}`
    else {
      const target = Math.max(0.05, (geometryBytes - over) / geometryBytes)
      if (options.simplify !== undefined || ratio * target < 0.01) {
        // The content team chose the ratio, or the geometry cannot go lower: textures it is.
        const last = shrinkTextures(encoded, limits, over)
        if (last.length === 0) break
        change = `halved ${last.join(', ')}`
      } else {
        ratio = Math.max(0.01, ratio * target)
        change = `simplified to ${Math.round(ratio * 1000) / 10}% of the triangles`
      }
    }
  }

  progress('making the proxy', 0, 1)
  const proxyBytes = await makeProxy(proxyBase, samples, notes, proxyRatio)
  progress('making the proxy', 1, 1)

  progress('validating', 0, 2)
  const model = await inspectModel(glb, files.glb, 'model')
  progress('validating', 1, 2)
  const proxy = await inspectModel(proxyBytes.bytes, files.proxy, 'proxy')
  progress('validating', 2, 2)
  const textures = encoded.map((e) => e.report)
  const textureBytes = textures.reduce((s, t) => s + t.to.bytes, 0)
  const problems = [
    ...withFixes(model.problems, 'model', model.stats, textureBytes, materials, fit),
    ...withFixes(proxy.problems, 'proxy', proxy.stats, 0, materials, fit),
  ]

  const ktx2Images = textures.filter((t) => t.to.mimeType === 'image/ktx2').length
  if (ktx2Images > 0 && model.stats.validatorWarnings > 0) {
    const expected = Math.min(model.stats.validatorWarnings, VALIDATOR_KTX2_WARNINGS * ktx2Images)
    notes.push(
      `${expected} of the model's ${model.stats.validatorWarnings} validator warning(s) are expected: this ` +
        "validator version does not know KHR_texture_basisu, so it flags each KTX2 image's type and format",
    )
  }
  const kind = typeof input === 'string' ? (input.split('.').pop() ?? 'glb').toLowerCase() : 'glb'

  return {
    glb,
    proxy: proxyBytes.bytes,
    problems,
    report: {
      siteId: options.siteId,
      input: {
        kind: `.${kind}${used.length ? ` (${used.join(', ')})` : ''}`,
        ...measuredIn,
        textureBytes: inputTextures.reduce((s, t) => s + t.bytes, 0),
        textureGpuBytes: inputTextures.reduce((s, t) => s + t.gpu, 0),
      },
      model: {
        ...model.stats,
        textureBytes,
        textureGpuBytes: textures.reduce((s, t) => s + t.to.gpuBytes, 0),
        trianglesKept: cleaned.triangles > 0 ? model.stats.triangles / cleaned.triangles : 1,
        simplifierError,
      },
      proxy: { ...proxy.stats, ratio: proxyBytes.ratio, attempts: proxyBytes.attempts },
      textures,
      bounds: { before: placed.before, after: placed.after },
      placement: placed.moved,
      warnings: boundsWarnings(placed.after),
      fit: steps,
      fitted: fit,
      repaired,
      notes,
      animations: work
        .getRoot()
        .listAnimations()
        .map((a, i) => a.getName() || `clip ${i + 1}`),
    },
  }
}

/** The report as printed by the command. */
export const formatReport = (result: ImportResult): string =>
  formatImportReport(result.report, result.problems)

const USAGE = `usage: npm run model:import -- <input.glb|input.gltf|input.obj> <site-id> [options]

  --up <y|z>            the up axis of the export (default y; many CAD and scan tools use z)
  --units <m|cm|mm|in|ft>  the unit of the export (default m); or --scale <factor>
  --keep-origin         leave the model where the export put it (default: ground at y = 0,
                        middle of its footprint at the origin)
  --no-fit              change nothing to fit the budget; only report
  --keep-animations     keep animation clips (the app plays them in a loop); removed by default
  --max-texture <px>    largest texture side before fitting, a power of two (default ${IMPORT_DEFAULTS.maxTexture})
  --simplify <0-1>      keep this share of the model's triangles (default: chosen by the fit)
  --proxy-ratio <0-1>   first share of triangles tried for the proxy (default ${IMPORT_DEFAULTS.proxyRatio})
  --out <dir>           write there instead of assets/models/`

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'proxy-ratio': { type: 'string' },
        'max-texture': { type: 'string' },
        simplify: { type: 'string' },
        up: { type: 'string' },
        units: { type: 'string' },
        scale: { type: 'string' },
        'keep-origin': { type: 'boolean' },
        'no-fit': { type: 'boolean' },
        'keep-animations': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const [input, siteId] = positionals
  if (!input || !siteId || positionals.length > 2) {
    console.error(USAGE)
    return 2
  }
  const idProblem = siteIdProblem(siteId)
  if (idProblem) {
    console.error(idProblem)
    return 2
  }
  if (values.up !== undefined && values.up !== 'y' && values.up !== 'z') {
    console.error('model:import: --up must be y or z')
    return 2
  }
  if (values.units !== undefined && !(values.units in UNITS)) {
    console.error(`model:import: --units must be one of ${Object.keys(UNITS).join(', ')}`)
    return 2
  }
  if (values.units !== undefined && values.scale !== undefined) {
    console.error('model:import: give --units or --scale, not both')
    return 2
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))
  const outDir = values.out ? resolve(values.out) : MODEL_DIR
  const started = Date.now()
  let result: ImportResult
  try {
    result = await importModel(input, {
      siteId,
      proxyRatio: num(values['proxy-ratio']),
      maxTexture: num(values['max-texture']),
      simplify: num(values.simplify),
      noFit: values['no-fit'],
      keepAnimations: values['keep-animations'],
      placement: {
        up: values.up as 'y' | 'z' | undefined,
        scale: values.units ? UNITS[values.units as Unit] : num(values.scale),
        keepOrigin: values['keep-origin'],
      },
      progress: terminalProgress(),
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(
        `model:import: cannot find ${(e as NodeJS.ErrnoException).path ?? input}; nothing written`,
      )
      return 2
    }
    if (e instanceof ImportInputError) {
      console.error(`model:import: ${e.message}\nNothing was written.`)
      return 2
    }
    throw e
  }
  // Written even when over budget, so the result can be looked at (as `npm run models` does).
  await mkdir(outDir, { recursive: true })
  await writeFile(join(outDir, `${siteId}.glb`), result.glb)
  await writeFile(join(outDir, `${siteId}.proxy.glb`), result.proxy)
  console.log(`model:import ${input} → ${join(outDir, `${siteId}.glb`)}, ${siteId}.proxy.glb`)
  console.log(formatReport(result))
  const rss = process.resourceUsage().maxRSS / 1024
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s, peak memory ${rss.toFixed(0)} MB)`)
  return result.problems.length > 0 ? 1 : 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
