/**
 * Builds the site models in memory and checks them: budgets, the Khronos validator, the layout,
 * and that the committed files in `assets/models/` are byte-identical to a fresh build.
 *
 * Used by the `npm run models` CLI (build-models.ts) and by `npm run content:check`.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Document, Logger, NodeIO, type Material } from '@gltf-transform/core'
import {
  ALL_EXTENSIONS,
  EXTMeshGPUInstancing,
  KHRMaterialsUnlit,
  type InstancedMesh,
} from '@gltf-transform/extensions'
import { meshopt } from '@gltf-transform/functions'
import { validateBytes, type ValidationMessage } from 'gltf-validator'
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer'
import { MATERIALS, insidePolygon, type MaterialKind, type SiteScene, type V3 } from './geometry.ts'
import { getSite } from './sites/index.ts'
import { MODEL_BUDGET } from '../../../src/core/content/model-budget.ts'
import type { Detail, SiteId, SiteLayout } from './sites/types.ts'

/** Limits from the issue; every model and proxy must stay within them (shared with the studio). */
export const BUDGET = MODEL_BUDGET

/** Compression settings: quantised attributes (KHR_mesh_quantization), then meshopt. */
const COMPRESSION = {
  level: 'medium',
  /**
   * 16 bits: a 4.4 km terrain gets a 7 cm grid, so paths and decks laid a few decimetres over the
   * ground never z-fight with it; meshopt packs the extra bits at almost no cost.
   */
  quantizePosition: 16,
  quantizeNormal: 8,
  quantizeColor: 8,
} as const

/** Layout rules: what a content author can rely on. */
const LAYOUT_RULES = {
  minAnchors: 6,
  maxAnchors: 9,
  /** The start camera, as the app sets it up. */
  fovYDegrees: 60,
  /** The narrowest window the app is shown in (a 4:3 kiosk); wider ones see more. */
  minAspect: 4 / 3,
  /** A walkable area's ground may lie this far from its declared `y`. */
  groundTolerance: 0.6,
  /** Anchors stand ~1–3 m off their surface; a hit closer than this to the anchor is that surface. */
  anchorClearance: 0.75,
  /** Sample spacing inside walkable polygons, metres. */
  walkSampleSpacing: 6,
  maxWalkSamples: 400,
  eyeHeight: 1.6,
} as const

export const MODEL_DIR = fileURLToPath(new URL('../../../assets/models/', import.meta.url))

export interface Problem {
  file: string
  message: string
}

export interface ModelStats {
  bytes: number
  drawCalls: number
  triangles: number
  validatorErrors: number
  validatorWarnings: number
}

export interface BuiltSite {
  id: SiteId
  glb: Uint8Array
  proxy: Uint8Array
  layout: SiteLayout
  /** The exact text of `<site>.layout.json`. */
  layoutJson: string
  /** The uncompressed full-detail scene, for layout checks (ray casts). */
  scene: SiteScene
}

export const modelFiles = (id: SiteId) =>
  ({
    glb: `${id}.glb`,
    proxy: `${id}.proxy.glb`,
    layout: `${id}.layout.json`,
  }) as const

let ioPromise: Promise<NodeIO> | undefined
/** One shared NodeIO with the meshopt codec registered. */
export function getIO(): Promise<NodeIO> {
  ioPromise ??= (async () => {
    await Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready])
    return new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({
      'meshopt.encoder': MeshoptEncoder,
      'meshopt.decoder': MeshoptDecoder,
    })
  })()
  return ioPromise
}

