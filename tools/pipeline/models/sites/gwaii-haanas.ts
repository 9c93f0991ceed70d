/**
 * Gwaii Haanas — SG̱ang Gwaay Llnagaay: a pebble cove, the mossy edge of the rainforest, the
 * shallow pits where cedar longhouses stood, and a few old poles.
 *
 * The poles are plain, weathered, silver-grey shapes, some leaning, some broken or fallen: no
 * carving, no crests, no formline design, nothing restored. Haida crests and formline are Haida
 * cultural property; the Haida let old poles return to the land; mortuary poles mark burials
 * (facts.md §7, sensitivity). The walkable area keeps visitors on the beach, not among the poles.
 *
 * Frame: origin on the upper beach (y = 0), x towards the sea (the bay is to the east, +x), the
 * beach running along z, the poles and the forest to the west (-x). The visitor starts at the north
 * end of the beach, looking south along the line of poles.
 */
import {
  Rng,
  SiteScene,
  compose,
  conifer,
  fbm,
  hex,
  mix,
  rectDistance,
  rotateX,
  rotateY,
  shade,
  smoothstep,
  translate,
  waterDisc,
  type Rgb,
  type V2,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (stylised; facts.md §7 gives no village measurements). */
const DIM = {
  seaY: -1.4,
  /** Where the beach starts to fall towards the water, and the shoreline. */
  beachFlatX: 12,
  shoreX: 30,
  meadowX: -5,
  forestX: -34,
  pitDepth: 0.7,
  /** Longhouse pits as [x, z, width along z, depth along x]. */
  pits: [
    [-20, 22, 13, 11],
    [-21, -6, 14, 12],
    [-19, -34, 12, 11],
  ],
  /** Poles as [x, z, height, lean°, lean direction°, broken]. */
  poles: [
    [-11, 34, 7.5, 6, 20, false],
    [-11.5, 14, 10.5, 4, 160, false],
    [-12, 6, 5.2, 14, 95, true],
    [-10, -18, 9, 9, 200, false],
    [-11.5, -22, 4.2, 3, 30, true],
    [-10.5, -44, 8.2, 17, 80, false],
    [-13, -50, 6, 7, 300, true],
  ],
  fallenPoles: [
    [-15, 0, 7, 12],
    [-16, -28, 5.5, -30],
  ],
  cabin: { x: -34, z: -76 },
  start: [10, 40] as V2,
} as const

const PALETTE = {
  moss: hex('#3F5F3A'),
  mossBright: hex('#587A46'),
  cedar: hex('#8A4B2E'),
  weathered: hex('#A7A9A3'),
  weatheredDark: hex('#8C8E88'),
  ocean: hex('#3B5563'),
  pebble: hex('#8F8C86'),
  pebbleLight: hex('#B1AEA6'),
  pebbleDark: hex('#6F6C66'),
  driftwood: hex('#A39C90'),
  needles: hex('#2F4A33'),
  bark: hex('#5E4A3C'),
  forestFloor: hex('#34492E'),
  roof: hex('#5F6462'),
  skyZenith: hex('#8AA4B8'),
  skyHorizon: hex('#D6DDDF'),
} as const

const SEED = 1981

/** x of the shoreline at z: a cove, closed to the south by a forested headland. */
const shoreAt = (z: number): number => DIM.shoreX + 60 * smoothstep(-70, -130, z) + fbm(SEED, 0, z, 30) * 3

function pitDepth(x: number, z: number): number {
  let d = 0
  for (const [px, pz, w, dx] of DIM.pits) {
    const edge = rectDistance(x, z, px - dx / 2, pz - w / 2, px + dx / 2, pz + w / 2)
    d = Math.max(d, smoothstep(2.5, 0, edge))
  }
  return d * DIM.pitDepth
}

function groundHeight(x: number, z: number): number {
  const shore = shoreAt(z)
  // The beach: flat above the flat line, then falling to the water and under it.
  const beach = -1.6 * smoothstep(DIM.beachFlatX, shore, x) - 4 * smoothstep(shore, shore + 40, x)
  const berm = 0.8 * smoothstep(DIM.meadowX + 3, DIM.meadowX - 3, x) // the meadow stands a little higher
  const forest = smoothstep(DIM.forestX, DIM.forestX - 80, x) * (8 + fbm(SEED + 1, x, z, 60) * 6)
  const islands = Math.max(0, fbm(SEED + 2, x, z, 260) - 0.15) * 160 * smoothstep(300, 600, x)
  return (
    beach +
    berm +
    forest +
    islands -
    pitDepth(x, z) +
    fbm(SEED + 3, x, z, 20) * 0.25 * smoothstep(DIM.meadowX, DIM.forestX, x)
  )
}

function groundColor(x: number, y: number, z: number): Rgb {
  if (x > DIM.meadowX + 2 && y < 1) {
    // Pebbles: grey in three tones, drier and lighter up the beach.
    const n = fbm(SEED + 4, x, z, 3)
    const c = n > 0.2 ? PALETTE.pebbleLight : n < -0.2 ? PALETTE.pebbleDark : PALETTE.pebble
    return mix(c, PALETTE.pebbleDark, smoothstep(DIM.beachFlatX, DIM.shoreX, x) * 0.5)
  }
  if (x > 250 && y > 0) return PALETTE.needles // forested islands
  const inForest = smoothstep(DIM.forestX + 4, DIM.forestX - 6, x)
  const moss = mix(PALETTE.mossBright, PALETTE.moss, 0.5 + fbm(SEED + 5, x, z, 8) * 0.8)
  return mix(moss, PALETTE.forestFloor, inForest)
}

function buildPoles(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('weathered-poles')
  g.jitter = 0.06
  const sides = detail === 'full' ? 9 : 6
  for (const [x, z, h, lean, dir, broken] of DIM.poles) {
    const y = groundHeight(x, z) - 0.3
    const a = (dir * Math.PI) / 180
    const tilt = (lean * Math.PI) / 180
    g.with(compose(translate(x, y, z), rotateY(a), rotateX(tilt)), () => {
      // A plain, slightly swelling then tapering log, grey with age; moss on a broken top.
      g.frustum({ sides, r0: 0.48, r1: 0.44, y0: 0, y1: h * 0.55 }, PALETTE.weathered)
      g.frustum(
        { sides, r0: 0.44, r1: broken ? 0.36 : 0.3, y0: h * 0.55, y1: h, top: !broken },
        PALETTE.weatheredDark,
      )
      if (broken) g.frustum({ sides, r0: 0.37, r1: 0.2, y0: h, y1: h + 0.25 }, PALETTE.mossBright)
    })
  }
  for (const [x, z, len, dir] of DIM.fallenPoles) {
    const y = groundHeight(x, z) + 0.2
    g.with(compose(translate(x, y, z), rotateY((dir * Math.PI) / 180), rotateX(Math.PI / 2 - 0.03)), () => {
      g.frustum(
        { sides, r0: 0.42, r1: 0.34, y0: -len / 2, y1: len / 2, bottom: true },
        mix(PALETTE.weatheredDark, PALETTE.moss, 0.45),
      )
    })
  }
}

function buildForest(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  const trees = scene.geo('rainforest')
  const rng = new Rng(SEED + 6)
  const count = full ? 420 : 60
  for (let i = 0, tries = 0; i < count && tries < 4000; tries++) {
    // Densest along the forest edge, which is what the visitor sees.
    const x = i % 3 === 0 ? rng.range(-300, DIM.forestX + 2) : rng.range(DIM.forestX - 70, DIM.forestX + 2)
    const z = rng.range(-320, 220)
    if (x > DIM.forestX - 4 && rng.next() < 0.5) continue
    const y = groundHeight(x, z)
    const h = rng.range(26, 48)
    if (full) conifer(trees, rng, x, y, z, h, PALETTE.needles, PALETTE.bark, 4)
    else trees.frustum({ sides: 5, r0: h * 0.18, r1: 0, y0: y, y1: y + h, x, z }, PALETTE.needles)
    i++
  }
  // The southern headland is forested too.
  for (let i = 0; i < (full ? 60 : 15); i++) {
    const z = rng.range(-330, -140)
    const x = rng.range(DIM.forestX, shoreAt(z) - 8)
    const y = groundHeight(x, z)
    const h = rng.range(22, 40)
    if (full) conifer(trees, rng, x, y, z, h, PALETTE.needles, PALETTE.bark, 4)
    else trees.frustum({ sides: 5, r0: h * 0.18, r1: 0, y0: y, y1: y + h, x, z }, PALETTE.needles)
  }
  // Forested islands across the bay.
  for (let i = 0; i < (full ? 220 : 30); i++) {
    const x = rng.range(350, 1400)
    const z = rng.range(-1200, 1000)
    const y = groundHeight(x, z)
    if (y < 3) continue
    trees.frustum(
      { sides: 5, r0: 9, r1: 0, y0: y - 2, y1: y + rng.range(25, 40), x, z },
      shade(PALETTE.needles, rng.range(0.85, 1.1)),
    )
  }
  // Mossy beams lying along the pits' rims: what is left of the longhouse frames.
  const beams = scene.geo('longhouse-remains')
  for (const [px, pz, w, dx] of DIM.pits) {
    for (const side of [-1, 1]) {
      const bx = px + side * (dx / 2 + 0.3)
      const bz = pz + rng.range(-1, 1)
      beams.with(compose(translate(bx, groundHeight(bx, bz) + 0.15, bz), rotateX(Math.PI / 2)), () =>
        beams.frustum(
          { sides: 6, r0: 0.32, r1: 0.3, y0: -w * 0.45, y1: w * 0.4, bottom: true },
          mix(PALETTE.moss, PALETTE.weatheredDark, 0.3),
        ),
      )
    }
  }
  // Driftwood on the upper beach, silvered like the poles, lying along the tide line.
  const drift = scene.geo('driftwood')
  for (let i = 0; i < (full ? 14 : 4); i++) {
    const z = rng.range(-60, 70)
    const x = rng.range(DIM.meadowX - 1, DIM.meadowX + 2)
    const len = rng.range(4, 11)
    drift.with(
      compose(
        translate(x, groundHeight(x, z) + 0.25, z),
        rotateY(rng.range(-0.4, 0.4)),
        rotateX(Math.PI / 2),
      ),
      () =>
        drift.frustum(
          { sides: 6, r0: rng.range(0.2, 0.4), r1: 0.2, y0: -len / 2, y1: len / 2, bottom: true },
          PALETTE.driftwood,
        ),
    )
  }
  // The Watchmen's cabin at the far end of the beach, by the forest.
  const cabin = scene.geo('watchmen-cabin')
  const { x, z } = DIM.cabin
  const y = groundHeight(x, z)
  cabin.box([x - 3, y - 0.5, z - 4], [x + 3, y + 2.8, z + 4], PALETTE.cedar)
  cabin.gableRoof(x - 3.4, z - 4.4, x + 3.4, z + 4.4, y + 2.8, 2, PALETTE.roof, PALETTE.cedar, false)
}

function buildSurroundings(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(2600, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.3, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.6)],
    [1, PALETTE.skyZenith],
  ])
  scene.geo('ground').terrain({
    radius: 2400,
    cx: 0,
    cz: -20,
    cells: full ? 170 : 40,
    warp: 2.4,
    height: groundHeight,
    color: groundColor,
  })
  waterDisc(scene.geo('ocean', 'water'), 300, 0, 2500, DIM.seaY, full ? 48 : 16, full ? 6 : 2, (x, z) =>
    mix(shade(PALETTE.ocean, 1.08), shade(PALETTE.ocean, 0.8), smoothstep(50, 1500, Math.hypot(x - 30, z))),
  )
}

