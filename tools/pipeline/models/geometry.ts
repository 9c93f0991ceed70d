/**
 * A small, deterministic geometry toolkit for building stylised low-poly site models from code.
 *
 * Everything is plain arrays of numbers: no three.js, no glTF. A site builds named parts out of
 * `Geo` buffers (one per material kind) and the pipeline turns them into a glTF document.
 *
 * Conventions: 1 unit = 1 metre, y up. Colours are linear RGB (convert palette hex codes with
 * `hex()`), because glTF vertex colours and material factors are linear. Solids are flat-shaded
 * (one normal per face) for the faceted look; terrain and water are smooth and indexed, because
 * they are the bulk of the vertices and indexing keeps them small.
 *
 * Randomness only ever comes from `Rng`, seeded by the caller, so a model is byte-identical from
 * one build to the next.
 */
import { srgbToLinear } from './srgb.ts'

export type V3 = readonly [number, number, number]
export type V2 = readonly [number, number]
export type Rgb = readonly [number, number, number]

// ---------------------------------------------------------------------------------------------
// Colour
// ---------------------------------------------------------------------------------------------

/** A palette colour such as `#D8C8A0` (sRGB, as designers write it) as linear RGB. */
export function hex(code: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(code)
  if (!m) throw new Error(`not a colour: ${code}`)
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => srgbToLinear(parseInt(h ?? '0', 16) / 255))
  return [r ?? 0, g ?? 0, b ?? 0]
}

export const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

/** Multiplies a colour's brightness (linear), clamped to [0, 1]. */
export const shade = (c: Rgb, f: number): Rgb => [
  Math.min(1, c[0] * f),
  Math.min(1, c[1] * f),
  Math.min(1, c[2] * f),
]

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and noise
// ---------------------------------------------------------------------------------------------

/** Mulberry32: tiny, fast and good enough for scattering rocks and trees. */
export class Rng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  range(min: number, max: number): number {
    return min + (max - min) * this.next()
  }
  int(min: number, maxInclusive: number): number {
    return Math.floor(this.range(min, maxInclusive + 1))
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
}

/** Integer hash of a lattice point, for value noise. */
function hash2(seed: number, x: number, z: number): number {
  let h = (seed ^ Math.imul(x, 374761393) ^ Math.imul(z, 668265263)) >>> 0
  h = Math.imul(h ^ (h >>> 13), 1274126177)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

const smooth = (t: number): number => t * t * (3 - 2 * t)

/** 2D value noise in [-1, 1], smooth between integer lattice points. */
export function noise2(seed: number, x: number, z: number): number {
  const x0 = Math.floor(x)
  const z0 = Math.floor(z)
  const tx = smooth(x - x0)
  const tz = smooth(z - z0)
  const a = hash2(seed, x0, z0)
  const b = hash2(seed, x0 + 1, z0)
  const c = hash2(seed, x0, z0 + 1)
  const d = hash2(seed, x0 + 1, z0 + 1)
  return (a + (b - a) * tx + (c - a) * tz + (a - b - c + d) * tx * tz) * 2 - 1
}

/** Fractal (fBm) value noise in about [-1, 1]; `scale` is the size of the largest feature in metres. */
export function fbm(seed: number, x: number, z: number, scale: number, octaves = 4): number {
  let sum = 0
  let amp = 1
  let norm = 0
  let f = 1 / scale
  for (let o = 0; o < octaves; o++) {
    sum += amp * noise2(seed + o * 1013, x * f, z * f)
    norm += amp
    amp *= 0.5
    f *= 2
  }
  return sum / norm
}

/** 0 outside `outer`, 1 inside `inner`, smooth between: for blending flattened areas into terrain. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)))
  return smooth(t)
}

/** Distance from a point to an axis-aligned rectangle (0 inside). */
export function rectDistance(x: number, z: number, x0: number, z0: number, x1: number, z1: number): number {
  const dx = Math.max(x0 - x, 0, x - x1)
  const dz = Math.max(z0 - z, 0, z - z1)
  return Math.hypot(dx, dz)
}

/** Distance in the xz plane from a point to the segment a–b. */
export function segmentDistance(x: number, z: number, a: V2, b: V2): number {
  const dx = b[0] - a[0]
  const dz = b[1] - a[1]
  const len2 = dx * dx + dz * dz
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - a[0]) * dx + (z - a[1]) * dz) / len2))
  return Math.hypot(x - (a[0] + t * dx), z - (a[1] + t * dz))
}

