/**
 * Inuksuk Point (Inuksugalait), Foxe Peninsula, Nunavut: a low, treeless tundra headland with grey
 * rock and lichen, the sea with floating ice, and two groups of inuksuit.
 *
 * The inuksuit are stacked-stone forms only: columns of piled slabs, "window" forms with a lintel,
 * single upright stones and pairs of balanced stones. None is human-shaped (no arms, no legs, no
 * head): figures like that are inunnguat, not inuksuit (facts.md §6, sensitivity).
 *
 * Frame: origin on the tundra where the visitor starts (y = 0), the southern group of inuksuit
 * ahead (-z), the northern group ~140 m beyond it, the sea further out and to the west (-x).
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
  type V3,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §6: groups ~140 m apart, the southern ~60 m across, tallest ~2 m). */
const DIM = {
  southGroup: { x: 0, z: -36, radius: 28, count: 34 },
  northGroup: { x: 70, z: -165, radius: 24, count: 22 },
  tallest: 2.1,
  seaY: -4,
  visitorArea: { x0: -30, z0: -4, x1: 30, z1: 30 },
} as const

const PALETTE = {
  rock: hex('#7D7F7A'),
  rockLight: hex('#9A9C96'),
  rockDark: hex('#63655F'),
  lichen: hex('#D9822B'),
  lichenPale: hex('#B7B98E'),
  tundra: hex('#7A7F4A'),
  tundraBrown: hex('#7C6C4C'),
  seaIce: hex('#DCEBF2'),
  sea: hex('#3E5F6E'),
  skyZenith: hex('#93AFC6'),
  skyHorizon: hex('#E4E9EC'),
} as const

const SEED = 1969

/** Named inuksuit the layout points at: [x, z]. */
const NAMED = {
  tallest: [5, -20],
  window: [-7, -14],
  upright: [12, -12],
} as const satisfies Record<string, V2>

function shoreDistance(x: number, z: number): number {
  const south = z - (-300 + fbm(SEED, x, 0, 120) * 50)
  const west = x - (-230 + fbm(SEED + 1, 0, z, 100) * 40)
  return Math.min(south, west)
}

function groundHeight(x: number, z: number): number {
  const { x0, z0, x1, z1 } = DIM.visitorArea
  const flat = smoothstep(10, 0, rectDistance(x, z, x0, z0, x1, z1))
  const rolling = (fbm(SEED + 2, x, z, 70) * 1.8 + fbm(SEED + 3, x, z, 14) * 0.45) * (1 - flat)
  // Low hills of the Foxe Peninsula inland, to the north-east.
  const hills = smoothstep(400, 1600, x + z) * (30 + fbm(SEED + 4, x, z, 300) * 25)
  const shore = smoothstep(-40, 30, shoreDistance(x, z))
  // The headland falls gently towards the sea, so the water shows beyond the inuksuit.
  const fall = -3 * (1 - smoothstep(0, 260, shoreDistance(x, z))) * (1 - flat)
  const land = rolling + hills + fall
  return DIM.seaY - 6 + (land - DIM.seaY + 6) * shore
}

function groundColor(x: number, y: number, z: number, slope: number): Rgb {
  if (y < DIM.seaY + 0.6) return PALETTE.rockDark
  const bare = smoothstep(0.15, 0.4, fbm(SEED + 5, x, z, 16)) // rock breaking through the tundra
  // Patches of green moss, brown heath and pale dry lichen, a few metres across.
  const m = fbm(SEED + 6, x, z, 11)
  const patch =
    m < 0
      ? mix(PALETTE.tundra, PALETTE.tundraBrown, Math.min(1, -m * 2.5))
      : mix(PALETTE.tundra, PALETTE.lichenPale, Math.min(1, m * 2))
  const base = mix(patch, PALETTE.rock, Math.max(bare * 0.8, slope * 2))
  const lichen = smoothstep(0.3, 0.5, fbm(SEED + 7, x, z, 3)) * bare
  return mix(base, PALETTE.lichen, lichen * 0.55)
}

/**
 * One irregular stone slab: a box whose corners are nudged at random, standing on y (its
 * footprint w × d, turned by `turn`). Returns the height of its top.
 */
function stone(
  g: Geo,
  rng: Rng,
  x: number,
  y: number,
  z: number,
  w: number,
  h: number,
  d: number,
  turn: number,
): number {
  const c = Math.cos(turn)
  const s = Math.sin(turn)
  const ring = (yy: number, k: number): V3[] =>
    (
      [
        [-w / 2, -d / 2],
        [w / 2, -d / 2],
        [w / 2, d / 2],
        [-w / 2, d / 2],
      ] as const
    ).map(([u, v]) => {
      const uu = u * rng.range(0.85, 1.1) * k
      const vv = v * rng.range(0.85, 1.1) * k
      return [x + uu * c + vv * s, yy + rng.range(-0.03, 0.03) * h, z - uu * s + vv * c] as V3
    })
  const tint = rng.next()
  // Mostly grey, some stones with a bloom of orange or pale lichen.
  const grey = shade(PALETTE.rock, rng.range(0.85, 1.15))
  const col =
    tint < 0.15 ? mix(grey, PALETTE.lichen, 0.25) : tint < 0.3 ? mix(grey, PALETTE.lichenPale, 0.4) : grey
  g.solid(ring(y, 1), ring(y + h, rng.range(0.8, 0.95)), col, mix(col, PALETTE.rockLight, 0.2), false)
  return y + h
}

