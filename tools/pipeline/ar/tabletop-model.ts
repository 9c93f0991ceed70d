/**
 * A stop's tabletop miniature as plain geometry, from the site's glTF model: the part inside the
 * stop's footprint (the same one the AR mode clips to, src/core/engine/footprint.ts), cut cleanly
 * at its bounds, moved so the footprint's centre at ground level is the origin, and scaled so its
 * largest side is TABLETOP_FIT_METRES. Units stay metres and +Y up, as both AR Quick Look (USDZ) and
 * Scene Viewer (glTF) expect; the visitor can then resize it with a pinch.
 *
 * Triangles are grouped by material and colour: the procedural sites colour their faces with
 * vertex colours (COLOR_0), which AR Quick Look does not draw (a USD material's diffuse colour
 * replaces the mesh's `displayColor`), so each face takes its colour as a flat material colour,
 * quantised to a small palette. Glass keeps its transparency; the sky dome is left out (the room is
 * the sky on a table).
 */
import { NodeIO, type Primitive } from '@gltf-transform/core'
import { ALL_EXTENSIONS } from '@gltf-transform/extensions'
import { MeshoptDecoder, MeshoptSimplifier } from 'meshoptimizer'
import { TABLETOP_FIT_METRES, type Footprint } from '../../../src/core/engine/footprint'

export type TabletopGroup = {
  /** Stable name: `<material>-<rrggbb>` (sRGB hex of the quantised colour). */
  name: string
  /** Linear RGB (glTF and USD preview surfaces both take linear colour factors). */
  color: [number, number, number]
  opacity: number
  roughness: number
  metallic: number
  /** Vertices (xyz each) and their normals, shared by the triangles of `indices`. */
  positions: Float32Array
  normals: Float32Array
  indices: Uint32Array
}

/** A group while it is being cut: non-indexed triangles, 3 vertices each. */
type Collecting = Omit<TabletopGroup, 'positions' | 'normals' | 'indices'> & {
  positions: number[]
  normals: number[]
}

export type TabletopModel = {
  groups: TabletopGroup[]
  triangles: number
  /** Bounds of the miniature (metres, after scaling). */
  min: [number, number, number]
  max: [number, number, number]
  /** Metres of table per metre of the site. */
  scale: number
}

/**
 * How far the simplifier may move the surface, in metres of table: a millimetre on a 60 cm
 * miniature is below what a phone's camera view shows, and halves the terrain's triangles.
 */
const SIMPLIFY_ERROR_METRES = 0.001

/** Faces meeting at more than this angle (40°) keep a hard edge between them. */
const CREASE_COS = Math.cos((40 * Math.PI) / 180)

/** Levels per sRGB channel of the palette: 4 bits. */
const PALETTE_LEVELS = 15

const srgb = (linear: number) =>
  linear <= 0.0031308 ? linear * 12.92 : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055
const linear = (s: number) => (s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4))

type Vertex = { p: [number, number, number]; n: [number, number, number] }

/** A clipping plane: keeps points where `sign * (p[axis] - value) >= 0`. */
type Cut = { axis: 0 | 1 | 2; value: number; sign: 1 | -1 }

function cuts(f: Footprint): Cut[] {
  return [
    { axis: 0, value: f.min[0], sign: 1 },
    { axis: 0, value: f.max[0], sign: -1 },
    { axis: 2, value: f.min[2], sign: 1 },
    { axis: 2, value: f.max[2], sign: -1 },
    { axis: 1, value: f.min[1], sign: 1 },
  ]
}

/** Sutherland–Hodgman: the polygon's part on the kept side of one plane (normals interpolated). */
function clipPolygon(poly: Vertex[], cut: Cut): Vertex[] {
  const out: Vertex[] = []
  const d = (v: Vertex) => cut.sign * (v.p[cut.axis] - cut.value)
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!
    const b = poly[(i + 1) % poly.length]!
    const da = d(a)
    const db = d(b)
    if (da >= 0) out.push(a)
    if (da >= 0 !== db >= 0) {
      const t = da / (da - db)
      const lerp = (x: readonly number[], y: readonly number[]) =>
        [0, 1, 2].map((k) => x[k]! + (y[k]! - x[k]!) * t) as [number, number, number]
      out.push({ p: lerp(a.p, b.p), n: lerp(a.n, b.n) })
    }
  }
  return out
}