/** Whether a point lies inside a simple polygon ([x, z] corners), by ray crossing. */
export function insidePolygon(x: number, z: number, poly: readonly V2[]): boolean {
  let inside = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]
    const b = poly[j]
    if (!a || !b) continue
    if (a[1] > z !== b[1] > z && x < ((b[0] - a[0]) * (z - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

// ---------------------------------------------------------------------------------------------
// Affine transforms (3×4, row-major)
// ---------------------------------------------------------------------------------------------

export type Mat = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
]

export const IDENTITY: Mat = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]

export const translate = (x: number, y: number, z: number): Mat => [1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z]
export const scale = (sx: number, sy = sx, sz = sx): Mat => [sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0]
export function rotateY(a: number): Mat {
  const c = Math.cos(a)
  const s = Math.sin(a)
  return [c, 0, s, 0, 0, 1, 0, 0, -s, 0, c, 0]
}
export function rotateX(a: number): Mat {
  const c = Math.cos(a)
  const s = Math.sin(a)
  return [1, 0, 0, 0, 0, c, -s, 0, 0, s, c, 0]
}
export function rotateZ(a: number): Mat {
  const c = Math.cos(a)
  const s = Math.sin(a)
  return [c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0]
}

/** Matrix product: `compose(a, b)` applies `b` first, then `a`. */
export function compose(...ms: Mat[]): Mat {
  let r: Mat = IDENTITY
  for (const m of ms) {
    const o: number[] = []
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 4; col++) {
        let v = col === 3 ? (r[row * 4 + 3] ?? 0) : 0
        for (let k = 0; k < 3; k++) v += (r[row * 4 + k] ?? 0) * (m[k * 4 + col] ?? 0)
        o.push(v)
      }
    }
    r = o as unknown as Mat
  }
  return r
}

export function apply(m: Mat, p: V3): V3 {
  return [
    m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
    m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
    m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11],
  ]
}

const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
function normalize(v: V3): V3 {
  const l = Math.hypot(v[0], v[1], v[2])
  return l > 0 ? [v[0] / l, v[1] / l, v[2] / l] : [0, 1, 0]
}

/** Newell's method: the normal of a planar polygon whose corners run counter-clockwise. */
function polygonNormal(pts: readonly V3[]): V3 {
  let nx = 0
  let ny = 0
  let nz = 0
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i] as V3
    const b = pts[(i + 1) % pts.length] as V3
    nx += (a[1] - b[1]) * (a[2] + b[2])
    ny += (a[2] - b[2]) * (a[0] + b[0])
    nz += (a[0] - b[0]) * (a[1] + b[1])
  }
  return [nx, ny, nz]
}

const centroid = (pts: readonly V3[]): V3 => {
  let [x, y, z] = [0, 0, 0]
  for (const p of pts) {
    x += p[0] / pts.length
    y += p[1] / pts.length
    z += p[2] / pts.length
  }
  return [x, y, z]
}

/** A regular polygon of `sides` corners in the xz plane, counter-clockwise seen from above. */
export function ring(sides: number, radius: number, rotation = 0): V2[] {
  const pts: V2[] = []
  for (let i = 0; i < sides; i++) {
    const a = rotation + (i / sides) * Math.PI * 2
    pts.push([Math.cos(a) * radius, -Math.sin(a) * radius])
  }
  return pts
}

// ---------------------------------------------------------------------------------------------
// Geometry buffer
// ---------------------------------------------------------------------------------------------