type Form = 'column' | 'window' | 'upright' | 'balanced'

/** Builds one inuksuk of the given form at (x, z); `scale` ~1 makes one about 1.5 m high. */
function inuksuk(g: Geo, rng: Rng, form: Form, x: number, z: number, scale: number): void {
  const y0 = groundHeight(x, z) - 0.08
  const turn = rng.next() * Math.PI
  const k = scale
  if (form === 'upright') {
    // A single long stone set on end.
    stone(g, rng, x, y0, z, 0.55 * k, 1.5 * k, 0.3 * k, turn)
  } else if (form === 'balanced') {
    // A broad boulder with one flat stone balanced on it.
    const y = stone(g, rng, x, y0, z, 0.9 * k, 0.55 * k, 0.8 * k, turn)
    stone(g, rng, x, y, z, 0.75 * k, 0.28 * k, 0.55 * k, turn + rng.range(-0.4, 0.4))
  } else if (form === 'column') {
    // Flat slabs piled up, each a little different in size and turn.
    let y = y0
    const slabs = rng.int(4, 6)
    for (let i = 0; i < slabs; i++) {
      const w = (0.85 - i * 0.06) * k * rng.range(0.85, 1.1)
      y = stone(
        g,
        rng,
        x,
        y,
        z,
        w,
        ((DIM.tallest * k) / slabs) * rng.range(0.8, 1.1),
        w * 0.7,
        turn + rng.range(-0.3, 0.3),
      )
    }
  } else {
    // "Window": two broad, low blocks carry a lintel, leaving a small opening to sight through;
    // a couple of stones sit on the lintel, no wider than it (no arms, nothing head-like).
    const c = Math.cos(turn)
    const s = Math.sin(turn)
    const gap = 0.32 * k
    const bw = 0.42 * k
    for (const side of [-1, 1]) {
      const off = side * (gap / 2 + bw / 2)
      stone(g, rng, x + off * c, y0, z - off * s, bw, 0.5 * k, 0.5 * k, turn)
    }
    let y = stone(g, rng, x, y0 + 0.5 * k, z, gap + bw * 2.1, 0.22 * k, 0.55 * k, turn)
    y = stone(g, rng, x, y, z, 0.95 * k, 0.3 * k, 0.5 * k, turn + rng.range(-0.2, 0.2))
    stone(g, rng, x, y, z, 0.7 * k, 0.26 * k, 0.45 * k, turn + rng.range(-0.3, 0.3))
  }
}

function buildInuksuit(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  const g = scene.geo('inuksuit')
  const rng = new Rng(SEED + 10)
  inuksuk(g, rng, 'column', NAMED.tallest[0], NAMED.tallest[1], 1)
  inuksuk(g, rng, 'window', NAMED.window[0], NAMED.window[1], 1.15)
  inuksuk(g, rng, 'upright', NAMED.upright[0], NAMED.upright[1], 1.1)
  const forms: Form[] = ['column', 'column', 'window', 'upright', 'upright', 'balanced', 'balanced']
  const named = Object.values(NAMED)
  for (const group of [DIM.southGroup, DIM.northGroup]) {
    const placed: V2[] = [...named]
    const count = full ? group.count : Math.ceil(group.count / 3)
    for (let i = 0, tries = 0; i < count && tries < 400; tries++) {
      const a = rng.next() * Math.PI * 2
      const r = Math.sqrt(rng.next()) * group.radius
      const x = group.x + Math.cos(a) * r
      const z = group.z - Math.sin(a) * r
      // Spread out, and leave the start view's sight lines to the named ones open.
      if (placed.some(([px, pz]) => Math.hypot(px - x, pz - z) < 4.5)) continue
      if (named.some((n) => segmentDistance(x, z, START, n) < 3)) continue
      placed.push([x, z])
      inuksuk(g, rng, rng.pick(forms), x, z, rng.range(0.75, 1.05))
      i++
    }
  }
}

