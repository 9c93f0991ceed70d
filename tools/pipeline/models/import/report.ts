/**
 * The import report, in words a content team understands: what came in, where it was placed, what
 * the fit to the budget changed and what it cost, each texture before and after (download and GPU
 * memory), what was repaired, and for each problem left, the change that fixes it.
 */
import { BUDGET, type ModelStats, type Problem } from '../check-models.ts'
import type { Bounds } from './geometry.ts'
import type { TextureReport } from './textures.ts'

/** A problem with the plain-language change that fixes it. */
export interface ImportProblem extends Problem {
  fix: string
}

export interface FitStep {
  /** What this attempt changed from the one before, in words. */
  change: string
  /** Share of triangles kept (1: not simplified). */
  ratio: number
  bytes: number
}

export interface ImportReport {
  siteId: string
  input: {
    kind: string
    drawCalls: number
    triangles: number
    textureBytes: number
    textureGpuBytes: number
  }
  model: ModelStats & {
    textureBytes: number
    textureGpuBytes: number
    /** Share of the (cleaned) triangles kept; 1 when not simplified. */
    trianglesKept: number
    /** meshoptimizer's largest error, relative to a part's size (0.01 = 1 %). */
    simplifierError: number
  }
  proxy: ModelStats & { ratio: number; attempts: number }
  textures: TextureReport[]
  bounds: { before: Bounds; after: Bounds }
  /** What the placement did (turned, scaled, moved). */
  placement: string[]
  /** Sizes that look wrong, with the option that fixes them. */
  warnings: string[]
  /** How the model was fitted to the budget, attempt by attempt (empty with --no-fit or when within). */
  fit: FitStep[]
  /** Whether the importer was allowed to change the model to fit (false with --no-fit). */
  fitted: boolean
  /** What was repaired in the input. */
  repaired: string[]
  /** What the import changed or noticed that is not a problem. */
  notes: string[]
  /** Animation clips kept (with --keep-animations). */
  animations: string[]
}

