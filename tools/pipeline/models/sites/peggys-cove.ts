/**
 * Peggys Point Lighthouse, Peggys Cove: the small white octagonal tower with its red lantern on
 * smooth grey-pink granite, the open Atlantic beyond, and the fishing cove with its shacks.
 *
 * Frame: origin on the dry granite where visitors gather (y = 0), the lighthouse on its knoll to
 * the south (-z), the sea beyond it (further -z and -x), the cove and village to the east (+x).
 * The dry rock is kept well above the dark, wave-washed band at the water's edge.
 */
import {
  Rng,
  SiteScene,
  fbm,
  hex,
  mix,
  rectDistance,
  segmentDistance,
  shade,
  smoothstep,
  waterDisc,
  type Geo,
  type Rgb,
  type V2,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §5: octagonal concrete tower ≈ 15 m; the rest stylised). */
const DIM = {
  lighthouse: { x: 0, z: -40, knoll: 4 },
  towerHeight: 12.4,
  towerBaseRadius: 3.3,
  towerTopRadius: 2.2,
  gallery: 0.35,
  lantern: { radius: 1.45, height: 1.7 },
  cap: 1.1,
  seaY: -6,
  /** The wave-washed rock: everything within this height above the sea is dark and wet. */
  wetBand: 3.2,
  cove: { x: 110, z: -42, radius: 34 },
  visitorArea: { x0: -38, z0: 30, x1: -10, z1: 50 },
} as const

const PALETTE = {
  white: hex('#F2F1EC'),
  red: hex('#C8102E'),
  granite: hex('#B7A99A'),
  granitePink: hex('#C99B8A'),
  graniteGrey: hex('#928C86'),
  wetRock: hex('#5E5A56'),
  atlantic: hex('#2F6F73'),
  heath: hex('#7D7A4E'),
  glass: hex('#3C4A52'),
  roof: hex('#4E5358'),
  wood: hex('#8C7A5E'),
  houseColours: [
    hex('#B03A2E'),
    hex('#EDEAE0'),
    hex('#E3C35A'),
    hex('#4F6F8F'),
    hex('#6F8F5A'),
    hex('#EDEAE0'),
  ],
  trapColours: [hex('#8C7A5E'), hex('#A08C68'), hex('#C9B458'), hex('#6F8A6A')],
  skyZenith: hex('#5C8FC4'),
  skyHorizon: hex('#DCE6EC'),
} as const

const SEED = 1915

/** Distance inland from the nearest shore, metres (negative at sea). */
function inland(x: number, z: number): number {
  const south = z - (-92 + fbm(SEED, x, 0, 70) * 22 + Math.max(0, x - 60) * 0.15)
  const west = x - (-150 + fbm(SEED + 1, 0, z, 60) * 20)
  const cove = Math.hypot(x - DIM.cove.x, z - DIM.cove.z) - DIM.cove.radius
  // The cove opens to the sea through a channel to the south.
  const channel = z < DIM.cove.z ? Math.abs(x - DIM.cove.x) - 16 : Infinity
  return Math.min(south, west, cove, channel)
}

function groundHeight(x: number, z: number): number {
  const { x: lx, z: lz, knoll } = DIM.lighthouse
  const toLight = Math.hypot(x - lx, z - lz)
  const knollMask = smoothstep(24, 11, toLight) // a flat-topped knoll under the lighthouse
  const { x0, z0, x1, z1 } = DIM.visitorArea
  const toVisitor = rectDistance(x, z, x0, z0, x1, z1)
  const flatVisitor = smoothstep(10, 0, toVisitor)
  const flatKnoll = smoothstep(16, 10, toLight)
  const whalebacks =
    (fbm(SEED + 2, x, z, 38) * 4.5 + fbm(SEED + 3, x, z, 11) * 1.2) * (1 - flatVisitor) * (1 - flatKnoll)
  // The granite falls gently from the visitors' rock towards the sea, so the sea shows over it,
  // then slopes smoothly under the water.
  const d = inland(x, z)
  const fall =
    DIM.seaY * 0.85 * (1 - smoothstep(0, 120, d)) * (1 - flatVisitor) - 2.5 * smoothstep(5, 40, toVisitor)
  // No inland ponds: away from the shore the rock stays above the wave-washed band.
  const land = Math.max(fall + whalebacks, DIM.seaY + DIM.wetBand * smoothstep(0, 30, d) + 0.5)
  const withKnoll = land + (knoll - land) * knollMask
  const shore = smoothstep(-30, 20, d)
  const seabed = DIM.seaY - 8
  return seabed + (withKnoll - seabed) * shore
}

