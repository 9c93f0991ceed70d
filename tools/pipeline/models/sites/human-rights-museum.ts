/**
 * Canadian Museum for Human Rights, Winnipeg, at The Forks: the stepped limestone "Mountain",
 * the glass "Cloud" wings wrapped around it, the Israel Asper Tower of Hope and the grassed roots.
 *
 * Frame: origin at the middle of the Mountain's footprint at ground level, x east (towards the Red
 * River), z south (towards the Assiniboine), y up. The visitor starts on the south-west plaza.
 */
import {
  Rng,
  SiteScene,
  broadleafTree,
  fbm,
  hex,
  mix,
  rectDistance,
  ring,
  shade,
  smoothstep,
  waterDisc,
  type Geo,
  type Rgb,
  type V2,
  type V3,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §2; massing proportions are stylised). */
const DIM = {
  /** Israel Asper Tower of Hope, to its tip. */
  towerHeight: 100,
  tower: { x: 16, z: -10, base: 30, r0: 6.5, r1: 1.4 },
  /** The Mountain: stepped limestone tiers, each [top height, scale of the base outline]. */
  mountainTiers: [
    [13, 1],
    [22, 0.82],
    [30, 0.64],
    [37, 0.46],
  ],
  mountainRadiusX: 42,
  mountainRadiusZ: 30,
  /** The Cloud's wings: [from°, to°, radius, bottom start, bottom end, top start, top end]. */
  wings: [
    [120, 238, 45, 2, 12, 18, 44],
    [34, 152, 48, 8, 2, 52, 30],
    [-64, 50, 45, 14, 3, 26, 48],
    [-120, -50, 40, 1, 10, 10, 30],
  ],
  wingLean: 5,
  roots: { length: 42, width: 15, height: 9 },
  riverY: -4,
  /** The Red River (east) and the Assiniboine (south), as channel centre lines. */
  redRiverX: 250,
  assiniboineZ: 280,
  plaza: { x0: -140, z0: 60, x1: -32, z1: 130 },
} as const

const PALETTE = {
  limestone: hex('#CBB996'),
  limestoneDark: hex('#B3A07C'),
  glass: hex('#BFD8E6'),
  alabaster: hex('#F4EEDC'),
  prairieGold: hex('#C9A54A'),
  grass: hex('#6E9248'),
  grassDry: hex('#8E9A52'),
  paving: hex('#C4BDB0'),
  pavingDark: hex('#ADA595'),
  bank: hex('#8A7B62'),
  river: hex('#5C6E5E'),
  leaf: hex('#5B8A3C'),
  bark: hex('#5C4B3C'),
  entrance: hex('#44505A'),
  city: hex('#8C96A0'),
  cityWarm: hex('#A89A86'),
  bridge: hex('#E8E8E4'),
  skyZenith: hex('#3F7FC8'),
  skyHorizon: hex('#D6E6F0'),
} as const

const SEED = 2014
const PLAZA_BAND = 5
const PAVING_SINK = 0.35

/** The Cloud's glass reads whiter than its palette swatch, which is the glass seen edge-on. */
const GLASS_TINT = shade(mix(PALETTE.glass, PALETTE.alabaster, 0.45), 1.08)

function riverDepth(x: number, z: number): number {
  const red = Math.abs(x - (DIM.redRiverX + 30 * Math.sin(z / 300))) // the Red, ~120 m wide
  const assiniboine = x < DIM.redRiverX ? Math.abs(z - (DIM.assiniboineZ + 25 * Math.sin(x / 180))) : 1e9
  const d = Math.min(red - 60, assiniboine - 38) // negative inside a channel
  return 1 - smoothstep(-8, 14, d)
}

function groundHeight(x: number, z: number): number {
  const far = smoothstep(220, 900, Math.hypot(x, z))
  const rolling = fbm(SEED, x, z, 260) * 3 * far
  // The terrain sinks out of sight under the plaza's paving (flat quads at y ≈ 0): no z-fighting.
  const { x0, z0, x1, z1 } = DIM.plaza
  const sink = PAVING_SINK * (1 - smoothstep(0, 6, rectDistance(x, z, x0 - 12, z0 - 26, x1 + 16, z1)))
  return rolling - riverDepth(x, z) * 7 - sink
}