export interface FrustumOptions {
  sides: number
  /** Radius of the circumscribed circle at the bottom and at the top (0 makes a cone or pyramid). */
  r0: number
  r1: number
  y0: number
  y1: number
  x?: number
  z?: number
  /** Rotation of the first corner around y, radians. */
  rotation?: number
  top?: boolean
  bottom?: boolean
}

export interface TerrainOptions {
  /** Half-size of the square patch, metres, centred on `cx`, `cz`. */
  radius: number
  cx?: number
  cz?: number
  /** Grid cells along each side. */
  cells: number
  /**
   * Exponent > 1 packs grid lines near the centre, where the visitor stands, and stretches them
   * towards the edge, where only the silhouette matters.
   */
  warp?: number
  height: (x: number, z: number) => number
  color: (x: number, y: number, z: number, slope: number) => Rgb
}

/** Vertex buffers of one primitive: positions, normals, colours and triangle indices. */
export class Geo {
  readonly positions: number[] = []
  readonly normals: number[] = []
  readonly colors: number[] = []
  readonly indices: number[] = []
  private matrix: Mat = IDENTITY
  /** Random per-face brightness variation, as a fraction (0.05 = ±2.5 %), for a hand-made look. */
  jitter = 0
  private readonly rng: Rng

  constructor(seed = 1) {
    this.rng = new Rng(seed)
  }

  get vertexCount(): number {
    return this.positions.length / 3
  }
  get triangleCount(): number {
    return this.indices.length / 3
  }

  /** Runs `build` with `m` applied on top of the current transform. */
  with(m: Mat, build: () => void): void {
    const saved = this.matrix
    this.matrix = compose(saved, m)
    try {
      build()
    } finally {
      this.matrix = saved
    }
  }

  private vary(c: Rgb): Rgb {
    if (this.jitter === 0) return c
    return shade(c, 1 + (this.rng.next() - 0.5) * this.jitter)
  }

  /** A flat convex polygon; corners counter-clockwise seen from the side it faces. */
  face(pts: readonly V3[], color: Rgb | readonly Rgb[]): void {
    const w = pts.map((p) => apply(this.matrix, p))
    const raw = polygonNormal(w)
    if (Math.hypot(raw[0], raw[1], raw[2]) < 1e-9) return // degenerate: nothing to draw
    const n = normalize(raw)
    const base = this.vertexCount
    const flat = isRgb(color) ? this.vary(color) : undefined
    w.forEach((p, i) => {
      const c = flat ?? (color as readonly Rgb[])[i] ?? [1, 1, 1]
      this.positions.push(p[0], p[1], p[2])
      this.normals.push(n[0], n[1], n[2])
      this.colors.push(c[0], c[1], c[2])
    })
    for (let i = 1; i < w.length - 1; i++) this.indices.push(base, base + i, base + i + 1)
  }

  /** Like `face`, but turns the polygon to face away from `center` (local coordinates). */
  faceOut(pts: readonly V3[], color: Rgb, center: V3): void {
    const n = polygonNormal(pts)
    this.face(dot(n, sub(centroid(pts), center)) >= 0 ? pts : [...pts].reverse(), color)
  }

  /** Like `face`, but facing towards `center`: for domes seen from inside. */
  faceIn(pts: readonly V3[], color: Rgb | readonly Rgb[], center: V3): void {
    const n = polygonNormal(pts)
    if (dot(n, sub(centroid(pts), center)) <= 0) this.face(pts, color)
    else this.face([...pts].reverse(), Array.isArray(color) && !isRgb(color) ? [...color].reverse() : color)
  }

  /** Axis-aligned box from `min` to `max`. `top` colours the top face differently (e.g. a roof). */
  box(min: V3, max: V3, color: Rgb, opts: { top?: Rgb | null; bottom?: boolean } = {}): void {
    this.extrude(
      [
        [min[0], max[2]],
        [max[0], max[2]],
        [max[0], min[2]],
        [min[0], min[2]],
      ],
      min[1],
      max[1],
      color,
      opts,
    )
  }

