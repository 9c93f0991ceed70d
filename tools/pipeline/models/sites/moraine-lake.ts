/**
 * Moraine Lake, Banff National Park: the turquoise lake seen from the top of the Rockpile, the
 * Valley of the Ten Peaks rising 1,200–1,500 m above it, spruce along the shores.
 *
 * Frame: origin on the top of the Rockpile (y = 0), the lake below to the south (-z), its surface
 * 18 m down; the ten peaks stand along the left (east, -x) side and across the far end, at true
 * height and 0.5–2.5 km away. The sky dome is 4.6 km in radius, so the app's camera far plane must
 * reach at least that far.
 */
import {
  Rng,
  SiteScene,
  conifer,
  fbm,
  hex,
  mix,
  shade,
  smoothstep,
  waterDisc,
  type Rgb,
  type V2,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §8: peaks 1,200–1,500 m above the lake; Deltaform tallest). */
const DIM = {
  lakeY: -18,
  lake: { z0: -70, z1: -1350, halfWidth: 230 },
  valleyFloor: -15,
  /** The ten peaks: [x, z, height above the lake]. Deltaform (8th) is the tallest. */
  peaks: [
    [-1000, -380, 1250],
    [-1060, -720, 1200],
    [-980, -1060, 1260],
    [-860, -1400, 1180],
    [-660, -1710, 1300],
    [-420, -1990, 1350],
    [-150, -2210, 1420],
    [160, -2310, 1540],
    [460, -2250, 1450],
    [740, -2050, 1300],
  ],
  /** Mount Babel and the Tower of Babel on the near right: [x, z, height above the lake]. */
  sidePeaks: [
    [470, -280, 480],
    [680, -650, 1050],
  ],
  peakRadius: 620,
  treeLine: 420,
  /** The Rockpile's footprint and its flat top, and how much steeper it falls on the lake side. */
  rockpile: { radius: 70, top: 10, lakeSide: 2.2 },
  skyRadius: 4600,
} as const

const PALETTE = {
  lake: hex('#3FB7C4'),
  lakeDeep: hex('#2E9CAF'),
  rock: hex('#6E665E'),
  rockLight: hex('#8B8278'),
  scree: hex('#9A9086'),
  spruce: hex('#2E4A3A'),
  snow: hex('#F2F5F7'),
  meadow: hex('#5E7048'),
  boulder: hex('#7A7268'),
  bark: hex('#4E3E32'),
  skyZenith: hex('#3C78C0'),
  skyHorizon: hex('#CFE0EE'),
} as const

const SEED = 1885
/** Where the Rockpile's slopes end, below the lake bed, hidden under the valley terrain. */
const ROCKPILE_FOOT = -40

const lakeCentreX = (z: number): number => -60 * Math.sin((z + 700) / 500)

/** Signed distance to the lake's shore in x (negative on the water). */
function lakeDistance(x: number, z: number): number {
  const { z0, z1, halfWidth } = DIM.lake
  const w = halfWidth * smoothstep(z0, z0 - 160, z) * (1 - smoothstep(z1 + 250, z1, z)) + 8
  const along = Math.max(z - z0, z1 - z) // negative between the two ends
  return Math.max(Math.abs(x - lakeCentreX(z)) - w, along)
}

/** 1 near the crest lines, 0 in the gullies: gives the peaks their jagged ridges. */
const ridged = (x: number, z: number, scale: number): number => 1 - Math.abs(fbm(SEED + 11, x, z, scale, 3))

function mountains(x: number, z: number): number {
  let h = 0
  for (const [px, pz, H] of [...DIM.peaks, ...DIM.sidePeaks]) {
    const d = Math.hypot(x - px, z - pz)
    const r = DIM.peakRadius * (H > 1000 ? 1 : 0.75)
    if (d < r) h = Math.max(h, H * (1 - d / r) ** 1.35)
  }
  const jag = 0.72 + 0.4 * ridged(x, z, 260) + 0.08 * fbm(SEED + 12, x, z, 60)
  return h * jag
}