function buildLandscape(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(2600, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.35, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.6)],
    [1, PALETTE.skyZenith],
  ])
  scene.geo('tundra').terrain({
    radius: 2400,
    cz: -60,
    cells: full ? 170 : 40,
    warp: 2.5,
    height: groundHeight,
    color: groundColor,
  })
  waterDisc(
    scene.geo('sea', 'water'),
    -200,
    -600,
    2600,
    DIM.seaY,
    full ? 48 : 16,
    full ? 6 : 2,
    () => PALETTE.sea,
  )
  // Loose stones and boulders on the tundra.
  const rocks = scene.geo('boulders')
  rocks.jitter = 0.1
  const rng = new Rng(SEED + 20)
  for (let i = 0; i < (full ? 640 : 40); i++) {
    // Denser near the visitor, where loose stones give the ground its scale.
    const near = i % 3 !== 0
    const x = near ? rng.range(-60, 60) : rng.range(-200, 220)
    const z = near ? rng.range(-90, 60) : rng.range(-260, 80)
    const { x0, z0, x1, z1 } = DIM.visitorArea
    const r = near ? rng.range(0.1, 0.45) : rng.range(0.3, 1.4)
    // Only pebbles a visitor can step over lie where they stand.
    if ((r > 0.3 && rectDistance(x, z, x0, z0, x1, z1) < 3) || shoreDistance(x, z) < 10) continue
    if (r > 0.3 && Object.values(NAMED).some((n) => segmentDistance(x, z, START, n) < 4)) continue
    const c =
      rng.next() < 0.25 ? mix(PALETTE.rock, PALETTE.lichen, 0.25) : shade(PALETTE.rock, rng.range(0.8, 1.15))
    rocks.rock(rng, x, groundHeight(x, z) - 0.1, z, r, c, 0.45, 5)
  }
  // Floes of sea ice, flat and irregular.
  const ice = scene.geo('sea-ice')
  for (let i = 0; i < (full ? 60 : 15); i++) {
    const x = rng.range(-900, 500)
    const z = rng.range(-1100, -330)
    if (shoreDistance(x, z) > -25) continue
    const r = rng.range(6, 30)
    const sides = rng.int(5, 8)
    const pts: V2[] = []
    for (let k = 0; k < sides; k++) {
      const a = (k / sides) * Math.PI * 2
      const rr = r * rng.range(0.7, 1.1)
      pts.push([x + Math.cos(a) * rr, z - Math.sin(a) * rr])
    }
    ice.extrude(pts, DIM.seaY - 0.3, DIM.seaY + 0.25, shade(PALETTE.seaIce, 0.9), { top: PALETTE.seaIce })
  }
}

/** The start viewpoint's ground position: [x, z]. */
const START: V2 = [0, 6]
/** A floe kept at a known spot for the sea-ice anchor: [x, z]. */
const ICE_FLOE: V2 = [-120, -420]

function buildAnchorFloe(scene: SiteScene): void {
  const ice = scene.geo('sea-ice')
  const [x, z] = ICE_FLOE
  ice.extrude(
    [
      [x - 22, z - 8],
      [x + 4, z - 16],
      [x + 26, z - 2],
      [x + 14, z + 14],
      [x - 18, z + 10],
    ],
    DIM.seaY - 0.3,
    DIM.seaY + 0.3,
    shade(PALETTE.seaIce, 0.9),
    { top: PALETTE.seaIce },
  )
}

const top = (xz: V2, h: number): [number, number, number] => [xz[0], groundHeight(xz[0], xz[1]) + h, xz[1]]

export const layout: SiteLayout = {
  site: 'inuksuk-point',
  anchors: {
    'southern-group': top([DIM.southGroup.x - 2, DIM.southGroup.z - 6], 3.5),
    'tallest-inuksuk': top(NAMED.tallest, DIM.tallest + 1.5),
    'window-inuksuk': top(NAMED.window, 3.2),
    'single-upright': top(NAMED.upright, 3),
    'northern-group': top([DIM.northGroup.x, DIM.northGroup.z], 4),
    'sea-ice': [ICE_FLOE[0], DIM.seaY + 3, ICE_FLOE[1]],
    tundra: top([-4, -6], 1.5),
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'The headland and its inuksuit', fr: 'Le cap et ses inuksuit' },
      position: [START[0], 1.6, START[1]],
      target: [4, -2, -60],
    },
    {
      id: 'southern-group',
      title: { en: 'Among the southern group', fr: 'Près du groupe sud' },
      position: [22, 1.6, -2],
      target: [0, 0.5, -40],
    },
    {
      id: 'sea',
      title: { en: 'Looking out to sea', fr: 'Vers la mer' },
      position: [-26, 1.6, 0],
      target: [-140, -4, -400],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'tundra',
      y: 0,
      polygon: [
        [DIM.visitorArea.x0, DIM.visitorArea.z0],
        [DIM.visitorArea.x1, DIM.visitorArea.z0],
        [DIM.visitorArea.x1, DIM.visitorArea.z1],
        [DIM.visitorArea.x0, DIM.visitorArea.z1],
      ],
    },
  ],
}

export const inuksukPoint: SiteDefinition = {
  id: 'inuksuk-point',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildLandscape(scene, detail)
    buildAnchorFloe(scene)
    buildInuksuit(scene, detail)
    return scene
  },
}