export const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`
export const mb = (n: number) => `${(n / 1_000_000).toFixed(2)} MB`
const n = (v: number) => v.toLocaleString('en-CA')

/** The plain-language change for each budget or validator problem. */
export function withFixes(
  problems: Problem[],
  kind: 'model' | 'proxy',
  stats: ModelStats,
  textureBytes: number,
  materials: number,
  fitted: boolean,
): ImportProblem[] {
  return problems.map((p) => {
    let fix = 'see the message'
    if (/triangles, over/.test(p.message)) {
      const ratio = Math.floor((BUDGET.maxTriangles / stats.triangles) * 0.95 * 100) / 100
      fix =
        kind === 'model'
          ? fitted
            ? `the simplifier could not keep the shape with fewer triangles: decimate in Blender (Decimate modifier, ratio ${ratio}) and export again`
            : `re-run without --no-fit (the importer simplifies to fit), or with --simplify ${ratio}`
          : 'the proxy could not be simplified enough: remove small detached parts from the model'
    } else if (/draw calls, over/.test(p.message)) {
      fix =
        `each material is one draw call once meshes are joined (${materials} materials here): merge ` +
        `materials, or bake their textures into one atlas in Blender, to at most ${BUDGET.maxDrawCalls}`
    } else if (/bytes, over/.test(p.message) && kind === 'model') {
      const geometry = stats.bytes - textureBytes
      fix = !fitted
        ? 're-run without --no-fit: the importer then chooses texture sizes and simplification to fit'
        : textureBytes > geometry
          ? `textures are ${kb(textureBytes)} of it: use fewer textures (bake materials into one atlas in Blender)`
          : `geometry is ${kb(geometry)} of it: split the site into several stops, or decimate in Blender`
    } else if (/bytes, over/.test(p.message)) {
      fix =
        'the proxy is still too large at the smallest ratio tried: try a smaller --proxy-ratio, ' +
        'use fewer materials, or remove small detached parts'
    } else if (p.message.startsWith('validator')) {
      fix = 'the exported file is not valid glTF: export it again (latest Blender glTF exporter), then re-run'
    }
    return { ...p, fix }
  })
}

function boundsLine(b: Bounds): string {
  // Three significant digits: a 2 cm model and a 2 km one are both readable.
  const f = (v: number) => (Math.abs(v) < 1e-9 ? '0' : Number(v.toPrecision(3)).toString())
  const size = [0, 1, 2].map((i) => f((b.max[i] ?? 0) - (b.min[i] ?? 0)))
  return (
    `x ${f(b.min[0])} … ${f(b.max[0])}, y ${f(b.min[1])} … ${f(b.max[1])}, z ${f(b.min[2])} … ${f(b.max[2])} m ` +
    `(${size.join(' × ')} m)`
  )
}

/** The report as printed by the command. */
export function formatReport(report: ImportReport, problems: ImportProblem[]): string {
  const r = report
  const stats = (s: ModelStats) =>
    `${kb(s.bytes).padStart(10)}  ${n(s.drawCalls).padStart(3)} draw calls  ${n(s.triangles).padStart(9)} triangles  ` +
    `validator ${s.validatorErrors} error(s), ${s.validatorWarnings} warning(s)`
  const lines = [
    `input   ${r.input.kind}: ${n(r.input.drawCalls)} draw calls, ${n(r.input.triangles)} triangles, ` +
      `textures ${kb(r.input.textureBytes)} to download, ${mb(r.input.textureGpuBytes)} of GPU memory`,
    `bounds  before ${boundsLine(r.bounds.before)}`,
    `        after  ${boundsLine(r.bounds.after)} (y up, ground at y = 0)`,
  ]
  for (const p of r.placement) lines.push(`placed  ${p}`)
  for (const w of r.warnings) lines.push(`warning ${w}`)
  for (const x of r.repaired) lines.push(`repair  ${x}`)
  if (r.fit.length > 1 || (r.fit[0] && (r.fit[0].ratio < 1 || r.model.trianglesKept < 1)))
    r.fit.forEach((s, i) =>
      lines.push(
        `fit     attempt ${i + 1}: ${s.change} (${Math.round(s.ratio * 1000) / 10}% of the triangles) → ${kb(s.bytes)}`,
      ),
    )
  if (r.model.trianglesKept < 1)
    lines.push(
      `        simplified to ${Math.round(r.model.trianglesKept * 1000) / 10}% of the triangles; ` +
        `largest simplifier error ${(r.model.simplifierError * 100).toFixed(2)}% of a part's size`,
    )
  lines.push(
    `model   ${stats(r.model)}`,
    `        textures ${kb(r.model.textureBytes)} to download, ${mb(r.model.textureGpuBytes)} of GPU memory; ` +
      `budget ${kb(BUDGET.maxModelBytes)}, ${BUDGET.maxDrawCalls} draw calls, ${n(BUDGET.maxTriangles)} triangles`,
    `proxy   ${stats(r.proxy)}`,
    `        ${Math.round(r.proxy.ratio * 1000) / 10}% of the triangles kept (${r.proxy.attempts} attempt(s)); budget ${kb(BUDGET.maxProxyBytes)}`,
  )
  if (r.animations.length > 0)
    lines.push(`anim    kept ${r.animations.length} clip(s), played in a loop: ${r.animations.join(', ')}`)
  if (r.textures.length > 0) {
    lines.push('textures (download; GPU memory)')
    for (const t of r.textures) {
      const from = `${t.from.width}×${t.from.height} ${t.from.mimeType.replace('image/', '')} ${kb(t.from.bytes)}; ${mb(t.from.gpuBytes)}`
      const codec = t.to.codec === 'input' ? `${t.to.mimeType.replace('image/', '')} as it was` : t.to.codec
      const to = `${t.to.width}×${t.to.height} ${codec} ${kb(t.to.bytes)}; ${mb(t.to.gpuBytes)}`
      const slots = t.slots.join(', ') || 'unused'
      // Unnamed textures are already named by their slots.
      lines.push(`  ${t.name} (${t.name.includes(slots) ? t.kind : `${t.kind}: ${slots}`}): ${from} → ${to}`)
      if (t.candidates.length > 1)
        lines.push(`      measured: ${t.candidates.map((c) => `${c.codec} ${kb(c.bytes)}`).join(', ')}`)
      if (t.why) lines.push(`      why: ${t.why}`)
      if (t.skipped) lines.push(`      ${t.skipped}`)
    }
  }
  for (const note of r.notes) lines.push(`note    ${note}`)
  if (problems.length === 0) lines.push('✓ within budget, no validator errors')
  else {
    lines.push(`✗ ${problems.length} problem(s):`)
    for (const p of problems) lines.push(`  ✗ ${p.file}: ${p.message}`, `    → ${p.fix}`)
  }
  return lines.join('\n')
}