/** The valley and the mountains; the Rockpile is a separate, finer patch on top. */
function groundHeight(x: number, z: number): number {
  const d = lakeDistance(x, z)
  const basin = DIM.lakeY - 14 * (1 - smoothstep(-60, 0, d)) // under the water
  const floor = DIM.valleyFloor + fbm(SEED, x, z, 90) * 2.5
  const land = d < 0 ? basin : floor + (basin - floor) * (1 - smoothstep(0, 12, d))
  // The mountains rise straight from the shores, but not under the Rockpile.
  const rise = smoothstep(10, 160, d) * smoothstep(120, 320, Math.hypot(x, z))
  return land + mountains(x, z) * rise
}

function groundColor(x: number, y: number, z: number, slope: number): Rgb {
  const above = y - DIM.lakeY
  if (above < 4) return PALETTE.scree
  // Horizontal snow bands on the high rock, thicker near the tops, none on the steepest faces.
  const strata = (above + fbm(SEED + 3, x, z, 80) * 45) / 110
  const band = strata - Math.floor(strata) < 0.3 + smoothstep(900, 1400, above) * 0.5
  const snowy = above > 650 && slope < 0.72 && band
  if (snowy) return mix(PALETTE.snow, PALETTE.rockLight, slope * 0.4)
  const rock = mix(PALETTE.rock, PALETTE.rockLight, 0.5 + fbm(SEED + 4, x, z, 40) * 0.8)
  if (above < DIM.treeLine && slope < 0.6) {
    const forest = smoothstep(DIM.treeLine, DIM.treeLine - 120, above)
    return mix(rock, mix(PALETTE.spruce, PALETTE.meadow, above < 20 ? 0.5 : 0.15), forest)
  }
  return mix(rock, PALETTE.scree, smoothstep(500, 150, above) * 0.4)
}

/** The Rockpile: a mound of boulders with a flat-ish top where the visitor stands. */
function rockpileHeight(x: number, z: number): number {
  const { radius, top, lakeSide } = DIM.rockpile
  const r = Math.hypot(x, (z + 6) * (z < -6 ? lakeSide : 0.8))
  // From the flat top (y = 0) down to well under the lake, so the patch tucks under the valley.
  const mound = smoothstep(radius, top, r)
  const lumps = fbm(SEED + 5, x, z, 9) * 1.4 * smoothstep(top - 2, top + 10, r)
  return ROCKPILE_FOOT * (1 - mound) + lumps
}

function buildLandscape(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(DIM.skyRadius, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.25, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.65)],
    [1, PALETTE.skyZenith],
  ])
  scene.geo('valley').terrain({
    radius: 4200,
    cz: -1200,
    cells: full ? 200 : 44,
    warp: 1.7,
    height: groundHeight,
    color: groundColor,
  })
  scene.geo('rockpile').terrain({
    radius: DIM.rockpile.radius,
    cz: -6,
    cells: full ? 44 : 12,
    height: (x, z) => Math.max(rockpileHeight(x, z), groundHeight(x, z) - 1.5),
    color: (x, y, z) =>
      mix(PALETTE.boulder, PALETTE.scree, 0.5 + fbm(SEED + 6, x, z, 4) * 0.8 + (y < -10 ? 0.2 : 0)),
  })
  waterDisc(
    scene.geo('moraine-lake', 'water'),
    0,
    -700,
    1100,
    DIM.lakeY,
    full ? 48 : 16,
    full ? 6 : 2,
    (x, z) => mix(PALETTE.lake, PALETTE.lakeDeep, smoothstep(-20, -200, lakeDistance(x, z))),
  )
}