function groundColor(x: number, y: number, z: number, slope: number): Rgb {
  if (y < DIM.seaY + DIM.wetBand && inland(x, z) < 30)
    return mix(PALETTE.wetRock, PALETTE.graniteGrey, smoothstep(DIM.seaY, DIM.seaY + DIM.wetBand, y) * 0.4)
  const n = fbm(SEED + 7, x, z, 9)
  const joints = smoothstep(0.12, 0, Math.abs(fbm(SEED + 9, x, z, 30, 2))) // dark joints in the bedrock
  const base = mix(mix(PALETTE.granite, PALETTE.granitePink, 0.5 + n * 0.9), PALETTE.wetRock, joints * 0.45)
  const heath = smoothstep(0.15, 0.45, fbm(SEED + 8, x, z, 60)) * smoothstep(20, 80, x + z * 0.3) // scrub inland
  return mix(mix(base, PALETTE.graniteGrey, slope * 1.5), PALETTE.heath, heath * 0.7)
}

function buildLighthouse(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('lighthouse')
  const { x, z, knoll } = DIM.lighthouse
  const y0 = knoll - 0.6 // set into the rock
  const top = knoll + DIM.towerHeight
  // The tapering white octagon, on a low concrete footing.
  g.frustum(
    {
      sides: 8,
      r0: DIM.towerBaseRadius + 0.5,
      r1: DIM.towerBaseRadius + 0.4,
      y0: y0 - 0.5,
      y1: knoll + 0.3,
      x,
      z,
      rotation: Math.PI / 8,
    },
    PALETTE.graniteGrey,
  )
  g.frustum(
    {
      sides: 8,
      r0: DIM.towerBaseRadius,
      r1: DIM.towerTopRadius,
      y0: knoll + 0.3,
      y1: top,
      x,
      z,
      rotation: Math.PI / 8,
    },
    PALETTE.white,
  )
  // Gallery deck, lantern room and cap, all signal red.
  g.frustum(
    {
      sides: 8,
      r0: DIM.towerTopRadius + 0.7,
      r1: DIM.towerTopRadius + 0.7,
      y0: top,
      y1: top + DIM.gallery,
      x,
      z,
      rotation: Math.PI / 8,
      bottom: true,
    },
    PALETTE.red,
  )
  const l0 = top + DIM.gallery
  const { radius, height } = DIM.lantern
  g.frustum(
    { sides: 8, r0: radius, r1: radius, y0: l0, y1: l0 + height, x, z, rotation: Math.PI / 8 },
    PALETTE.red,
  )
  g.frustum(
    {
      sides: 8,
      r0: radius + 0.25,
      r1: 0.3,
      y0: l0 + height,
      y1: l0 + height + DIM.cap,
      x,
      z,
      rotation: Math.PI / 8,
    },
    PALETTE.red,
  )
  g.frustum(
    { sides: 6, r0: 0.22, r1: 0, y0: l0 + height + DIM.cap, y1: l0 + height + DIM.cap + 0.5, x, z },
    PALETTE.red,
  )
  if (detail === 'full') {
    // Lantern glazing, gallery railing posts, the door and two small windows, facing land.
    for (let i = 0; i < 8; i++) {
      const a = (i / 8) * Math.PI * 2
      const cx = x + Math.cos(a) * (radius + 0.02)
      const cz = z - Math.sin(a) * (radius + 0.02)
      g.frustum(
        {
          sides: 4,
          r0: 0.38,
          r1: 0.38,
          y0: l0 + 0.35,
          y1: l0 + height - 0.25,
          x: cx,
          z: cz,
          rotation: a + Math.PI / 4,
        },
        PALETTE.glass,
      )
      const px = x + Math.cos(a + Math.PI / 8) * (DIM.towerTopRadius + 0.6)
      const pz = z - Math.sin(a + Math.PI / 8) * (DIM.towerTopRadius + 0.6)
      g.frustum({ sides: 4, r0: 0.05, r1: 0.05, y0: l0, y1: l0 + 0.95, x: px, z: pz }, PALETTE.red)
    }
    g.box(
      [x - 0.55, knoll + 0.3, z + DIM.towerBaseRadius * 0.9],
      [x + 0.55, knoll + 2.4, z + DIM.towerBaseRadius * 0.93 + 0.12],
      PALETTE.red,
    )
    for (const wy of [6.5, 10]) {
      const r = DIM.towerBaseRadius + ((DIM.towerTopRadius - DIM.towerBaseRadius) * wy) / DIM.towerHeight
      g.box(
        [x - 0.3, knoll + wy, z + r * 0.92 - 0.05],
        [x + 0.3, knoll + wy + 0.8, z + r * 0.92 + 0.1],
        PALETTE.glass,
      )
    }
  }
}