/** A 4×4 column-major matrix applied to a point (w = 1) or a direction (w = 0). */
function apply(m: readonly number[], x: number, y: number, z: number, w: 0 | 1): [number, number, number] {
  return [
    m[0]! * x + m[4]! * y + m[8]! * z + m[12]! * w,
    m[1]! * x + m[5]! * y + m[9]! * z + m[13]! * w,
    m[2]! * x + m[6]! * y + m[10]! * z + m[14]! * w,
  ]
}

/** The normal matrix's effect for the similarity transforms the models use: direction, renormalised. */
function normalize(v: [number, number, number]): [number, number, number] {
  const l = Math.hypot(v[0], v[1], v[2]) || 1
  return [v[0] / l, v[1] / l, v[2] / l]
}

function readAttribute(prim: Primitive, semantic: string): ((i: number) => number[]) | null {
  const a = prim.getAttribute(semantic)
  if (!a) return null
  // getElement() denormalises normalised integers (quantised normals and colours) to floats.
  return (i: number) => a.getElement(i, [])
}

let decoderReady: Promise<void> | null = null

/** Reads a GLB (meshopt and quantisation as the pipeline writes them) and cuts out a stop. */
export async function tabletopModel(glb: Uint8Array, area: Footprint): Promise<TabletopModel> {
  decoderReady ??= Promise.all([MeshoptDecoder.ready, MeshoptSimplifier.ready]).then(() => {})
  await decoderReady
  const io = new NodeIO()
    .registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({ 'meshopt.decoder': MeshoptDecoder })
  const doc = await io.readBinary(glb)
  const planes = cuts(area)
  const scale = TABLETOP_FIT_METRES / area.size
  const [ax, ay, az] = area.anchor
  const groups = new Map<string, Collecting>()
  const min: [number, number, number] = [Infinity, Infinity, Infinity]
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity]

  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh()
    if (!mesh) continue
    const world = node.getWorldMatrix()
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue // triangles only (the sites have no lines or points)
      const material = prim.getMaterial()
      const kind = material?.getName() || 'matte'
      if (material?.getExtension('KHR_materials_unlit') || kind === 'sky') continue
      const base = material?.getBaseColorFactor() ?? [1, 1, 1, 1]
      const roughness = material?.getRoughnessFactor() ?? 1
      const metallic = material?.getMetallicFactor() ?? 0
      const blended = material?.getAlphaMode() === 'BLEND'
      const pos = readAttribute(prim, 'POSITION')
      if (!pos) continue
      const nrm = readAttribute(prim, 'NORMAL')
      const col = readAttribute(prim, 'COLOR_0')
      const indices = prim.getIndices()
      const count = indices ? indices.getCount() : prim.getAttribute('POSITION')!.getCount()
      const index = (k: number) => (indices ? indices.getScalar(k) : k)

      for (let t = 0; t + 2 < count; t += 3) {
        const ids = [index(t), index(t + 1), index(t + 2)]
        let poly: Vertex[] = ids.map((i) => {
          const p = pos(i)
          const n = nrm ? nrm(i) : [0, 1, 0]
          return {
            p: apply(world, p[0]!, p[1]!, p[2]!, 1),
            n: normalize(apply(world, n[0]!, n[1]!, n[2]!, 0)),
          }
        })
        for (const cut of planes) {
          poly = clipPolygon(poly, cut)
          if (poly.length < 3) break
        }
        if (poly.length < 3) continue

        // The face's colour: its vertices' mean, times the material's factor, on the palette.
        const rgb = [0, 0, 0]
        for (const i of ids) {
          const c = col ? col(i) : [1, 1, 1]
          for (let k = 0; k < 3; k++) rgb[k]! += (c[k]! * base[k]!) / 3
        }
        const levels = rgb.map((v) => Math.round(srgb(Math.min(1, Math.max(0, v))) * PALETTE_LEVELS))
        const hex = levels.map((l) =>
          Math.round((l / PALETTE_LEVELS) * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        const name = `${kind}-${hex.join('')}`
        let g = groups.get(name)
        if (!g) {
          g = {
            name,
            color: levels.map((l) => +linear(l / PALETTE_LEVELS).toFixed(5)) as [number, number, number],
            opacity: blended ? base[3]! : 1,
            roughness,
            metallic,
            positions: [],
            normals: [],
          }
          groups.set(name, g)
        }
        // Fan of the clipped polygon, each vertex moved to the anchor and scaled to the table.
        for (let k = 1; k + 1 < poly.length; k++) {
          for (const v of [poly[0]!, poly[k]!, poly[k + 1]!]) {
            const p = [(v.p[0] - ax) * scale, (v.p[1] - ay) * scale, (v.p[2] - az) * scale]
            for (let c = 0; c < 3; c++) {
              const value = +p[c]!.toFixed(5)
              g.positions.push(value)
              min[c] = Math.min(min[c]!, value)
              max[c] = Math.max(max[c]!, value)
            }
            g.normals.push(...normalize(v.n).map((x) => +x.toFixed(4)))
          }
        }
      }
    }
  }
  const finished = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)).map(finish)
  return {
    groups: finished,
    triangles: finished.reduce((n, g) => n + g.indices.length / 3, 0),
    min,
    max,
    scale,
  }
}