function groundColor(x: number, y: number, z: number, slope: number): Rgb {
  if (y < -0.6 || slope > 0.3) return mix(PALETTE.bank, PALETTE.grass, smoothstep(-3, -0.5, y) * 0.6)
  const n = fbm(SEED + 3, x, z, 40)
  return mix(PALETTE.grass, PALETTE.grassDry, 0.35 + n * 0.4)
}

/** A convex outline for one tier of the Mountain, slightly irregular and leaning north-east. */
function tierOutline(scale: number, shift: number, rng: Rng, turn: number): V2[] {
  return ring(8, 1, 0.2 + turn).map(([x, z]) => {
    const k = rng.range(0.94, 1.04)
    return [
      x * DIM.mountainRadiusX * scale * k + shift * 0.5,
      z * DIM.mountainRadiusZ * scale * k - shift + 6,
    ]
  })
}

function buildMountain(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('limestone-mountain')
  g.jitter = 0.05
  const rng = new Rng(SEED + 1)
  let y0 = 0
  DIM.mountainTiers.forEach(([top, s], i) => {
    const outline = tierOutline(s, i * 4, rng, i * 0.18)
    g.extrude(outline, y0, top, i % 2 === 0 ? PALETTE.limestone : PALETTE.limestoneDark)
    // A thin darker band at each step reads as the courses of Tyndall stone.
    if (detail === 'full') {
      const band = outline.map(([x, z]) => [x * 1.01, z * 1.01] as V2)
      g.extrude(band, top - 0.8, top, PALETTE.limestoneDark, { top: null })
    }
    y0 = top
  })
}

/** One glass wing of the Cloud: a leaning sheet on an arc, bottom and top edges sloping. */
function wing(g: Geo, w: (typeof DIM.wings)[number], segments: number): void {
  const [from, to, radius, b0, b1, t0, t1] = w
  for (let k = 0; k < segments; k++) {
    const at = (j: number, top: boolean): V3 => {
      const t = j / segments
      const a = ((from + (to - from) * t) * Math.PI) / 180
      // Bulge in the middle of the wing, like a sail.
      const r = radius + Math.sin(t * Math.PI) * 4 + (top ? DIM.wingLean : 0)
      const y = top ? t0 + (t1 - t0) * t : b0 + (b1 - b0) * t
      return [Math.cos(a) * r, y, -Math.sin(a) * r + 4]
    }
    const shadeK = 0.94 + (k % 3) * 0.04 // panel-to-panel glints
    g.face([at(k, false), at(k + 1, false), at(k + 1, true), at(k, true)], shade(GLASS_TINT, shadeK))
  }
}

function buildCloud(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('glass-cloud', 'glass')
  for (const w of DIM.wings) wing(g, w, detail === 'full' ? 14 : 5)
}

function buildTower(scene: SiteScene, detail: Detail): void {
  const { x, z, base, r0, r1 } = DIM.tower
  const glass = scene.geo('tower-of-hope', 'glass')
  const core = scene.geo('tower-of-hope')
  const rot = 0.35
  glass.frustum({ sides: 4, r0, r1, y0: base, y1: DIM.towerHeight - 2, x, z, rotation: rot }, PALETTE.glass)
  glass.frustum(
    { sides: 4, r0: r1, r1: 0, y0: DIM.towerHeight - 2, y1: DIM.towerHeight, x, z, rotation: rot },
    PALETTE.glass,
  )
  // The lit core inside the glass, so the slim spire reads against the sky.
  core.frustum(
    { sides: 4, r0: r0 * 0.42, r1: r1 * 0.5, y0: base, y1: DIM.towerHeight - 3, x, z, rotation: rot },
    PALETTE.alabaster,
  )
  if (detail === 'full') {
    // Floor bands of the observation levels, in alabaster, every 10 m.
    for (let y = base + 10; y < DIM.towerHeight - 10; y += 10) {
      const t = (y - base) / (DIM.towerHeight - 2 - base)
      const r = r0 + (r1 - r0) * t
      core.frustum(
        { sides: 4, r0: r * 0.98, r1: r * 0.98, y0: y, y1: y + 0.5, x, z, rotation: rot },
        PALETTE.alabaster,
      )
    }
  }
}