/** Turns a site scene into a glTF document: one node per part, one primitive per material kind. */
export function sceneToDocument(scene: SiteScene, name: string): Document {
  const doc = new Document()
  doc.setLogger(new Logger(Logger.Verbosity.WARN))
  doc.getRoot().getAsset().generator = 'Portage model pipeline (src/pipeline/models)'
  const buffer = doc.createBuffer()
  const root = doc.createNode(name)
  doc.createScene(name).addChild(root)
  const materials = new Map<MaterialKind, Material>()
  const material = (kind: MaterialKind): Material => {
    let m = materials.get(kind)
    if (m) return m
    const spec = MATERIALS[kind]
    m = doc
      .createMaterial(kind)
      .setBaseColorFactor([1, 1, 1, spec.alpha])
      .setRoughnessFactor(spec.roughness)
      .setMetallicFactor(spec.metallic)
    if (spec.alpha < 1) m.setAlphaMode('BLEND').setDoubleSided(true)
    if (spec.unlit)
      m.setExtension('KHR_materials_unlit', doc.createExtension(KHRMaterialsUnlit).createUnlit())
    materials.set(kind, m)
    return m
  }
  for (const part of scene.parts) {
    const mesh = doc.createMesh(part.name)
    for (const [kind, g] of part.geos) {
      if (g.triangleCount === 0) continue
      const accessor = (type: 'VEC3' | 'SCALAR', array: Float32Array | Uint16Array | Uint32Array) =>
        doc.createAccessor().setType(type).setArray(array).setBuffer(buffer)
      const prim = doc
        .createPrimitive()
        .setAttribute('POSITION', accessor('VEC3', new Float32Array(g.positions)))
        .setAttribute('NORMAL', accessor('VEC3', new Float32Array(g.normals)))
        .setAttribute('COLOR_0', accessor('VEC3', new Float32Array(g.colors)))
        .setIndices(
          accessor('SCALAR', g.vertexCount > 65535 ? new Uint32Array(g.indices) : new Uint16Array(g.indices)),
        )
        .setMaterial(material(kind))
      mesh.addPrimitive(prim)
    }
    if (mesh.listPrimitives().length === 0) {
      mesh.dispose()
      continue
    }
    root.addChild(doc.createNode(part.name).setMesh(mesh))
  }
  return doc
}

/** Quantises and meshopt-compresses a document, then writes it as GLB bytes. */
export async function encodeGlb(doc: Document): Promise<Uint8Array> {
  const io = await getIO()
  await doc.transform(meshopt({ encoder: MeshoptEncoder, ...COMPRESSION }))
  return io.writeBinary(doc)
}

