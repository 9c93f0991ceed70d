/**
 * Pier 21, Halifax: the long, low, two-storey red-brick immigration shed of the Ocean Terminals on
 * its pier, with a liner alongside, the harbour around it and the rail station behind.
 *
 * Frame: origin at the middle of the shed at deck level, x along the shed (towards the end of the
 * pier), the harbour berth on the +z side and the land on the -z side. The visitor starts on the
 * next pier across the slip, looking over the water at the long harbour wall. The decks are y = 0;
 * the water is below them.
 */
import {
  IDENTITY,
  Rng,
  SiteScene,
  broadleafTree,
  fbm,
  hex,
  mix,
  rotateY,
  shade,
  smoothstep,
  waterDisc,
  type Geo,
  type Mat,
  type Rgb,
  type V2,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §3: a ~600 ft (~180 m) two-storey shed; the rest stylised). */
const DIM = {
  shedLength: 180,
  shedDepth: 36,
  storey: 6,
  parapet: 1.2,
  roofRise: 3,
  bay: 4.5,
  centralBay: { width: 26, projection: 3, height: 18 },
  /** The pier deck; z1 is the berth edge on the harbour side. */
  pier: { x0: -140, x1: 150, z0: -60, z1: 52 },
  waterY: -2.6,
  seaFloor: -10,
  /** The neighbouring pier across the slip, where the visitor starts. */
  opposite: { x0: -200, x1: 170, z0: 140, z1: 200 },
  liner: { x0: -245, x1: -60, zMid: 67, beam: 24, freeboard: 12 },
  gantry: { x: 40, y0: 8, y1: 11, width: 4, zEnd: -104 },
  station: { x0: -20, x1: 90, z0: -140, z1: -104, height: 16 },
} as const

const PALETTE = {
  brick: hex('#9E3B2E'),
  brickDark: hex('#7E2F25'),
  cream: hex('#EDE3C8'),
  harbour: hex('#5A7C8C'),
  window: hex('#3D4650'),
  roof: hex('#5A5652'),
  concrete: hex('#9C978D'),
  concreteDark: hex('#7D786F'),
  door: hex('#4E5E56'),
  hull: hex('#34404E'),
  bootTop: hex('#A8342A'),
  white: hex('#F1F0EA'),
  funnel: hex('#D9B25A'),
  steel: hex('#6F7479'),
  rail: hex('#5C5247'),
  stone: hex('#B9B2A2'),
  land: hex('#7B8C5A'),
  leaf: hex('#58803C'),
  bark: hex('#5C4B3C'),
  skyZenith: hex('#5A8CC4'),
  skyHorizon: hex('#D9E4EA'),
} as const

const SEED = 1928
/** Size of the deck's concrete slabs. */
const DECK_SLAB = 10
const LAND_BELOW_DECK = 0.3

/** Land lies behind (-z) and west of the pier; elsewhere the harbour floor, and Dartmouth far away. */
function groundHeight(x: number, z: number): number {
  const land = Math.max(
    smoothstep(DIM.pier.z0 + 5, DIM.pier.z0 - 25, z),
    smoothstep(DIM.pier.x0 + 10, DIM.pier.x0 - 30, x),
  )
  const dartmouth = smoothstep(1100, 1400, z) * (18 + fbm(SEED, x, z, 300) * 14)
  // Halifax climbs to Citadel Hill behind the waterfront.
  const inland = smoothstep(-200, -800, z) * (30 + fbm(SEED + 1, x, z, 250) * 25)
  // Land sits a little below the deck and the rails laid on it, so neither z-fights with it.
  return DIM.seaFloor + land * (-DIM.seaFloor - LAND_BELOW_DECK) + dartmouth + inland
}

function groundColor(x: number, y: number, z: number): Rgb {
  if (y < DIM.waterY + 0.5) return hex('#4F5B52')
  return mix(
    PALETTE.land,
    PALETTE.concreteDark,
    z > -400 && z < 0 ? 0.55 : 0.1 + fbm(SEED + 4, x, z, 60) * 0.1,
  )
}