  /** Box centred on (x, z), standing on y0, `w` along x, `d` along z, `h` high. */
  block(x: number, z: number, w: number, d: number, y0: number, h: number, color: Rgb, top?: Rgb): void {
    this.box([x - w / 2, y0, z - d / 2], [x + w / 2, y0 + h, z + d / 2], color, top ? { top } : {})
  }

  /** A horizontal rectangle facing up at height y (lawns, paths, decks). */
  flat(x0: number, z0: number, x1: number, z1: number, y: number, color: Rgb): void {
    this.face(
      [
        [x0, y, z1],
        [x1, y, z1],
        [x1, y, z0],
        [x0, y, z0],
      ],
      color,
    )
  }

  /** A vertical prism: a convex footprint ([x, z] corners) extruded from y0 to y1. */
  extrude(
    footprint: readonly V2[],
    y0: number,
    y1: number,
    color: Rgb,
    opts: { top?: Rgb | null; bottom?: boolean } = {},
  ): void {
    this.loft(footprint, y0, footprint, y1, color, opts)
  }

  /** Joins a bottom ring at y0 to a top ring at y1 (same corner count). */
  loft(
    bottom: readonly V2[],
    y0: number,
    top: readonly V2[],
    y1: number,
    color: Rgb,
    opts: { top?: Rgb | null; bottom?: boolean } = {},
  ): void {
    const n = bottom.length
    const center: V3 = [
      bottom.reduce((s, p) => s + p[0], 0) / n,
      (y0 + y1) / 2,
      bottom.reduce((s, p) => s + p[1], 0) / n,
    ]
    for (let i = 0; i < n; i++) {
      const a = bottom[i] as V2
      const b = bottom[(i + 1) % n] as V2
      const c = top[(i + 1) % n] as V2
      const d = top[i] as V2
      const quad: V3[] = [
        [a[0], y0, a[1]],
        [b[0], y0, b[1]],
        [c[0], y1, c[1]],
        [d[0], y1, d[1]],
      ]
      // A collapsed top edge (cone apex) leaves a triangle.
      const pts = Math.hypot(c[0] - d[0], c[1] - d[1]) < 1e-9 ? quad.slice(0, 3) : quad
      this.faceOut(pts, color, center)
    }
    if (opts.top !== null) {
      const cap: V3[] = top.map((p) => [p[0], y1, p[1]])
      if (Math.hypot(...polygonNormal(cap)) > 1e-9) this.faceOut(cap, opts.top ?? color, center)
    }
    if (opts.bottom) this.faceOut(bottom.map((p) => [p[0], y0, p[1]]) as V3[], color, center)
  }

  /**
   * Joins two rings of 3D corners (same count, convex, bottom and top) into a closed solid: the
   * general form of `loft`, for ramps, wedges and sloping roofs. Collapsed faces are skipped.
   */
  solid(bottom: readonly V3[], top: readonly V3[], color: Rgb, topColor?: Rgb, withBottom = false): void {
    const n = bottom.length
    const center = centroid([...bottom, ...top])
    for (let i = 0; i < n; i++) {
      const a = bottom[i] as V3
      const b = bottom[(i + 1) % n] as V3
      const c = top[(i + 1) % n] as V3
      const d = top[i] as V3
      const pts = [a, b, c, d].filter((p, k, all) => {
        const prev = all[(k + all.length - 1) % all.length] as V3
        return Math.hypot(p[0] - prev[0], p[1] - prev[1], p[2] - prev[2]) > 1e-9
      })
      if (pts.length >= 3) this.faceOut(pts, color, center)
    }
    this.faceOut(top, topColor ?? color, center)
    if (withBottom) this.faceOut(bottom, color, center)
  }

