/**
 * Old Québec: the Château Frontenac on Cap Diamant, the Dufferin Terrace along the cliff edge, the
 * Lower Town at the foot of the cliff and the St. Lawrence beyond.
 *
 * Frame: origin in the Château's courtyard at Upper Town level (y = 0), x along the terrace (north-
 * east is +x), z towards the river (+z). The cliff edge runs along z ≈ 46; the Lower Town and the
 * river lie ~55–60 m below. The visitor starts at the south-west end of the terrace.
 */
import {
  IDENTITY,
  Rng,
  SiteScene,
  compose,
  fbm,
  hex,
  mix,
  rectDistance,
  rotateY,
  shade,
  smoothstep,
  translate,
  waterDisc,
  type Geo,
  type Mat,
  type Rgb,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §4: tower block of 20 floors, ≈ 80 m, unverified; rest stylised). */
const DIM = {
  tower: { x: -4, z: -22, w: 26, d: 30, walls: 62, roof: 22 },
  /** Wings as [x0, z0, x1, z1, wall height]. */
  wings: [
    [-64, -4, 34, 14, 24],
    [-74, -72, -54, -4, 30],
    [-54, -78, 22, -60, 28],
    [22, -62, 42, 8, 34],
  ],
  wingRoofRise: 12,
  stoneBase: 7,
  floor: 3.4,
  turretRadius: 4.6,
  terrace: { x0: -260, x1: 80, z0: 27, z1: 45 },
  cliffEdgeZ: 46,
  lowerTownY: -55,
  riverY: -58,
  champlain: { x: 70, z: 32 },
} as const

const PALETTE = {
  brick: hex('#B5553A'),
  stone: hex('#8E8A82'),
  stoneLight: hex('#A9A49A'),
  copper: hex('#5E9C8A'),
  river: hex('#35607A'),
  snow: hex('#F5F7F8'),
  window: hex('#3C4248'),
  boardwalk: hex('#9C7F5E'),
  boardwalkDark: hex('#927656'),
  railing: hex('#4F6A5C'),
  kiosk: hex('#EEEAE0'),
  cliff: hex('#6E6A60'),
  grass: hex('#6D8A4A'),
  bronze: hex('#6B5A3E'),
  roofGrey: hex('#5D6166'),
  roofRed: hex('#8E4A3C'),
  house: hex('#C9C0AE'),
  skyZenith: hex('#4E84C0'),
  skyHorizon: hex('#D8E4EC'),
} as const

const SEED = 1608
/** How far the kiosks stand in from the railing. */
const KIOSK_INSET = 3.2

function groundHeight(x: number, z: number): number {
  const cliff = smoothstep(DIM.cliffEdgeZ, DIM.cliffEdgeZ + 20, z) // 0 on top, 1 at the foot
  const diamant = smoothstep(-280, -560, x) * (1 - cliff) * 40 // Cap Diamant rises to the Citadelle
  const river = smoothstep(165, 200, z)
  const levis = smoothstep(1150, 1400, z) * (58 + fbm(SEED, x, z, 300) * 10)
  const { x0, z0, x1, z1 } = DIM.terrace
  const offTerrace = smoothstep(0, 30, rectDistance(x, z, x0, z0, x1, z1)) // flat under the boardwalk
  const upper =
    fbm(SEED + 1, x, z, 180) * 4 * smoothstep(120, 400, Math.hypot(x, z)) * (1 - cliff) * offTerrace
  const cliffRough = fbm(SEED + 2, x, z, 14) * 2.5 * cliff * (1 - cliff) * 4
  return (
    diamant + upper + cliffRough + cliff * DIM.lowerTownY + river * (DIM.riverY - DIM.lowerTownY - 4) + levis
  )
}

function groundColor(x: number, y: number, z: number, slope: number): Rgb {
  if (slope > 0.35) return mix(PALETTE.cliff, PALETTE.grass, fbm(SEED + 5, x, z, 18) * 0.3 + 0.1)
  if (y < DIM.riverY + 1) return PALETTE.cliff
  return mix(PALETTE.grass, PALETTE.stoneLight, y < -30 ? 0.5 : 0.35)
}

/** Rows of windows on a wall facing +z at z = 0 (local), from x0 to x1, above the stone base. */
function windowGrid(g: Geo, x0: number, x1: number, top: number, pitch: number): void {
  for (let y = 2; y + 2 < top; y += DIM.floor) {
    for (let x = x0 + pitch / 2; x < x1 - pitch / 2 + 0.01; x += pitch) {
      g.box([x - 0.6, y, -0.05], [x + 0.6, y + 1.9, 0.15], PALETTE.window)
    }
  }
}