/** A window in a wall facing +z at z: cream frame, dark glazing. */
function window(g: Geo, x: number, y: number, z: number, w: number, h: number): void {
  g.box([x - w / 2 - 0.25, y - 0.25, z - 0.05], [x + w / 2 + 0.25, y + h + 0.25, z + 0.12], PALETTE.cream)
  g.box([x - w / 2, y, z + 0.1], [x + w / 2, y + h, z + 0.18], PALETTE.window)
}

function buildShed(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('immigration-shed')
  g.jitter = 0.05
  const L = DIM.shedLength
  const D = DIM.shedDepth
  const eaves = DIM.storey * 2 + DIM.parapet
  g.box([-L / 2, 0, -D / 2], [L / 2, eaves, D / 2], PALETTE.brick)
  g.gableRoof(
    -L / 2 - 0.4,
    -D / 2 - 0.4,
    L / 2 + 0.4,
    D / 2 + 0.4,
    eaves,
    DIM.roofRise,
    PALETTE.roof,
    PALETTE.brick,
  )
  // Cream band between the storeys and a cream coping, as on the real shed.
  g.box(
    [-L / 2 - 0.15, DIM.storey - 0.3, -D / 2 - 0.15],
    [L / 2 + 0.15, DIM.storey + 0.3, D / 2 + 0.15],
    PALETTE.cream,
    {},
  )
  g.box([-L / 2 - 0.2, eaves - 0.5, -D / 2 - 0.2], [L / 2 + 0.2, eaves, D / 2 + 0.2], PALETTE.cream)
  // The brick central office bay, a storey taller, standing proud of both long walls.
  const cb = DIM.centralBay
  const bay = scene.geo('central-office-bay')
  bay.jitter = 0.05
  bay.box(
    [-cb.width / 2, 0, -D / 2 - cb.projection],
    [cb.width / 2, cb.height, D / 2 + cb.projection],
    PALETTE.brickDark,
  )
  bay.hipRoof(
    -cb.width / 2,
    -D / 2 - cb.projection,
    cb.width / 2,
    D / 2 + cb.projection,
    cb.height,
    4,
    PALETTE.roof,
    0.4,
  )
  bay.box(
    [-cb.width / 2 - 0.2, cb.height - 0.8, -D / 2 - cb.projection - 0.2],
    [cb.width / 2 + 0.2, cb.height, D / 2 + cb.projection + 0.2],
    PALETTE.cream,
  )
  // The welcome sign over the landing (harbour) side of the bay.
  const signZ = D / 2 + cb.projection + 0.05
  bay.box([-9, 13.2, signZ], [9, 15.6, signZ + 0.3], PALETTE.cream)
  bay.box([-8.2, 14.2, signZ + 0.3], [8.2, 14.6, signZ + 0.35], PALETTE.brickDark)
  if (detail === 'proxy') return
  // Rows of windows on both long walls (the harbour side gets cargo doors on the ground floor).
  for (const side of [-1, 1] as const) {
    g.with(wallTurn(side), () => {
      for (let x = -L / 2 + DIM.bay / 2; x < L / 2; x += DIM.bay) {
        if (Math.abs(x) < cb.width / 2 + 1) continue
        const bayIndex = Math.round((x + L / 2) / DIM.bay)
        // Pilasters between bays.
        g.box(
          [x - DIM.bay / 2 - 0.35, 0, D / 2 - 0.05],
          [x - DIM.bay / 2 + 0.35, eaves - 0.5, D / 2 + 0.3],
          PALETTE.brickDark,
        )
        if (side > 0 && bayIndex % 3 === 0) {
          g.box([x - 1.7, 0, D / 2 - 0.05], [x + 1.7, 4.6, D / 2 + 0.12], PALETTE.door)
        } else {
          window(g, x, 1.4, D / 2, 2.2, 3)
        }
        window(g, x, DIM.storey + 1.2, D / 2, 2.2, 3.2)
      }
    })
  }
  // The bay's own windows, three storeys.
  for (const side of [-1, 1] as const) {
    bay.with(wallTurn(side), () => {
      for (let s = 0; s < 3; s++) {
        for (const x of [-9, -4.5, 0, 4.5, 9]) {
          if (side > 0 && s === 2 && Math.abs(x) < 10) continue // the sign hangs here
          window(bay, x, 1.4 + s * 5.6, D / 2 + cb.projection, 2, 3)
        }
      }
    })
  }
}