  /** A regular n-sided frustum: cylinder (r0 = r1), cone or pyramid (r1 = 0), tapered tower. */
  frustum(o: FrustumOptions, color: Rgb, topColor?: Rgb): void {
    const rot = o.rotation ?? 0
    const shift = (pts: V2[]): V2[] => pts.map((p) => [p[0] + (o.x ?? 0), p[1] + (o.z ?? 0)])
    const top = o.r1 > 0 ? shift(ring(o.sides, o.r1, rot)) : shift(ring(o.sides, 0, rot))
    this.loft(shift(ring(o.sides, o.r0, rot)), o.y0, top, o.y1, color, {
      top: o.top === false || o.r1 === 0 ? null : (topColor ?? color),
      bottom: o.bottom ?? false,
    })
  }

  /**
   * Hip roof over the rectangle [x0, x1] × [z0, z1] from eaves height y0, rising `h`. The ridge runs
   * along the longer side; on a square it closes to a pyramid. `overhang` widens the eaves.
   */
  hipRoof(
    x0: number,
    z0: number,
    x1: number,
    z1: number,
    y0: number,
    h: number,
    color: Rgb,
    overhang = 0,
  ): void {
    const [ax0, az0, ax1, az1] = [x0 - overhang, z0 - overhang, x1 + overhang, z1 + overhang]
    const w = ax1 - ax0
    const d = az1 - az0
    const y1 = y0 + h
    const center: V3 = [(ax0 + ax1) / 2, y0, (az0 + az1) / 2]
    const [cx, , cz] = center
    if (w >= d) {
      const r0: V3 = [ax0 + d / 2, y1, cz]
      const r1: V3 = [ax1 - d / 2, y1, cz]
      this.faceOut([[ax0, y0, az1], [ax1, y0, az1], r1, r0], color, center)
      this.faceOut([[ax1, y0, az0], [ax0, y0, az0], r0, r1], color, center)
      this.faceOut([[ax0, y0, az0], [ax0, y0, az1], r0], color, center)
      this.faceOut([[ax1, y0, az1], [ax1, y0, az0], r1], color, center)
    } else {
      const r0: V3 = [cx, y1, az0 + w / 2]
      const r1: V3 = [cx, y1, az1 - w / 2]
      this.faceOut([[ax1, y0, az1], [ax1, y0, az0], r0, r1], color, center)
      this.faceOut([[ax0, y0, az0], [ax0, y0, az1], r1, r0], color, center)
      this.faceOut([[ax0, y0, az1], [ax1, y0, az1], r1], color, center)
      this.faceOut([[ax1, y0, az0], [ax0, y0, az0], r0], color, center)
    }
    this.faceOut(
      [
        [ax0, y0, az0],
        [ax1, y0, az0],
        [ax1, y0, az1],
        [ax0, y0, az1],
      ],
      color,
      [cx, y1, cz],
    )
  }

  /** Gable (pitched) roof over the rectangle, ridge along x when `alongX`, with wall-coloured gables. */
  gableRoof(
    x0: number,
    z0: number,
    x1: number,
    z1: number,
    y0: number,
    h: number,
    color: Rgb,
    gable: Rgb,
    alongX = true,
  ): void {
    const y1 = y0 + h
    const center: V3 = [(x0 + x1) / 2, y0, (z0 + z1) / 2]
    if (alongX) {
      const zc = center[2]
      this.faceOut(
        [
          [x0, y0, z1],
          [x1, y0, z1],
          [x1, y1, zc],
          [x0, y1, zc],
        ],
        color,
        center,
      )
      this.faceOut(
        [
          [x0, y0, z0],
          [x1, y0, z0],
          [x1, y1, zc],
          [x0, y1, zc],
        ],
        color,
        center,
      )
      this.faceOut(
        [
          [x0, y0, z0],
          [x0, y0, z1],
          [x0, y1, zc],
        ],
        gable,
        center,
      )
      this.faceOut(
        [
          [x1, y0, z0],
          [x1, y0, z1],
          [x1, y1, zc],
        ],
        gable,
        center,
      )
    } else {
      const xc = center[0]
      this.faceOut(
        [
          [x1, y0, z0],
          [x1, y0, z1],
          [xc, y1, z1],
          [xc, y1, z0],
        ],
        color,
        center,
      )
      this.faceOut(
        [
          [x0, y0, z0],
          [x0, y0, z1],
          [xc, y1, z1],
          [xc, y1, z0],
        ],
        color,
        center,
      )
      this.faceOut(
        [
          [x0, y0, z0],
          [x1, y0, z0],
          [xc, y1, z0],
        ],
        gable,
        center,
      )
      this.faceOut(
        [
          [x0, y0, z1],
          [x1, y0, z1],
          [xc, y1, z1],
        ],
        gable,
        center,
      )
    }
  }