/** Where the entrance portal stands, between the stone root and the south root: [x, z]. */
const ENTRANCE = [-21, 33] as const

/** The four roots: long ramps reaching out from the Mountain, three grass-topped, one stone. */
function buildRoots(scene: SiteScene): void {
  const g = scene.geo('garden-roots')
  g.jitter = 0.04
  const { length, width, height } = DIM.roots
  const roots: [number, boolean][] = [
    [215, false], // south-west: the entrance root, stone
    [265, true],
    [160, true],
    [320, true],
  ]
  for (const [deg, grassed] of roots) {
    const a = (deg * Math.PI) / 180
    const dir: V2 = [Math.cos(a), -Math.sin(a)]
    const side: V2 = [-dir[1], dir[0]]
    const start = 26 // inside the Mountain's foot
    const end = start + length
    const p = (along: number, across: number, y: number): V3 => [
      dir[0] * along + side[0] * across,
      y,
      dir[1] * along + side[1] * across + 6,
    ]
    const bottom = [
      p(start, -width / 2, 0),
      p(end, -width / 2, 0),
      p(end, width / 2, 0),
      p(start, width / 2, 0),
    ]
    const top = [
      p(start, -width / 2, height),
      p(end, -width / 2, 0),
      p(end, width / 2, 0),
      p(start, width / 2, height),
    ]
    g.solid(
      bottom,
      top,
      PALETTE.limestone,
      grassed ? mix(PALETTE.grass, PALETTE.prairieGold, 0.35) : PALETTE.limestone,
    )
  }
  // The entrance: a dark glazed portal under the stone root.
  const e = scene.geo('main-entrance')
  e.block(ENTRANCE[0], ENTRANCE[1], 10, 3, 0, 5, PALETTE.entrance)
}