/** The wall builders face +z; a half turn about y reuses them on the harbour (-z) side. */
const wallTurn = (side: -1 | 1): Mat => (side < 0 ? rotateY(Math.PI) : IDENTITY)

function buildPier(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('pier')
  const { x0, x1, z0, z1 } = DIM.pier
  // The pier's sides down to the harbour floor; its deck is laid as slabs, in two tones for scale.
  g.box([x0, DIM.seaFloor, z0], [x1, 0, z1], PALETTE.concreteDark, { top: null })
  const deck = scene.geo('pier')
  const slab = detail === 'full' ? DECK_SLAB : DECK_SLAB * 4
  for (let x = x0, i = 0; x < x1; x += slab, i++) {
    for (let z = z0, j = 0; z < z1; z += slab, j++) {
      const tone = (i + j) % 2 === 0 ? PALETTE.concrete : shade(PALETTE.concrete, 0.94)
      deck.flat(x, z, Math.min(x1, x + slab), Math.min(z1, z + slab), 0, tone)
    }
  }
  for (let x = x0 + 10; x < x1; x += 30) deck.flat(x, z1 - 2.8, x + 14, z1 - 2.5, 0.02, PALETTE.cream)
  if (detail === 'full') {
    // Bollards along the berth.
    for (let x = x0 + 8; x < x1 - 4; x += 16) {
      g.frustum({ sides: 6, r0: 0.35, r1: 0.3, y0: 0, y1: 0.8, x, z: z1 - 1.2 }, PALETTE.steel)
    }
    // Lamp standards along the apron.
    for (let x = x0 + 20; x < x1 - 10; x += 32) {
      g.frustum({ sides: 6, r0: 0.14, r1: 0.1, y0: 0, y1: 6, x, z: z1 - 8 }, PALETTE.steel)
      g.box([x - 0.35, 6, z1 - 8.35], [x + 0.35, 6.6, z1 - 7.65], PALETTE.cream)
    }
    // Fenders on the berth face.
    for (let x = x0 + 4; x < x1; x += 12)
      g.box([x - 0.6, DIM.waterY - 1, z1], [x + 0.6, -0.3, z1 + 0.6], PALETTE.hull)
  }
  // Rail tracks between the shed and the station.
  const rails = scene.geo('rail-yard')
  for (let i = 0; i < 4; i++) {
    const z = -66 - i * 8
    rails.flat(-300, z - 1.6, 300, z + 1.6, 0.04, PALETTE.rail)
  }
}

/** The neighbouring pier, plain concrete, with bollards on its edge facing Pier 21. */
function buildOppositePier(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('opposite-pier')
  const { x0, x1, z0, z1 } = DIM.opposite
  g.box([x0, DIM.seaFloor, z0], [x1, 0, z1], PALETTE.concreteDark, { top: PALETTE.concrete })
  if (detail === 'full') {
    for (let x = x0 + 8; x < x1 - 4; x += 16) {
      g.frustum({ sides: 6, r0: 0.35, r1: 0.3, y0: 0, y1: 0.8, x, z: z0 + 1.2 }, PALETTE.steel)
    }
  }
}