  /**
   * A lumpy rock: an irregular low-poly ball (an octahedron-like hull with `rng`-jittered corners),
   * `r` across, squashed to `flat` of its height, sitting on y.
   */
  rock(rng: Rng, x: number, y: number, z: number, r: number, color: Rgb, flat = 0.6, sides = 6): void {
    const rings = [
      { h: 0, s: 0.85 },
      { h: 0.45, s: 1 },
      { h: 0.85, s: 0.6 },
    ]
    const rot = rng.next() * Math.PI
    const levels = rings.map((lv) =>
      ring(sides, r * lv.s, rot).map((p) => [p[0] * rng.range(0.8, 1.15), p[1] * rng.range(0.8, 1.15)] as V2),
    )
    const hs = rings.map((lv) => lv.h * r * 2 * flat)
    this.with(translate(x, y, z), () => {
      for (let l = 0; l < levels.length - 1; l++) {
        this.loft(levels[l] as V2[], hs[l] ?? 0, levels[l + 1] as V2[], hs[l + 1] ?? 0, color, { top: null })
      }
      const topRing = levels[levels.length - 1] as V2[]
      const apexY = r * 2 * flat
      this.loft(topRing, hs[hs.length - 1] ?? 0, ring(sides, 0), apexY, color, { top: null })
    })
  }

  /** Appends another buffer (already in world coordinates). */
  merge(other: Geo): void {
    const base = this.vertexCount
    this.positions.push(...other.positions)
    this.normals.push(...other.normals)
    this.colors.push(...other.colors)
    for (const i of other.indices) this.indices.push(base + i)
  }