function house(g: Geo, rng: Rng, x: number, z: number, w: number, d: number, h: number, turn: boolean): void {
  const y = groundHeight(x, z)
  const wall = rng.pick(PALETTE.houseColours)
  const [hw, hd] = turn ? [d, w] : [w, d]
  g.box([x - hw / 2, y - 1.5, z - hd / 2], [x + hw / 2, y + h, z + hd / 2], wall)
  g.gableRoof(
    x - hw / 2 - 0.2,
    z - hd / 2 - 0.2,
    x + hw / 2 + 0.2,
    z + hd / 2 + 0.2,
    y + h,
    Math.min(hw, hd) * 0.45,
    PALETTE.roof,
    wall,
    !turn,
  )
}

function buildVillage(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  const g = scene.geo('fishing-shacks')
  g.jitter = 0.05
  const rng = new Rng(SEED + 4)
  const { x: cx, z: cz, radius } = DIM.cove
  // Shacks around the cove's rim, gable ends to the water.
  const shacks = full ? 16 : 8
  for (let i = 0; i < shacks; i++) {
    const a = Math.PI * (0.15 + (i / shacks) * 1.1) // the northern rim
    const r = radius + rng.range(4, 9)
    const x = cx + Math.cos(a) * r
    const z = cz - Math.sin(a) * r
    house(g, rng, x, z, rng.range(5, 8), rng.range(7, 10), rng.range(3.2, 5), rng.next() < 0.5)
  }
  // Houses up the slope behind, and the little white church.
  for (let i = 0; i < (full ? 14 : 6); i++) {
    const x = rng.range(80, 220)
    const z = rng.range(5, 90)
    house(g, rng, x, z, rng.range(7, 10), rng.range(8, 12), rng.range(5, 7), rng.next() < 0.5)
  }
  const churchY = groundHeight(190, 40)
  g.box([184, churchY - 1, 32], [196, churchY + 7, 48], PALETTE.white)
  g.gableRoof(183.8, 31.8, 196.2, 48.2, churchY + 7, 5, PALETTE.roof, PALETTE.white, false)
  g.block(190, 49.5, 3.4, 3.4, churchY - 1, 12, PALETTE.white)
  g.frustum(
    { sides: 8, r0: 2, r1: 0, y0: churchY + 11, y1: churchY + 18, x: 190, z: 49.5, rotation: Math.PI / 8 },
    PALETTE.roof,
  )
  // A wharf on the cove and stacks of lobster traps on it.
  const wharf = scene.geo('lobster-traps')
  const wy = DIM.seaY + DIM.wetBand + 0.6
  wharf.box([cx - 30, DIM.seaY - 2, cz + 6], [cx - 12, wy, cz + 14], PALETTE.wood)
  for (let i = 0; i < (full ? 14 : 4); i++) {
    const tx = cx - 28 + (i % 7) * 2.3
    const tz = cz + 8 + Math.floor(i / 7) * 2.6
    for (let k = 0; k < 1 + (i % 3); k++) {
      wharf.box(
        [tx, wy + k * 0.55, tz],
        [tx + 1.2, wy + k * 0.55 + 0.5, tz + 0.7],
        rng.pick(PALETTE.trapColours),
      )
    }
  }
  // Erratic boulders left by the ice, scattered on the granite.
  const rocks = scene.geo('granite-boulders')
  rocks.jitter = 0.08
  for (let i = 0; i < (full ? 90 : 20); i++) {
    const x = rng.range(-150, 80)
    const z = rng.range(-90, 120)
    if (
      inland(x, z) < 8 ||
      rectDistance(x, z, DIM.visitorArea.x0, DIM.visitorArea.z0, DIM.visitorArea.x1, DIM.visitorArea.z1) < 4
    )
      continue
    if (Math.hypot(x - DIM.lighthouse.x, z - DIM.lighthouse.z) < 14) continue
    // Keep the start view's lines of sight to the village and the wharf clear.
    if (SIGHTLINES.some((to) => segmentDistance(x, z, START, to) < 6)) continue
    const c = mix(PALETTE.granite, PALETTE.granitePink, rng.next())
    rocks.rock(rng, x, groundHeight(x, z) - 0.4, z, rng.range(0.8, 1) * rng.range(0.8, 4), c, 0.55)
  }
  // The granite outcrop William deGarthe carved, shown as the plain rock face it was cut into.
  rocks.rock(
    rng,
    DEGARTHE[0],
    groundHeight(DEGARTHE[0], DEGARTHE[1]) - 1,
    DEGARTHE[1],
    9,
    PALETTE.granite,
    0.38,
    9,
  )
}