function buildRocksAndTrees(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  // Angular boulders heaped around the top of the Rockpile, leaving its flat top open.
  const boulders = scene.geo('boulders')
  boulders.jitter = 0.1
  const rng = new Rng(SEED + 7)
  for (let i = 0; i < (full ? 110 : 24); i++) {
    const a = rng.next() * Math.PI * 2
    const r = rng.range(DIM.rockpile.top + 1, DIM.rockpile.radius - 20)
    const x = Math.cos(a) * r
    const s = Math.sin(a)
    const z = -6 - s * r * (s > 0 ? 1 / DIM.rockpile.lakeSide : 1.25)
    if (z < -6 && Math.abs(x) < -6 - z + 4) continue // keep the view down to the lake open
    const y = rockpileHeight(x, z) - 0.5
    boulders.rock(
      rng,
      x,
      y,
      z,
      rng.range(0.8, 3.2),
      shade(PALETTE.boulder, rng.range(0.8, 1.15)),
      rng.range(0.5, 0.8),
      5,
    )
  }
  // Spruce along the shores and up the lower slopes, thinning out towards the tree line.
  const trees = scene.geo('spruce')
  const count = full ? 900 : 120
  for (let i = 0, tries = 0; i < count && tries < 12000; tries++) {
    const x = rng.range(-900, 900)
    const z = rng.range(-1700, 250)
    const d = lakeDistance(x, z)
    if (d < 6 || Math.hypot(x, z + 10) < DIM.rockpile.radius - 10) continue
    const y = groundHeight(x, z)
    const above = y - DIM.lakeY
    if (above > DIM.treeLine || rng.next() > smoothstep(DIM.treeLine, 40, above)) continue
    const h = rng.range(12, 26)
    if (full && Math.hypot(x, z) < 500) conifer(trees, rng, x, y, z, h, PALETTE.spruce, PALETTE.bark, 3)
    else
      trees.frustum(
        { sides: 5, r0: h * 0.2, r1: 0, y0: y - 1, y1: y + h, x, z, bottom: false },
        shade(PALETTE.spruce, rng.range(0.85, 1.15)),
      )
    i++
  }
}

const summit = (p: readonly [number, number, number], above: number): [number, number, number] => {
  const [x, z] = p
  return [x, groundHeight(x, z) + above, z]
}
const onLake: V2 = [-40, -420]

export const layout: SiteLayout = {
  site: 'moraine-lake',
  anchors: {
    'ten-peaks': summit(DIM.peaks[4], 3),
    'deltaform-mountain': summit(DIM.peaks[7], 3),
    'lake-surface': [onLake[0], DIM.lakeY + 2, onLake[1]],
    rockpile: [2, rockpileHeight(2, -14) + 1.5, -14],
    'spruce-shore': [300, groundHeight(300, -900) + 24, -900],
    'snow-bands': summit([-300, -2000, 0], 3),
    'glacial-inflow': [lakeCentreX(DIM.lake.z1 + 40), DIM.lakeY + 3, DIM.lake.z1 + 40],
  },
  viewpoints: [
    {
      id: 'overview',
      title: {
        en: 'The Valley of the Ten Peaks from the Rockpile',
        fr: 'La vallée des Dix-Pics depuis le Rockpile',
      },
      position: [0, 1.6, -5],
      target: [-160, 300, -1700],
    },
    {
      id: 'lake-edge',
      title: { en: 'At the edge of the Rockpile', fr: 'Au bord du Rockpile' },
      position: [3, 1.6, -9],
      target: [-60, -18, -400],
    },
    {
      id: 'deltaform',
      title: { en: 'Towards Deltaform Mountain', fr: 'Vers le mont Deltaform' },
      position: [-4, 1.6, -10],
      target: [160, 900, -2310],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'rockpile-top',
      y: 0,
      polygon: [
        [-6, -1],
        [6, -1],
        [6, -9],
        [-6, -9],
      ],
    },
  ],
}

export const moraineLake: SiteDefinition = {
  id: 'moraine-lake',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildLandscape(scene, detail)
    buildRocksAndTrees(scene, detail)
    return scene
  },
}