  /**
   * A smooth heightfield, square and centred on (cx, cz), with per-vertex colour from height and
   * slope. Indexed, with normals from the height differences of neighbours.
   */
  terrain(o: TerrainOptions): void {
    const n = o.cells
    const warp = o.warp ?? 1
    const coord = (i: number): number => {
      const u = (i / n) * 2 - 1
      return Math.sign(u) * Math.abs(u) ** warp * o.radius
    }
    const cx = o.cx ?? 0
    const cz = o.cz ?? 0
    const base = this.vertexCount
    const ys: number[] = []
    for (let j = 0; j <= n; j++) {
      for (let i = 0; i <= n; i++) ys.push(o.height(cx + coord(i), cz + coord(j)))
    }
    const at = (i: number, j: number): number =>
      ys[Math.min(n, Math.max(0, j)) * (n + 1) + Math.min(n, Math.max(0, i))] ?? 0
    for (let j = 0; j <= n; j++) {
      for (let i = 0; i <= n; i++) {
        const x = cx + coord(i)
        const z = cz + coord(j)
        const y = at(i, j)
        const dx = coord(Math.min(n, i + 1)) - coord(Math.max(0, i - 1))
        const dz = coord(Math.min(n, j + 1)) - coord(Math.max(0, j - 1))
        const gx = (at(i + 1, j) - at(i - 1, j)) / dx
        const gz = (at(i, j + 1) - at(i, j - 1)) / dz
        const nrm = normalize([-gx, 1, -gz])
        const c = o.color(x, y, z, 1 - nrm[1])
        this.positions.push(x, y, z)
        this.normals.push(nrm[0], nrm[1], nrm[2])
        this.colors.push(c[0], c[1], c[2])
      }
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const a = base + j * (n + 1) + i
        const b = a + 1
        const c = a + n + 1
        const d = c + 1
        // Counter-clockwise seen from above (+y): a → c → b, then b → c → d.
        this.indices.push(a, c, b, b, c, d)
      }
    }
  }

  /**
   * A sky dome seen from inside: a hemisphere (plus a skirt below the horizon so no gap shows at
   * the edge of the terrain), coloured by elevation through `stops` ([elevation 0..1, colour]).
   */
  skyDome(radius: number, segments: number, rings: number, stops: readonly (readonly [number, Rgb])[]): void {
    const colorAt = (e: number): Rgb => {
      let prev = stops[0] as readonly [number, Rgb]
      for (const s of stops) {
        if (e <= s[0]) {
          const t = s[0] === prev[0] ? 0 : (e - prev[0]) / (s[0] - prev[0])
          return mix(prev[1], s[1], Math.min(1, Math.max(0, t)))
        }
        prev = s
      }
      return prev[1]
    }
    const SKIRT = -0.15 // elevation fraction below the horizon
    const elev = (r: number): number => (r === 0 ? SKIRT : ((r - 1) / (rings - 1)) * 1)
    const point = (s: number, r: number): V3 => {
      const e = elev(r)
      const phi = (e * Math.PI) / 2
      const th = (s / segments) * Math.PI * 2
      return [
        Math.cos(th) * Math.cos(phi) * radius,
        Math.sin(phi) * radius,
        Math.sin(th) * Math.cos(phi) * radius,
      ]
    }
    const center: V3 = [0, 0, 0]
    for (let r = 0; r < rings; r++) {
      for (let s = 0; s < segments; s++) {
        const a = point(s, r)
        const b = point(s + 1, r)
        const c = point(s + 1, r + 1)
        const d = point(s, r + 1)
        const ca = colorAt(Math.max(0, elev(r)))
        const cb = colorAt(Math.max(0, elev(r + 1)))
        if (r === rings - 1) this.faceIn([a, b, d], [ca, ca, cb], center)
        else this.faceIn([a, b, c, d], [ca, ca, cb, cb], center)
      }
    }
  }
}

function isRgb(c: Rgb | readonly Rgb[]): c is Rgb {
  return typeof c[0] === 'number'
}