function buildGantryAndStation(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('gantry-walkway')
  const { x, y0, y1, width, zEnd } = DIM.gantry
  g.box([x - width / 2, y0, zEnd], [x + width / 2, y1, -DIM.shedDepth / 2], PALETTE.steel, { bottom: true })
  if (detail === 'full') {
    for (let z = -62; z > zEnd; z -= 18) {
      for (const dx of [-1.6, 1.6])
        g.box([x + dx - 0.25, 0, z - 0.25], [x + dx + 0.25, y0, z + 0.25], PALETTE.steel)
    }
    for (let z = zEnd + 2; z < -DIM.shedDepth / 2 - 1; z += 3) {
      g.box([x + width / 2, y0 + 1, z], [x + width / 2 + 0.05, y1 - 0.6, z + 1.8], PALETTE.window)
      g.box([x - width / 2 - 0.05, y0 + 1, z], [x - width / 2, y1 - 0.6, z + 1.8], PALETTE.window)
    }
  }
  const s = scene.geo('rail-station')
  const st = DIM.station
  s.jitter = 0.04
  s.box([st.x0, 0, st.z0], [st.x1, st.height, st.z1], PALETTE.stone)
  s.hipRoof(st.x0, st.z0, st.x1, st.z1, st.height, 5, PALETTE.roof, 0.5)
}

function buildLiner(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('liner')
  const { x0, x1, zMid, beam, freeboard } = DIM.liner
  const b = beam / 2
  // A convex hull outline: square-ish stern, pointed bow towards +x.
  const outline = (s: number): V2[] => [
    [x0, zMid - b * 0.6 * s],
    [x0 + 8, zMid - b * s],
    [x1 - 22, zMid - b * s],
    [x1, zMid],
    [x1 - 22, zMid + b * s],
    [x0 + 8, zMid + b * s],
    [x0, zMid + b * 0.6 * s],
  ]
  const yw = DIM.waterY
  g.loft(outline(0.85), yw - 3, outline(1), yw + 1.2, PALETTE.bootTop, { top: null })
  g.loft(outline(1), yw + 1.2, outline(1.04), freeboard, PALETTE.hull, { top: PALETTE.concrete })
  // White superstructure, decks stepping back, and two funnels.
  const decks = detail === 'full' ? 3 : 2
  for (let d = 0; d < decks; d++) {
    const inset = 10 + d * 12
    const y = freeboard + d * 3
    g.box([x0 + inset + 6, y, zMid - b + 2 + d], [x1 - inset - 28, y + 3, zMid + b - 2 - d], PALETTE.white)
  }
  const funnelY = freeboard + decks * 3
  for (const fx of [x0 + 70, x0 + 100]) {
    g.frustum({ sides: 8, r0: 3.4, r1: 3, y0: funnelY, y1: funnelY + 11, x: fx, z: zMid }, PALETTE.funnel)
    g.frustum(
      { sides: 8, r0: 3.02, r1: 3.02, y0: funnelY + 9, y1: funnelY + 11.05, x: fx, z: zMid },
      PALETTE.hull,
    )
  }
  if (detail === 'full') {
    // Rows of portholes and promenade-deck windows, as dark strips along the hull and decks.
    for (const side of [-1, 1]) {
      const z = zMid + side * (b * 1.03 + 0.05)
      g.box([x0 + 12, freeboard - 3.2, z - 0.08], [x1 - 30, freeboard - 2.6, z + 0.08], PALETTE.window)
      g.box(
        [x0 + 22, freeboard + 1, zMid + side * (b - 2) - 0.08],
        [x1 - 44, freeboard + 2, zMid + side * (b - 2) + 0.08],
        PALETTE.window,
      )
    }
  }
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
    .terrain({ radius: 2400, cells: full ? 130 : 32, warp: 2, height: groundHeight, color: groundColor })
  waterDisc(scene.geo('harbour', 'water'), 0, 0, 2500, DIM.waterY, full ? 48 : 16, full ? 6 : 2, (x, z) =>
    mix(PALETTE.harbour, shade(PALETTE.harbour, 0.82), smoothstep(100, 1400, Math.hypot(x, z))),
  )
  // Trees and houses up the hill behind the station, as context.
  const town = scene.geo('town')
  const rng = new Rng(SEED + 5)
  for (let i = 0; i < (full ? 140 : 30); i++) {
    const x = rng.range(-600, 600)
    const z = rng.range(-700, -170)
    const y = groundHeight(x, z)
    if (rng.next() < 0.6) {
      // Downtown's towers stand further back, up the hill.
      const h = z < -380 ? rng.range(20, 80) : rng.range(8, 24)
      town.block(
        x,
        z,
        rng.range(12, 26),
        rng.range(12, 20),
        y - 0.5,
        h,
        shade(rng.pick([PALETTE.stone, PALETTE.cream, PALETTE.brick]), rng.range(0.85, 1.05)),
        PALETTE.roof,
      )
    } else if (full) {
      broadleafTree(town, rng, x, y, z, rng.range(9, 14), PALETTE.leaf, PALETTE.bark)
    }
  }
}