/** A wall's frame: translate to (x, z) and turn so the wall's outside faces the given way. */
const wallFrame = (x: number, z: number, facing: 'south' | 'north' | 'east' | 'west'): Mat => {
  const turn = { south: 0, east: Math.PI / 2, north: Math.PI, west: -Math.PI / 2 }[facing]
  return compose(translate(x, 0, z), turn === 0 ? IDENTITY : rotateY(turn))
}

function turret(g: Geo, roof: Geo, x: number, z: number, top: number, sides: number): void {
  const r = DIM.turretRadius
  g.frustum({ sides, r0: r, r1: r, y0: 0, y1: DIM.stoneBase, x, z }, PALETTE.stone)
  g.frustum({ sides, r0: r, r1: r, y0: DIM.stoneBase, y1: top, x, z, top: false }, PALETTE.brick)
  roof.frustum({ sides, r0: r + 0.5, r1: 0, y0: top, y1: top + r * 2.6, x, z }, PALETTE.copper)
}

function buildChateau(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  const g = scene.geo('chateau-frontenac')
  const roof = scene.geo('chateau-frontenac', 'satin')
  g.jitter = 0.04
  // Wings: grey stone base, orange brick above, steep copper hip roofs with dormers.
  for (const [x0, z0, x1, z1, h] of DIM.wings) {
    g.box([x0, 0, z0], [x1, DIM.stoneBase, z1], PALETTE.stone)
    g.box([x0, DIM.stoneBase, z0], [x1, h, z1], PALETTE.brick)
    roof.hipRoof(x0, z0, x1, z1, h, DIM.wingRoofRise, PALETTE.copper, 0.6)
    if (full) {
      const long = x1 - x0 > z1 - z0
      const count = Math.floor((long ? x1 - x0 : z1 - z0) / 8)
      for (let i = 1; i < count; i++) {
        const t = i / count
        const dx = long ? x0 + (x1 - x0) * t : x1 + 0.2
        const dz = long ? z1 + 0.2 : z0 + (z1 - z0) * t
        const inset = 2.4
        const [bx, bz] = long ? [dx, dz - inset] : [dx - inset, dz]
        roof.block(bx, bz, 2, 2, h + 1, 2.6, PALETTE.copper)
        roof.frustum(
          { sides: 4, r0: 1.6, r1: 0, y0: h + 3.6, y1: h + 5.4, x: bx, z: bz, rotation: Math.PI / 4 },
          PALETTE.copper,
        )
      }
    }
  }
  // The central tower block (Maxwell, 1920–24): tall brick shaft, very steep copper roof.
  const t = DIM.tower
  g.box([t.x - t.w / 2, 0, t.z - t.d / 2], [t.x + t.w / 2, DIM.stoneBase, t.z + t.d / 2], PALETTE.stone)
  g.box([t.x - t.w / 2, DIM.stoneBase, t.z - t.d / 2], [t.x + t.w / 2, t.walls, t.z + t.d / 2], PALETTE.brick)
  roof.hipRoof(
    t.x - t.w / 2,
    t.z - t.d / 2,
    t.x + t.w / 2,
    t.z + t.d / 2,
    t.walls,
    t.roof,
    PALETTE.copper,
    0.8,
  )
  // Corner tourelles on the tower, and a slender spire at the ridge.
  for (const [sx, sz] of [
    [-1, -1],
    [1, -1],
    [-1, 1],
    [1, 1],
  ] as const) {
    const cx = t.x + sx * (t.w / 2)
    const cz = t.z + sz * (t.d / 2)
    g.frustum({ sides: 8, r0: 2, r1: 2, y0: t.walls - 12, y1: t.walls + 2, x: cx, z: cz }, PALETTE.brick)
    roof.frustum(
      { sides: 8, r0: 2.4, r1: 0, y0: t.walls + 2, y1: t.walls + 10, x: cx, z: cz },
      PALETTE.copper,
    )
  }
  roof.frustum(
    { sides: 6, r0: 0.8, r1: 0, y0: t.walls + t.roof - 2, y1: t.walls + t.roof + 6, x: t.x, z: t.z },
    PALETTE.copper,
  )
  // Round turrets with conical roofs at the wings' corners.
  const sides = full ? 12 : 6
  turret(g, roof, -64, 14, 29, sides)
  turret(g, roof, 34, 14, 30, sides)
  turret(g, roof, 42, 8, 40, sides)
  turret(g, roof, -74, -72, 34, sides)
  turret(g, roof, -20, 14, 29, sides)
  if (!full) return
  // Windows on the faces seen from the terrace: the riverside wing and the tower.
  const w = DIM.wings[0]
  g.with(wallFrame(0, w[3], 'south'), () => windowGrid(g, w[0] + 6, w[2] - 4, w[4], 3.2))
  g.with(wallFrame(w[0], (w[1] + w[3]) / 2, 'west'), () => windowGrid(g, -6, 6, w[4], 3.2))
  g.with(wallFrame(t.x, t.z + t.d / 2, 'south'), () => windowGrid(g, -t.w / 2 + 2, t.w / 2 - 2, t.walls, 3.2))
  g.with(wallFrame(t.x - t.w / 2, t.z, 'west'), () => windowGrid(g, -t.d / 2 + 2, t.d / 2 - 2, t.walls, 3.2))
  const wv = DIM.wings[1]
  g.with(wallFrame(wv[0], (wv[1] + wv[3]) / 2, 'west'), () => windowGrid(g, -30, 30, wv[4], 3.4))
}