function buildSurroundings(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(2600, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.3, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.6)],
    [1, PALETTE.skyZenith],
  ])
  scene
    .geo('ground')
    .terrain({ radius: 2200, cells: full ? 150 : 36, warp: 2.1, height: groundHeight, color: groundColor })
  waterDisc(
    scene.geo('rivers', 'water'),
    0,
    0,
    2400,
    DIM.riverY,
    full ? 48 : 16,
    full ? 6 : 2,
    () => PALETTE.river,
  )
  // Plaza paving where the visitor starts, and a path to the entrance root.
  const paving = scene.geo('plaza')
  const { x0, z0, x1, z1 } = DIM.plaza
  // Bands of two stone tones, which give the open plaza scale and depth.
  for (let z = z0, i = 0; z < z1; z += PLAZA_BAND, i++) {
    paving.flat(x0, z, x1, Math.min(z1, z + PLAZA_BAND), 0.02, i % 2 ? PALETTE.paving : PALETTE.pavingDark)
  }
  paving.face(
    [
      [-40, 0.02, 60],
      [-26, 0.02, 60],
      [-16, 0.02, 36],
      [-28, 0.02, 36],
    ],
    PALETTE.paving,
  )
  // Trees along the riverbanks and around the park, never on the plaza.
  const trees = scene.geo('trees')
  const rng = new Rng(SEED + 7)
  const count = full ? 140 : 40
  for (let i = 0; i < count; i++) {
    const x = rng.range(-400, 400)
    const z = rng.range(-400, 400)
    const bank = riverDepth(x, z)
    if (bank > 0.2) continue // in the water
    const nearBank = riverDepth(x + 25, z) > 0.3 || riverDepth(x, z + 25) > 0.3 || riverDepth(x - 25, z) > 0.3
    if (!nearBank && rng.next() < 0.6) continue
    if (Math.hypot(x, z) < 95 || rectDistance(x, z, x0, z0, x1, z1) < 8) continue
    const y = groundHeight(x, z)
    if (full) broadleafTree(trees, rng, x, y, z, rng.range(12, 20), PALETTE.leaf, PALETTE.bark)
    else trees.frustum({ sides: 5, r0: 5, r1: 0, y0: y, y1: y + 16, x, z }, PALETTE.leaf)
  }
  // Downtown Winnipeg to the north-west, as a backdrop.
  const city = scene.geo('downtown')
  const crng = new Rng(SEED + 11)
  for (let i = 0; i < (full ? 26 : 10); i++) {
    const x = crng.range(-900, -350)
    const z = crng.range(-900, -380)
    const h = crng.range(20, 120)
    const w = crng.range(20, 40)
    city.block(
      x,
      z,
      w,
      crng.range(20, 40),
      groundHeight(x, z) - 1,
      h,
      crng.pick([PALETTE.city, PALETTE.cityWarm]),
    )
  }
  // Esplanade Riel, the pedestrian bridge over the Red River, with its leaning white pylon.
  if (full) {
    const bridge = scene.geo('esplanade-riel')
    const bz = -70
    bridge.box([DIM.redRiverX - 110, 1.5, bz - 3], [DIM.redRiverX + 110, 2.5, bz + 3], PALETTE.bridge)
    const px = DIM.redRiverX
    bridge.solid(
      [
        [px - 1.5, 2.5, bz - 1.5],
        [px + 1.5, 2.5, bz - 1.5],
        [px + 1.5, 2.5, bz + 1.5],
        [px - 1.5, 2.5, bz + 1.5],
      ],
      [
        [px + 14, 58, bz - 0.5],
        [px + 15, 58, bz - 0.5],
        [px + 15, 58, bz + 0.5],
        [px + 14, 58, bz + 0.5],
      ],
      PALETTE.bridge,
    )
  }
}

const TOWER_TIP: V3 = [DIM.tower.x, DIM.towerHeight + 2, DIM.tower.z]

export const layout: SiteLayout = {
  site: 'human-rights-museum',
  anchors: {
    'tower-of-hope': TOWER_TIP,
    'glass-cloud': [-46, 26, -2],
    'limestone-mountain': [-22, 16, 32],
    'garden-root': [10, 6, 60],
    'main-entrance': [ENTRANCE[0], 2.5, ENTRANCE[1] + 3],
    'alabaster-ramps': [-14, 33, 6],
    'archaeology-grounds': [-70, 1.5, 60],
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'The museum from the plaza', fr: 'Le musée depuis la place' },
      position: [-92, 1.6, 104],
      target: [0, 38, 0],
    },
    {
      id: 'entrance',
      title: { en: 'At the entrance root', fr: 'Près de la racine d’entrée' },
      position: [-52, 1.6, 56],
      target: [0, 30, 0],
    },
    {
      id: 'tower-of-hope',
      title: { en: 'Looking up at the Tower of Hope', fr: 'La tour de l’Espoir, vue d’en bas' },
      position: [60, 1.6, 90],
      target: [16, 60, -10],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'plaza',
      y: 0.02,
      polygon: [
        [DIM.plaza.x0, DIM.plaza.z0],
        [DIM.plaza.x1, DIM.plaza.z0],
        [DIM.plaza.x1, DIM.plaza.z1],
        [DIM.plaza.x0, DIM.plaza.z1],
      ],
    },
    {
      id: 'south-lawn',
      y: 0,
      polygon: [
        [-14, 80],
        [110, 80],
        [110, 190],
        [-14, 190],
      ],
    },
  ],
}

export const humanRightsMuseum: SiteDefinition = {
  id: 'human-rights-museum',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildSurroundings(scene, detail)
    buildRoots(scene)
    buildMountain(scene, detail)
    buildTower(scene, detail)
    buildCloud(scene, detail)
    return scene
  },
}