/** The start viewpoint's ground position, and places it must see over the boulders: [x, z]. */
const START = [-24, 40] as const
const SIGHTLINES: readonly V2[] = [
  [DIM.cove.x - 22, DIM.cove.z + 10],
  [80, -36],
]

/** Where the deGarthe monument's outcrop stands: [x, z]. */
const DEGARTHE = [40, -62] as const

function buildSurroundings(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(2200, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.3, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.6)],
    [1, PALETTE.skyZenith],
  ])
  scene.geo('granite').terrain({
    radius: 1800,
    cz: -20,
    cells: full ? 170 : 40,
    warp: 2.3,
    height: groundHeight,
    color: groundColor,
  })
  waterDisc(scene.geo('atlantic', 'water'), 0, -200, 2100, DIM.seaY, full ? 48 : 16, full ? 6 : 2, (x, z) =>
    mix(
      shade(PALETTE.atlantic, 1.1),
      shade(PALETTE.atlantic, 0.75),
      smoothstep(50, 1400, Math.hypot(x, z + 100)),
    ),
  )
}

const L = DIM.lighthouse

/** The first dark, wave-washed rock seaward of the lighthouse (a little west of it), 2.5 m above. */
function wetRockAnchor(): [number, number, number] {
  const x = L.x - 40
  for (let z = L.z; z > L.z - 200; z -= 0.5) {
    const y = groundHeight(x, z)
    if (y < DIM.seaY + DIM.wetBand && inland(x, z) < 30) return [x, y + 2.5, z]
  }
  throw new Error('peggys-cove: no shore south of the lighthouse')
}

const LANTERN_TOP = L.knoll + DIM.towerHeight + DIM.gallery + DIM.lantern.height + DIM.cap

export const layout: SiteLayout = {
  site: 'peggys-cove',
  anchors: {
    'lighthouse-lantern': [L.x, LANTERN_TOP + 1.5, L.z],
    'lighthouse-door': [L.x, L.knoll + 2, L.z + DIM.towerBaseRadius + 2],
    'granite-shore': [-24, 2, -20],
    'black-rocks': wetRockAnchor(),
    'open-atlantic': [-40, DIM.seaY + 3, -320],
    'fishing-shacks': [80, 8, -36],
    'lobster-traps': [DIM.cove.x - 22, DIM.seaY + DIM.wetBand + 3.6, DIM.cove.z + 10],
    'degarthe-monument': [DEGARTHE[0], groundHeight(DEGARTHE[0], DEGARTHE[1]) + 7.5, DEGARTHE[1]],
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'Peggys Point from the granite', fr: 'La pointe Peggys depuis le granit' },
      position: [START[0], 1.6, START[1]],
      target: [10, 3, -40],
    },
    {
      id: 'lighthouse',
      title: { en: 'Beside the lighthouse', fr: 'À côté du phare' },
      position: [8, L.knoll + 1.6, L.z + 10],
      target: [L.x, L.knoll + 9, L.z],
    },
    {
      id: 'cove',
      title: { en: 'Looking over the cove', fr: 'Vue sur l’anse' },
      position: [36, 1.6, 20],
      target: [DIM.cove.x, 0, DIM.cove.z],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'visitor-granite',
      y: 0,
      polygon: [
        [DIM.visitorArea.x0, DIM.visitorArea.z0],
        [DIM.visitorArea.x1, DIM.visitorArea.z0],
        [DIM.visitorArea.x1, DIM.visitorArea.z1],
        [DIM.visitorArea.x0, DIM.visitorArea.z1],
      ],
    },
    {
      id: 'lighthouse-knoll',
      y: L.knoll,
      polygon: [
        [L.x - 7, L.z + DIM.towerBaseRadius + 1.2],
        [L.x + 7, L.z + DIM.towerBaseRadius + 1.2],
        [L.x + 6, L.z + 11],
        [L.x - 6, L.z + 11],
      ],
    },
  ],
}

export const peggysCove: SiteDefinition = {
  id: 'peggys-cove',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildSurroundings(scene, detail)
    buildLighthouse(scene, detail)
    buildVillage(scene, detail)
    return scene
  },
}