function kiosk(g: Geo, roof: Geo, x: number, z: number, sides: number): void {
  const r = 2.6
  g.frustum({ sides, r0: r, r1: r, y0: 0, y1: 0.3, x, z }, PALETTE.kiosk)
  for (let i = 0; i < sides; i++) {
    const a = (i / sides) * Math.PI * 2
    g.frustum(
      {
        sides: 4,
        r0: 0.14,
        r1: 0.14,
        y0: 0.3,
        y1: 3,
        x: x + Math.cos(a) * (r - 0.2),
        z: z - Math.sin(a) * (r - 0.2),
      },
      PALETTE.kiosk,
    )
  }
  roof.frustum({ sides, r0: r + 0.5, r1: r * 0.5, y0: 3, y1: 3.8, x, z }, PALETTE.copper)
  roof.frustum({ sides, r0: r * 0.5, r1: 0, y0: 3.8, y1: 5, x, z }, PALETTE.copper)
}

function buildTerrace(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  const deck = scene.geo('dufferin-terrace')
  const roof = scene.geo('dufferin-terrace', 'satin')
  const { x0, x1, z0, z1 } = DIM.terrace
  // Planks in long strips; the deck stands on the cliff edge, its outer face a stone wall.
  const strip = full ? 3 : 9
  for (let z = z0, i = 0; z < z1; z += strip, i++) {
    deck.flat(x0, z, x1, Math.min(z1, z + strip), 0.3, i % 2 ? PALETTE.boardwalk : PALETTE.boardwalkDark)
  }
  deck.box([x0, -12, z1], [x1, 0.3, z1 + 1.4], PALETTE.stone, { top: PALETTE.stoneLight })
  deck.box([x0, -1, z0 - 0.2], [x1, 0.3, z0], PALETTE.boardwalkDark)
  // The railing: a top rail on posts, so the river shows through.
  deck.box([x0, 1.05, z1 - 0.1], [x1, 1.2, z1 + 0.05], PALETTE.railing)
  if (full)
    for (let x = x0; x < x1; x += 2.5)
      deck.box([x - 0.05, 0.3, z1 - 0.08], [x + 0.05, 1.05, z1 + 0.02], PALETTE.railing)
  for (let x = x0 + 30, i = 0; x < x1 - 20; x += 62, i++) kiosk(deck, roof, x, z1 - KIOSK_INSET, full ? 8 : 6)
  if (full) {
    // Lamp posts and benches along the inner edge.
    for (let x = x0 + 14; x < x1; x += 24) {
      deck.frustum({ sides: 6, r0: 0.1, r1: 0.08, y0: 0.3, y1: 4.2, x, z: z0 + 2 }, PALETTE.railing)
      deck.frustum({ sides: 6, r0: 0.35, r1: 0.2, y0: 4.2, y1: 4.8, x, z: z0 + 2 }, PALETTE.kiosk)
      deck.box([x + 5, 0.3, z0 + 1.5], [x + 7, 0.8, z0 + 2.1], PALETTE.railing)
    }
  }
  // The Champlain Monument, at the terrace's north-east end.
  const m = scene.geo('champlain-monument')
  const { x, z } = DIM.champlain
  m.block(x, z, 6, 6, 0, 2, PALETTE.stoneLight)
  m.block(x, z, 4, 4, 2, 6, PALETTE.stoneLight)
  m.block(x, z, 2.6, 2.6, 8, 3, PALETTE.stone)
  m.frustum({ sides: 6, r0: 0.8, r1: 0.55, y0: 11, y1: 14, x, z }, PALETTE.bronze)
  m.frustum({ sides: 6, r0: 0.4, r1: 0.35, y0: 14, y1: 14.8, x, z }, PALETTE.bronze)
}