/** A flat, smooth water surface (a disc of `sides` corners) at height y, colour by distance. */
export function waterDisc(
  g: Geo,
  cx: number,
  cz: number,
  radius: number,
  y: number,
  sides: number,
  rings: number,
  color: (x: number, z: number) => Rgb,
): void {
  const base = g.vertexCount
  g.positions.push(cx, y, cz)
  g.normals.push(0, 1, 0)
  const c0 = color(cx, cz)
  g.colors.push(c0[0], c0[1], c0[2])
  for (let r = 1; r <= rings; r++) {
    const rr = radius * (r / rings) ** 2
    for (let s = 0; s < sides; s++) {
      const a = (s / sides) * Math.PI * 2
      const x = cx + Math.cos(a) * rr
      const z = cz - Math.sin(a) * rr
      const c = color(x, z)
      g.positions.push(x, y, z)
      g.normals.push(0, 1, 0)
      g.colors.push(c[0], c[1], c[2])
    }
  }
  const idx = (r: number, s: number): number => (r === 0 ? base : base + 1 + (r - 1) * sides + (s % sides))
  for (let r = 0; r < rings; r++) {
    for (let s = 0; s < sides; s++) {
      if (r === 0) g.indices.push(idx(0, 0), idx(1, s), idx(1, s + 1))
      else
        g.indices.push(
          idx(r, s),
          idx(r + 1, s),
          idx(r + 1, s + 1),
          idx(r, s),
          idx(r + 1, s + 1),
          idx(r, s + 1),
        )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A site's scene: named parts, each with one buffer per material kind
// ---------------------------------------------------------------------------------------------

/**
 * The few materials every site shares. Colour lives in the vertices, so a whole building in one
 * material is one draw call; kinds differ only where the surface reacts differently to light.
 */
export const MATERIALS = {
  /** Stone, brick, grass, wood: diffuse. */
  matte: { roughness: 0.92, metallic: 0, alpha: 1, unlit: false },
  /** Copper roofs, painted metal, wet rock: a soft highlight under the app's directional light. */
  satin: { roughness: 0.55, metallic: 0, alpha: 1, unlit: false },
  /** Curtain walls and glazing: see-through. */
  glass: { roughness: 0.12, metallic: 0, alpha: 0.72, unlit: false },
  /** Lakes, rivers and sea: opaque but glossy. */
  water: { roughness: 0.18, metallic: 0, alpha: 1, unlit: false },
  /** The sky dome: unlit (KHR_materials_unlit), so its gradient shows as painted. */
  sky: { roughness: 1, metallic: 0, alpha: 1, unlit: true },
} as const
export type MaterialKind = keyof typeof MATERIALS

export interface ScenePart {
  name: string
  /** Buffers by material kind, in first-use order. */
  geos: Map<MaterialKind, Geo>
}

/** A site's geometry as named parts (they become glTF nodes), in a stable order. */
export class SiteScene {
  readonly parts: ScenePart[] = []
  constructor(private readonly seed: number) {}

  /** The buffer of part `name` in material `kind`, created on first use. */
  geo(name: string, kind: MaterialKind = 'matte'): Geo {
    let part = this.parts.find((p) => p.name === name)
    if (!part) {
      part = { name, geos: new Map() }
      this.parts.push(part)
    }
    let g = part.geos.get(kind)
    if (!g) {
      // Each buffer gets its own seed so adding a part does not reshuffle the others' jitter.
      g = new Geo(this.seed + this.parts.length * 7919 + part.geos.size * 104729)
      part.geos.set(kind, g)
    }
    return g
  }

  get triangleCount(): number {
    let n = 0
    for (const p of this.parts) for (const g of p.geos.values()) n += g.triangleCount
    return n
  }
}

// ---------------------------------------------------------------------------------------------
// Vegetation
// ---------------------------------------------------------------------------------------------

/** A broadleaf tree: a short trunk under a lumpy crown, `height` to the top of the crown. */
export function broadleafTree(
  g: Geo,
  rng: Rng,
  x: number,
  y: number,
  z: number,
  height: number,
  leaf: Rgb,
  bark: Rgb,
): void {
  const trunkH = height * 0.35
  g.frustum(
    { sides: 5, r0: height * 0.05, r1: height * 0.035, y0: y, y1: y + trunkH + 1, x, z, top: false },
    bark,
  )
  const crown = height * 0.34
  const base = y + trunkH - crown * 0.2
  g.rock(rng, x, base, z, crown, shade(leaf, rng.range(0.85, 1.1)), (y + height - base) / (2 * crown), 7)
}

/** A conifer (spruce, hemlock): stacked cones, narrow and dark. */
export function conifer(
  g: Geo,
  rng: Rng,
  x: number,
  y: number,
  z: number,
  height: number,
  needles: Rgb,
  bark: Rgb,
  tiers = 3,
): void {
  const r = height * rng.range(0.16, 0.22)
  g.frustum(
    { sides: 4, r0: height * 0.035, r1: height * 0.03, y0: y, y1: y + height * 0.25, x, z, top: false },
    bark,
  )
  const c = shade(needles, rng.range(0.85, 1.12))
  const rot = rng.next() * Math.PI
  for (let t = 0; t < tiers; t++) {
    const y0 = y + height * (0.15 + (t / tiers) * 0.6)
    const y1 = t === tiers - 1 ? y + height : y0 + height * 0.45
    const rr = r * (1 - t / (tiers + 0.5))
    g.frustum({ sides: 6, r0: rr, r1: 0, y0, y1, x, z, rotation: rot + t, bottom: true }, c)
  }
}