const APRON_Z = DIM.shedDepth / 2 + DIM.centralBay.projection + 1

export const layout: SiteLayout = {
  site: 'pier-21',
  anchors: {
    'welcome-sign': [0, 14.4, DIM.shedDepth / 2 + DIM.centralBay.projection + 2],
    'central-office-bay': [-8, DIM.centralBay.height + 6, DIM.shedDepth / 2],
    'immigration-shed': [44, 9, DIM.shedDepth / 2 + 2],
    'harbour-berth': [40, 1.6, DIM.pier.z1 - 6],
    liner: [-80, DIM.liner.freeboard + 3, DIM.liner.zMid],
    'harbour-water': [30, 1.5, 100],
    'landing-doors': [60, 2.5, DIM.shedDepth / 2 + 2],
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'Pier 21 across the slip', fr: 'Le Quai 21, de l’autre côté du bassin' },
      position: [10, 1.6, DIM.opposite.z0 + 6],
      target: [-20, 6, 20],
    },
    {
      id: 'berth',
      title: { en: 'On the berth, by the ship', fr: 'Sur le quai, près du navire' },
      position: [-30, 1.6, 44],
      target: [-110, 10, 60],
    },
    {
      id: 'landing',
      title: { en: 'Under the welcome sign', fr: 'Sous l’enseigne de bienvenue' },
      position: [10, 1.6, 46],
      target: [0, 12, 20],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'harbour-apron',
      y: 0,
      polygon: [
        [DIM.pier.x0 + 2, APRON_Z],
        [DIM.pier.x1 - 2, APRON_Z],
        [DIM.pier.x1 - 2, DIM.pier.z1 - 2],
        [DIM.pier.x0 + 2, DIM.pier.z1 - 2],
      ],
    },
    {
      id: 'opposite-pier',
      y: 0,
      polygon: [
        [DIM.opposite.x0 + 2, DIM.opposite.z0 + 2],
        [DIM.opposite.x1 - 2, DIM.opposite.z0 + 2],
        [DIM.opposite.x1 - 2, DIM.opposite.z1 - 2],
        [DIM.opposite.x0 + 2, DIM.opposite.z1 - 2],
      ],
    },
    {
      id: 'pier-end',
      y: 0,
      polygon: [
        [DIM.shedLength / 2 + 2, DIM.pier.z0 + 2],
        [DIM.pier.x1 - 2, DIM.pier.z0 + 2],
        [DIM.pier.x1 - 2, APRON_Z],
        [DIM.shedLength / 2 + 2, APRON_Z],
      ],
    },
    {
      id: 'land-side',
      y: 0,
      polygon: [
        [DIM.pier.x0 + 2, DIM.pier.z0 + 2],
        [DIM.gantry.x - DIM.gantry.width / 2 - 1, DIM.pier.z0 + 2],
        [DIM.gantry.x - DIM.gantry.width / 2 - 1, -APRON_Z],
        [DIM.pier.x0 + 2, -APRON_Z],
      ],
    },
  ],
}

export const pier21: SiteDefinition = {
  id: 'pier-21',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildSurroundings(scene, detail)
    buildPier(scene, detail)
    buildShed(scene, detail)
    buildGantryAndStation(scene, detail)
    buildOppositePier(scene, detail)
    buildLiner(scene, detail)
    return scene
  },
}