/** A stable, readable JSON text: coordinates rounded to the centimetre, two-space indent. */
export function layoutToJson(layout: SiteLayout): string {
  const round = (v: unknown): unknown => {
    if (typeof v === 'number') return Math.round(v * 100) / 100 + 0 // + 0 turns -0 into 0
    if (Array.isArray(v)) return v.map(round)
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
    return v
  }
  // Short number lists (points, corners) go on one line; everything else is indented.
  const text = JSON.stringify(round(layout), null, 2).replace(
    /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
    (_m, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`,
  )
  return `${text}\n`
}

/** Builds one site's model, proxy and layout in memory. Deterministic: same input, same bytes. */
export async function buildSite(id: SiteId): Promise<BuiltSite> {
  const site = getSite(id)
  const scene = site.build('full')
  const glb = await encodeGlb(sceneToDocument(scene, id))
  const proxy = await encodeGlb(sceneToDocument(site.build('proxy' satisfies Detail), `${id}-proxy`))
  return { id, glb, proxy, layout: site.layout, layoutJson: layoutToJson(site.layout), scene }
}

/** Draw calls (primitives, instanced meshes once each) and triangles (times instances) in view. */
export function measureDocument(doc: Document): { drawCalls: number; triangles: number } {
  let drawCalls = 0
  let triangles = 0
  for (const scene of doc.getRoot().listScenes()) {
    scene.traverse((node) => {
      const mesh = node.getMesh()
      if (!mesh) return
      const instancing = node.getExtension<InstancedMesh>(EXTMeshGPUInstancing.EXTENSION_NAME)
      const instances = instancing?.listAttributes()[0]?.getCount() ?? 1
      for (const prim of mesh.listPrimitives()) {
        drawCalls += 1
        const count = prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')?.getCount() ?? 0
        const mode = prim.getMode()
        const tris = mode === 4 ? count / 3 : mode === 5 || mode === 6 ? Math.max(0, count - 2) : 0
        triangles += tris * instances
      }
    })
  }
  return { drawCalls, triangles }
}

const severityName = (s: number): string => ['error', 'warning', 'info', 'hint'][s] ?? 'issue'

/**
 * Runs the Khronos validator on the file as written and on a decompressed copy: the validator
 * cannot decode EXT_meshopt_compression, so only the copy lets it check the vertex data itself.
 */
export async function validateGlb(
  bytes: Uint8Array,
): Promise<{ errors: number; warnings: number; messages: string[] }> {
  const io = await getIO()
  // maxIssues 0: every issue, however many. A cap hid errors: a public animated model with 2,195
  // repeated keyframe times was reported with none (the counts stop at the cap).
  const asWritten = await validateBytes(bytes, { maxIssues: 0 })
  const doc = await io.readBinary(bytes)
  doc.setLogger(new Logger(Logger.Verbosity.WARN))
  for (const ext of doc.getRoot().listExtensionsUsed()) {
    if (ext.extensionName === 'EXT_meshopt_compression') ext.dispose()
  }
  const decoded = await validateBytes(await io.writeBinary(doc), { maxIssues: 0 })
  const messages: ValidationMessage[] = [...asWritten.issues.messages, ...decoded.issues.messages]
  return {
    errors: asWritten.issues.numErrors + decoded.issues.numErrors,
    warnings: asWritten.issues.numWarnings + decoded.issues.numWarnings,
    messages: messages
      .filter((m) => m.severity <= 1)
      .map((m) => `${severityName(m.severity)} ${m.code} at ${m.pointer ?? '/'}: ${m.message}`),
  }
}

/** Budgets and validator for one GLB. */
export async function inspectModel(
  bytes: Uint8Array,
  file: string,
  kind: 'model' | 'proxy',
): Promise<{ stats: ModelStats; problems: Problem[] }> {
  const problems: Problem[] = []
  const io = await getIO()
  const doc = await io.readBinary(bytes)
  const { drawCalls, triangles } = measureDocument(doc)
  const v = await validateGlb(bytes)
  const stats: ModelStats = {
    bytes: bytes.byteLength,
    drawCalls,
    triangles,
    validatorErrors: v.errors,
    validatorWarnings: v.warnings,
  }
  problems.push(...budgetProblems(stats, file, kind))
  for (const m of v.messages.filter((x) => x.startsWith('error')))
    problems.push({ file, message: `validator: ${m}` })
  const used = doc
    .getRoot()
    .listExtensionsUsed()
    .map((e) => e.extensionName)
  for (const required of ['EXT_meshopt_compression', 'KHR_mesh_quantization']) {
    if (!used.includes(required)) problems.push({ file, message: `not compressed: ${required} is not used` })
  }
  return { stats, problems }
}

/** The budget rules alone, on measured numbers. */
export function budgetProblems(
  stats: Pick<ModelStats, 'bytes' | 'drawCalls' | 'triangles'>,
  file: string,
  kind: 'model' | 'proxy',
): Problem[] {
  const problems: Problem[] = []
  const maxBytes = kind === 'proxy' ? BUDGET.maxProxyBytes : BUDGET.maxModelBytes
  if (stats.bytes > maxBytes)
    problems.push({ file, message: `${stats.bytes} bytes, over the ${maxBytes}-byte budget` })
  if (stats.drawCalls > BUDGET.maxDrawCalls) {
    problems.push({
      file,
      message: `${stats.drawCalls} draw calls, over the budget of ${BUDGET.maxDrawCalls}`,
    })
  }
  if (stats.triangles > BUDGET.maxTriangles) {
    problems.push({
      file,
      message: `${stats.triangles} triangles, over the budget of ${BUDGET.maxTriangles}`,
    })
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// Layout checks, by ray casting against the uncompressed scene
// ---------------------------------------------------------------------------------------------

interface Hit {
  t: number
  part: string
  kind: MaterialKind
}

/** The nearest triangle hit along origin + t·dir (t in (0, maxT)), ignoring sky and glass. */
export function raycast(scene: SiteScene, origin: V3, dir: V3, maxT: number): Hit | undefined {
  let best: Hit | undefined
  const EPS = 1e-9
  for (const part of scene.parts) {
    for (const [kind, g] of part.geos) {
      if (kind === 'sky' || kind === 'glass') continue
      const p = g.positions
      const idx = g.indices
      for (let i = 0; i < idx.length; i += 3) {
        const a = (idx[i] ?? 0) * 3
        const b = (idx[i + 1] ?? 0) * 3
        const c = (idx[i + 2] ?? 0) * 3
        const ax = p[a] ?? 0
        const ay = p[a + 1] ?? 0
        const az = p[a + 2] ?? 0
        const e1x = (p[b] ?? 0) - ax
        const e1y = (p[b + 1] ?? 0) - ay
        const e1z = (p[b + 2] ?? 0) - az
        const e2x = (p[c] ?? 0) - ax
        const e2y = (p[c + 1] ?? 0) - ay
        const e2z = (p[c + 2] ?? 0) - az
        // Möller–Trumbore.
        const px = dir[1] * e2z - dir[2] * e2y
        const py = dir[2] * e2x - dir[0] * e2z
        const pz = dir[0] * e2y - dir[1] * e2x
        const det = e1x * px + e1y * py + e1z * pz
        if (det > -EPS && det < EPS) continue
        const inv = 1 / det
        const tx = origin[0] - ax
        const ty = origin[1] - ay
        const tz = origin[2] - az
        const u = (tx * px + ty * py + tz * pz) * inv
        if (u < 0 || u > 1) continue
        const qx = ty * e1z - tz * e1y
        const qy = tz * e1x - tx * e1z
        const qz = tx * e1y - ty * e1x
        const v = (dir[0] * qx + dir[1] * qy + dir[2] * qz) * inv
        if (v < 0 || u + v > 1) continue
        const t = (e2x * qx + e2y * qy + e2z * qz) * inv
        if (t > 1e-4 && t < maxT && (!best || t < best.t)) best = { t, part: part.name, kind }
      }
    }
  }
  return best
}

const sub3 = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
const len3 = (a: V3): number => Math.hypot(a[0], a[1], a[2])
const norm3 = (a: V3): V3 => {
  const l = len3(a)
  return [a[0] / l, a[1] / l, a[2] / l]
}
const cross3 = (a: V3, b: V3): V3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
const dot3 = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]

/** Points on a grid inside a polygon, plus its corners pulled slightly inwards. */
function samplePolygon(poly: readonly (readonly [number, number])[]): [number, number][] {
  const xs = poly.map((p) => p[0])
  const zs = poly.map((p) => p[1])
  const [x0, x1, z0, z1] = [Math.min(...xs), Math.max(...xs), Math.min(...zs), Math.max(...zs)]
  const area = (x1 - x0) * (z1 - z0)
  const step = Math.max(LAYOUT_RULES.walkSampleSpacing, Math.sqrt(area / LAYOUT_RULES.maxWalkSamples))
  const pts: [number, number][] = []
  for (let x = x0 + step / 2; x < x1; x += step) {
    for (let z = z0 + step / 2; z < z1; z += step) if (insidePolygon(x, z, poly)) pts.push([x, z])
  }
  const cx = xs.reduce((s, v) => s + v, 0) / xs.length
  const cz = zs.reduce((s, v) => s + v, 0) / zs.length
  for (const [x, z] of poly) pts.push([x + (cx - x) * 0.02, z + (cz - z) * 0.02])
  return pts
}

/** Layout rules: ids, anchors in view of the start camera, walkable areas on open ground. */
export function checkLayout(layout: SiteLayout, scene: SiteScene, file: string): Problem[] {
  const problems: Problem[] = []
  const add = (message: string) => problems.push({ file, message })
  const anchorNames = Object.keys(layout.anchors)
  if (anchorNames.length < LAYOUT_RULES.minAnchors || anchorNames.length > LAYOUT_RULES.maxAnchors) {
    add(`${anchorNames.length} anchors; expected ${LAYOUT_RULES.minAnchors}–${LAYOUT_RULES.maxAnchors}`)
  }
  const ids = layout.viewpoints.map((v) => v.id)
  if (new Set(ids).size !== ids.length) add('viewpoint ids are not unique')
  const start = layout.viewpoints.find((v) => v.id === layout.startViewpoint)
  if (!start) {
    add(`start viewpoint "${layout.startViewpoint}" is not among the viewpoints`)
    return problems
  }
  if (layout.viewpoints.length < 3) add('expected an overview and at least two more viewpoints')
  // Every viewpoint must have ground under it, and the camera must not be inside anything.
  for (const vp of layout.viewpoints) {
    const below = raycast(scene, vp.position, [0, -1, 0], 5000)
    if (!below) add(`viewpoint "${vp.id}" has no ground below it`)
    else if (below.t < LAYOUT_RULES.eyeHeight - 0.3)
      add(`viewpoint "${vp.id}" is ${below.t.toFixed(2)} m above ${below.part}`)
    const above = raycast(scene, vp.position, [0, 1, 0], 5000)
    if (above && above.part !== 'trees') add(`viewpoint "${vp.id}" is under ${above.part}`)
  }
  // Anchors: inside the start camera's frustum and not hidden behind geometry.
  const forward = norm3(sub3(start.target, start.position))
  const right = norm3(cross3(forward, [0, 1, 0]))
  const up = cross3(right, forward)
  const tanY = Math.tan((LAYOUT_RULES.fovYDegrees * Math.PI) / 360)
  const tanX = tanY * LAYOUT_RULES.minAspect
  for (const [name, p] of Object.entries(layout.anchors)) {
    const d = sub3(p, start.position)
    const z = dot3(d, forward)
    if (z <= 0 || Math.abs(dot3(d, right) / z) > tanX || Math.abs(dot3(d, up) / z) > tanY) {
      add(`anchor "${name}" is outside the start view`)
      continue
    }
    const dist = len3(d)
    const hit = raycast(scene, start.position, norm3(d), dist - LAYOUT_RULES.anchorClearance)
    if (hit) add(`anchor "${name}" is hidden from the start view by ${hit.part} (${hit.t.toFixed(1)} m away)`)
  }
  // Walkable areas: looking down from above, the first thing is open ground at the area's height.
  for (const area of layout.walkableAreas) {
    let bad = 0
    let example = ''
    const samples = samplePolygon(area.polygon)
    for (const [x, z] of samples) {
      const hit = raycast(scene, [x, area.y + 200, z], [0, -1, 0], 400)
      const y = hit ? area.y + 200 - hit.t : Number.NaN
      const ok = hit && hit.kind !== 'water' && Math.abs(y - area.y) <= LAYOUT_RULES.groundTolerance
      if (!ok) {
        bad++
        example ||= `(${x.toFixed(1)}, ${z.toFixed(1)}): ${hit ? `${hit.part} at y ${y.toFixed(2)}` : 'nothing'}`
      }
    }
    if (bad > 0)
      add(`walkable area "${area.id}": ${bad}/${samples.length} samples not on open ground, e.g. ${example}`)
  }
  return problems
}

/** Budgets, validator and layout rules for a freshly built site. */
export async function checkBuilt(
  built: BuiltSite,
): Promise<{ model: ModelStats; proxy: ModelStats; problems: Problem[] }> {
  const files = modelFiles(built.id)
  const model = await inspectModel(built.glb, files.glb, 'model')
  const proxy = await inspectModel(built.proxy, files.proxy, 'proxy')
  const layout = checkLayout(built.layout, built.scene, files.layout)
  return {
    model: model.stats,
    proxy: proxy.stats,
    problems: [...model.problems, ...proxy.problems, ...layout],
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && a.every((v, i) => v === b[i])

/**
 * Rebuilds a site in memory, checks it, and compares it byte for byte with the committed files.
 * Returns the problems found (an empty list means the site is fine).
 */
export async function checkSite(id: SiteId, dir = MODEL_DIR): Promise<Problem[]> {
  const built = await buildSite(id)
  const { problems } = await checkBuilt(built)
  const files = modelFiles(id)
  const expected: [string, Uint8Array][] = [
    [files.glb, built.glb],
    [files.proxy, built.proxy],
    [files.layout, new TextEncoder().encode(built.layoutJson)],
  ]
  for (const [file, bytes] of expected) {
    let onDisk: Uint8Array
    try {
      onDisk = new Uint8Array(await readFile(`${dir}/${file}`))
    } catch {
      problems.push({ file, message: 'missing: run `npm run models`' })
      continue
    }
    if (!sameBytes(onDisk, bytes)) {
      problems.push({ file, message: 'differs from a fresh build of the model code: run `npm run models`' })
    }
  }
  return problems
}