function buildTown(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  const town = scene.geo('town')
  town.jitter = 0.06
  const rng = new Rng(SEED + 3)
  const house = (x: number, y: number, z: number, w: number, d: number, h: number): void => {
    const wall = shade(
      rng.pick([PALETTE.house, PALETTE.stoneLight, PALETTE.house, PALETTE.snow]),
      rng.range(0.85, 1),
    )
    const roofC = rng.pick([PALETTE.roofGrey, PALETTE.roofRed, PALETTE.copper, PALETTE.roofGrey])
    town.box([x - w / 2, y - 2, z - d / 2], [x + w / 2, y + h, z + d / 2], wall)
    town.gableRoof(
      x - w / 2 - 0.3,
      z - d / 2 - 0.3,
      x + w / 2 + 0.3,
      z + d / 2 + 0.3,
      y + h,
      d * 0.6,
      roofC,
      wall,
    )
  }
  // Lower Town: a strip of old houses between the cliff foot and the river.
  for (let x = -420; x < 420; x += full ? 14 : 30) {
    for (const z of [100, 126, 148]) {
      if (rng.next() < 0.25) continue
      house(
        x + rng.range(-2, 2),
        DIM.lowerTownY,
        z + rng.range(-3, 3),
        rng.range(10, 13),
        rng.range(10, 14),
        rng.range(9, 15),
      )
    }
  }
  // Upper Town behind the Château.
  for (let i = 0; i < (full ? 90 : 25); i++) {
    const x = rng.range(-450, 350)
    const z = rng.range(-400, -110)
    house(x, groundHeight(x, z), z, rng.range(10, 18), rng.range(10, 14), rng.range(10, 18))
  }
  // Lévis on the far shore.
  for (let i = 0; i < (full ? 40 : 12); i++) {
    const x = rng.range(-900, 900)
    const z = rng.range(1450, 1700)
    house(x, groundHeight(x, z), z, rng.range(12, 20), rng.range(12, 18), rng.range(8, 16))
  }
}

function buildSurroundings(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(2700, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.3, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.6)],
    [1, PALETTE.skyZenith],
  ])
  scene.geo('ground').terrain({
    radius: 2400,
    cz: 60,
    cells: full ? 160 : 36,
    warp: 2,
    height: groundHeight,
    color: groundColor,
  })
  waterDisc(
    scene.geo('st-lawrence', 'water'),
    0,
    600,
    2600,
    DIM.riverY,
    full ? 48 : 16,
    full ? 6 : 2,
    (x, z) => mix(PALETTE.river, shade(PALETTE.river, 0.8), smoothstep(200, 1500, Math.hypot(x, z - 200))),
  )
}

export const layout: SiteLayout = {
  site: 'old-quebec',
  anchors: {
    'chateau-tower': [DIM.tower.x, 62, DIM.tower.z + DIM.tower.d / 2 + 2],
    'riverside-turret': [-64, 32, 14 + DIM.turretRadius + 2],
    'chateau-wing': [-40, 20, 16],
    'dufferin-terrace': [-120, 1.8, 30],
    'terrace-kiosk': [DIM.terrace.x0 + 92, 6.5, DIM.terrace.z1 - KIOSK_INSET],
    'champlain-monument': [DIM.champlain.x, 16.5, DIM.champlain.z],
    'st-lawrence-lookout': [-75, 2.2, DIM.terrace.z1 - 1.5],
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'The Château from the Dufferin Terrace', fr: 'Le Château depuis la terrasse Dufferin' },
      position: [-200, 1.9, 35],
      target: [0, 26, 8],
    },
    {
      id: 'terrace-railing',
      title: { en: 'At the terrace railing', fr: 'Au garde-corps de la terrasse' },
      position: [-70, 1.9, 42],
      target: [200, -40, 420],
    },
    {
      id: 'champlain',
      title: { en: 'By the Champlain Monument', fr: 'Près du monument à Champlain' },
      position: [36, 1.9, 34],
      target: [-10, 40, -20],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'dufferin-terrace',
      y: 0.3,
      polygon: [
        [DIM.terrace.x0 + 1, DIM.terrace.z0 + 1],
        [DIM.champlain.x - 8, DIM.terrace.z0 + 1],
        [DIM.champlain.x - 8, DIM.terrace.z1 - 9],
        [DIM.terrace.x0 + 1, DIM.terrace.z1 - 9],
      ],
    },
  ],
}

export const oldQuebec: SiteDefinition = {
  id: 'old-quebec',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildSurroundings(scene, detail)
    buildTerrace(scene, detail)
    buildChateau(scene, detail)
    buildTown(scene, detail)
    return scene
  },
}