const [SX, SZ] = DIM.start
const poleTop = (i: number, above: number): [number, number, number] => {
  const p = DIM.poles[i]
  if (!p) throw new Error(`no pole ${i}`)
  return [p[0], groundHeight(p[0], p[1]) + p[2] + above, p[1]]
}

export const layout: SiteLayout = {
  site: 'gwaii-haanas',
  anchors: {
    'pole-line': poleTop(1, 2),
    'leaning-pole': poleTop(5, 1.5),
    'longhouse-pits': [DIM.pits[1][0], groundHeight(DIM.pits[1][0], DIM.pits[1][1]) + 1.5, DIM.pits[1][1]],
    'forest-edge': [DIM.forestX - 4, 14, -30],
    'pebble-beach': [4, 1.5, 0],
    'watchmen-cabin': [DIM.cabin.x, groundHeight(DIM.cabin.x, DIM.cabin.z) + 6, DIM.cabin.z],
    bay: [50, DIM.seaY + 2, -80],
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'SG̱ang Gwaay from the beach', fr: 'SG̱ang Gwaay depuis la plage' },
      position: [SX, 1.6, SZ],
      target: [-5, 5, -20],
    },
    {
      id: 'poles',
      title: { en: 'Facing the poles', fr: 'Face aux mâts' },
      position: [8, 1.6, 0],
      target: [-11, 5, 0],
    },
    {
      id: 'bay',
      title: { en: 'Looking out over the bay', fr: 'Vers la baie' },
      position: [6, 1.6, -20],
      target: [200, 0, -20],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'upper-beach',
      y: 0,
      polygon: [
        [DIM.meadowX + 4, -62],
        [DIM.beachFlatX, -62],
        [DIM.beachFlatX, 66],
        [DIM.meadowX + 4, 66],
      ],
    },
  ],
}

export const gwaiiHaanas: SiteDefinition = {
  id: 'gwaii-haanas',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildSurroundings(scene, detail)
    buildPoles(scene, detail)
    buildForest(scene, detail)
    return scene
  },
}