/**
 * Makes a group small enough for a phone: its triangles share the vertices they have in common
 * (by position), meshoptimizer removes what a table-sized model does not show (never moving the
 * group's edges, so neighbouring groups and the cut stay closed), and the normals are made again:
 * smooth across gentle slopes (terrain, water), hard at creases (a wall meeting a roof), so a
 * vertex is shared by every face of a smooth surface and the file stays small.
 */
function finish(g: Collecting): TabletopGroup {
  const byPosition = new Map<string, number>()
  const welded: number[] = []
  const corners = g.positions.length / 3
  const indices = new Uint32Array(corners)
  for (let v = 0; v < corners; v++) {
    const p = g.positions.slice(v * 3, v * 3 + 3)
    const k = p.join(',')
    let i = byPosition.get(k)
    if (i === undefined) {
      i = welded.length / 3
      byPosition.set(k, i)
      welded.push(...p)
    }
    indices[v] = i
  }
  const pos = new Float32Array(welded)
  const [kept] = MeshoptSimplifier.simplify(indices, pos, 3, 0, SIMPLIFY_ERROR_METRES, [
    'LockBorder',
    'ErrorAbsolute',
  ])
  // glTF's winding (counter-clockwise seen from the front) gives each face its normal; a corner
  // takes the mean of the faces round it that turn less than the crease angle from its own face.
  const faces: { v: [number, number, number]; n: [number, number, number]; area: number }[] = []
  const facesAt = new Map<number, number[]>()
  for (let t = 0; t < kept.length; t += 3) {
    const v = [kept[t]!, kept[t + 1]!, kept[t + 2]!] as [number, number, number]
    const [a, b, c] = v.map((i) => [pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!]) as [
      number[],
      number[],
      number[],
    ]
    const u = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!]
    const w = [c[0]! - a[0]!, c[1]! - a[1]!, c[2]! - a[2]!]
    const cross: [number, number, number] = [
      u[1]! * w[2]! - u[2]! * w[1]!,
      u[2]! * w[0]! - u[0]! * w[2]!,
      u[0]! * w[1]! - u[1]! * w[0]!,
    ]
    const area = Math.hypot(...cross)
    if (area < 1e-12) continue // collapsed to a line: nothing to draw
    const f = faces.push({ v, n: normalize(cross), area }) - 1
    for (const i of v) facesAt.set(i, [...(facesAt.get(i) ?? []), f])
  }
  const byVertex = new Map<string, number>()
  const outP: number[] = []
  const outN: number[] = []
  const outI: number[] = []
  for (const face of faces) {
    for (const i of face.v) {
      const sum = [0, 0, 0]
      for (const f of facesAt.get(i)!) {
        const other = faces[f]!
        const dot = other.n[0] * face.n[0] + other.n[1] * face.n[1] + other.n[2] * face.n[2]
        if (dot < CREASE_COS) continue
        for (let k = 0; k < 3; k++) sum[k]! += other.n[k]! * other.area
      }
      const n = normalize(sum as [number, number, number]).map((x) => +x.toFixed(3))
      const k = `${i}/${n.join(',')}`
      let out = byVertex.get(k)
      if (out === undefined) {
        out = outP.length / 3
        byVertex.set(k, out)
        outP.push(pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!)
        outN.push(...n)
      }
      outI.push(out)
    }
  }
  return {
    ...g,
    positions: new Float32Array(outP),
    normals: new Float32Array(outN),
    indices: new Uint32Array(outI),
  }
}
