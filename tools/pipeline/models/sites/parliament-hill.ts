/**
 * Parliament Hill, Ottawa: the Centre Block and Peace Tower seen from the lawn.
 *
 * Frame: origin at the foot of the Peace Tower's south face, x east along the Centre Block, z south
 * towards Wellington Street (where the visitor starts), y up. The lawn and the hilltop are at y = 0;
 * the Ottawa River runs below the cliff behind (north of) the buildings.
 */
import {
  Rng,
  SiteScene,
  broadleafTree,
  compose,
  conifer,
  fbm,
  hex,
  mix,
  rectDistance,
  rotateX,
  rotateY,
  rotateZ,
  shade,
  smoothstep,
  translate,
  waterDisc,
  type Geo,
  type Rgb,
  type V3,
} from '../geometry.ts'
import type { Detail, SiteDefinition, SiteLayout } from './types.ts'

/** Dimensions in metres (facts.md §1 where known; the rest are stylised estimates). */
const DIM = {
  /** Peace Tower, to the tip of the flagpole (facts.md: ≈ 92.2 m). */
  towerHeight: 92.2,
  towerWidth: 12,
  /** How far the tower stands proud of the Centre Block's south face. */
  towerProjection: 6,
  clockFace: 4.8,
  clockCentreY: 51,
  clockStageTop: 56,
  belfryTop: 63,
  roofApex: 84,
  flagLength: 4.5,
  flagHeight: 2.25,
  /** Centre Block footprint (facts.md: ≈ 144 × 75 m), six storeys. */
  blockLength: 144,
  blockDepth: 75,
  frontRangeDepth: 24,
  eaves: 24,
  storey: 4,
  roofRise: 11,
  pavilionWidth: 16,
  pavilionEaves: 28,
  pavilionRoofRise: 14,
  library: { z: -98, radius: 15, wallTop: 26, roofApex: 50 },
  sideBlock: { x: 138, z: 55, width: 38, length: 96, eaves: 20, roofRise: 9 },
  /** The lawn runs from the buildings to the Wellington Street fence. */
  lawnDepth: 190,
  lawnHalfWidth: 112,
  /** The central walk, the forecourt in front of the buildings and the Wellington sidewalk. */
  walkHalfWidth: 5,
  forecourtDepth: 14,
  sidewalkDepth: 14,
  lawnStripe: 12,
  lawnSink: 0.3,
  flame: { z: 95, radius: 4 },
  /** Top of the cliff behind the buildings and the river below it. */
  cliffZ: -135,
  riverY: -45,
} as const

const PALETTE = {
  sandstone: hex('#D8C8A0'),
  sandstoneDark: hex('#B8A77E'),
  copper: hex('#5F9E8F'),
  slate: hex('#4A4F55'),
  window: hex('#3E454C'),
  flagRed: hex('#D52B1E'),
  flagWhite: hex('#F4F4F0'),
  clockFace: hex('#EDE6D0'),
  clockHands: hex('#3A3630'),
  lawn: hex('#6F9A4B'),
  lawnDark: hex('#5C8540'),
  path: hex('#BDB6A6'),
  cliff: hex('#7C7668'),
  forest: hex('#4F6B3C'),
  bark: hex('#5A4A3A'),
  leaf: hex('#5E8A3E'),
  spruce: hex('#2E4A3A'),
  river: hex('#3E6478'),
  flame: hex('#F0A030'),
  bronze: hex('#6B5A3E'),
  city: hex('#A69C8C'),
  cityRoof: hex('#6E6A66'),
  skyZenith: hex('#4F86C6'),
  skyHorizon: hex('#CFE0EE'),
} as const

const SEED = 1867

/** Lawn outline, derived from DIM. */
const LAWN = {
  halfWidth: DIM.lawnHalfWidth,
  front: DIM.forecourtDepth,
  back: DIM.lawnDepth,
  street: DIM.lawnDepth + DIM.sidewalkDepth,
} as const

/** Ground height: the hilltop is flat; north of the buildings it falls to the river. */
function groundHeight(x: number, z: number): number {
  const rough = fbm(SEED, x, z, 220) * 6
  const drop = smoothstep(DIM.cliffZ, DIM.cliffZ - 45, z) // 0 on the hill, 1 at the river's edge
  const far = smoothstep(-700, -950, z) // the Gatineau shore across the river
  const hill = 0 + drop * (DIM.riverY - 3) + far * (-DIM.riverY + 25 + fbm(SEED + 5, x, z, 400) * 40)
  const off = smoothstep(260, 600, Math.hypot(x, z - 40)) // keep the visitor's area dead flat
  // Under the lawn and walks (flat quads at y = 0) the terrain sinks out of sight: no z-fighting.
  const sink =
    DIM.lawnSink *
    (1 - smoothstep(0, 10, rectDistance(x, z, -LAWN.halfWidth, 0, LAWN.halfWidth, LAWN.street)))
  return hill + rough * off * (1 - drop * 0.5) - sink
}

function groundColor(x: number, y: number, z: number, slope: number): Rgb {
  if (slope > 0.35) return mix(PALETTE.cliff, PALETTE.forest, fbm(SEED + 9, x, z, 30) * 0.5 + 0.3)
  if (y < -20) return PALETTE.forest
  const far = smoothstep(150, 400, Math.hypot(x, z))
  return mix(PALETTE.lawn, PALETTE.forest, far * 0.7)
}

/** A row of window openings on a wall facing +z at z, as shallow dark boxes. */
function windowRow(
  g: Geo,
  x0: number,
  x1: number,
  z: number,
  y: number,
  w: number,
  h: number,
  pitch: number,
): void {
  const count = Math.floor((x1 - x0) / pitch)
  const start = (x0 + x1) / 2 - ((count - 1) * pitch) / 2
  for (let i = 0; i < count; i++) {
    const x = start + i * pitch
    g.box([x - w / 2, y, z - 0.05], [x + w / 2, y + h, z + 0.25], PALETTE.window)
  }
}

/**
 * One clock face on the tower side facing +z, its dial standing out from the wall at `faceZ`.
 * (The caller rotates it to the other three sides.) Discs are frustums stood up by a quarter turn
 * about x, which maps their axis (local y) onto z.
 */
function clockFace(g: Geo, faceZ: number, detail: Detail): void {
  const r = DIM.clockFace / 2
  const sides = detail === 'full' ? 16 : 8
  g.with(compose(translate(0, DIM.clockCentreY, 0), rotateX(Math.PI / 2)), () => {
    if (detail === 'full') {
      g.frustum({ sides, r0: r + 0.5, r1: r + 0.5, y0: faceZ, y1: faceZ + 0.3 }, PALETTE.sandstoneDark)
    }
    g.frustum({ sides, r0: r, r1: r, y0: faceZ + 0.3, y1: faceZ + 0.45 }, PALETTE.clockFace)
  })
  if (detail === 'proxy') return
  g.with(translate(0, DIM.clockCentreY, faceZ + 0.45), () => {
    g.box([-0.12, -0.1, 0], [0.12, 1.5, 0.08], PALETTE.clockHands) // hour hand at twelve
    g.with(rotateZ(-2.1), () => g.box([-0.09, -0.1, 0], [0.09, 2.1, 0.1], PALETTE.clockHands)) // minute hand
  })
}

function buildPeaceTower(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('peace-tower')
  const roof = scene.geo('peace-tower', 'satin')
  const half = DIM.towerWidth / 2
  const cz = half - DIM.towerProjection // tower centre z: the south face stands proud of the block
  const front = cz + half
  g.jitter = 0.04
  // Shaft with corner buttresses that rise to pinnacles.
  g.block(0, cz, DIM.towerWidth, DIM.towerWidth, 0, DIM.belfryTop, PALETTE.sandstone)
  for (const [sx, sz] of [
    [-1, -1],
    [1, -1],
    [-1, 1],
    [1, 1],
  ] as const) {
    const bx = sx * (half - 0.2)
    const bz = cz + sz * (half - 0.2)
    g.block(bx, bz, 2, 2, 0, DIM.belfryTop + 2, PALETTE.sandstone)
    g.frustum(
      {
        sides: 4,
        r0: 1.3,
        r1: 0,
        y0: DIM.belfryTop + 2,
        y1: DIM.belfryTop + 7,
        x: bx,
        z: bz,
        rotation: Math.PI / 4,
      },
      PALETTE.sandstone,
    )
  }
  // String courses mark the stages.
  for (const y of [12, 40, DIM.clockStageTop]) {
    g.block(0, cz, DIM.towerWidth + 0.8, DIM.towerWidth + 0.8, y, 0.8, PALETTE.sandstoneDark)
  }
  // Parapet at the top of the masonry, under the copper roof.
  g.block(0, cz, DIM.towerWidth + 0.6, DIM.towerWidth + 0.6, DIM.belfryTop, 1.4, PALETTE.sandstoneDark)
  for (let side = 0; side < 4; side++) {
    g.with(compose(translate(0, 0, cz), rotateY((side * Math.PI) / 2)), () => {
      if (detail === 'full') {
        // Tall lancet openings of the belfry and observation stage, and the memorial windows below.
        for (const x of [-2.6, 0, 2.6]) {
          g.box(
            [x - 0.8, DIM.clockStageTop + 1.2, half - 0.1],
            [x + 0.8, DIM.belfryTop - 0.8, half + 0.15],
            PALETTE.window,
          )
          g.frustum(
            {
              sides: 3,
              r0: 0.92,
              r1: 0,
              y0: DIM.belfryTop - 0.8,
              y1: DIM.belfryTop - 0.2,
              x,
              z: half + 0.02,
              rotation: Math.PI / 2,
            },
            PALETTE.window,
          )
        }
        for (const x of [-2, 2]) g.box([x - 0.9, 42, half - 0.1], [x + 0.9, 47, half + 0.15], PALETTE.window)
        for (const x of [-2.4, 0, 2.4])
          g.box([x - 0.6, 16, half - 0.1], [x + 0.6, 36, half + 0.15], PALETTE.window)
      }
      clockFace(g, half, detail)
    })
  }
  // Main entrance arch at the foot of the south face.
  g.box([-3, 0, front - 0.1], [3, 8, front + 0.2], PALETTE.window)
  g.frustum({ sides: 3, r0: 3.46, r1: 0, y0: 8, y1: 10, z: front + 0.05 }, PALETTE.window)
  // Copper pyramid roof with a lantern and the flagpole.
  const roofBase = DIM.belfryTop + 1.4
  roof.frustum(
    {
      sides: 4,
      r0: (half + 0.2) * Math.SQRT2,
      r1: 0.9,
      y0: roofBase,
      y1: DIM.roofApex - 2,
      z: cz,
      rotation: Math.PI / 4,
    },
    PALETTE.copper,
  )
  roof.frustum({ sides: 8, r0: 0.9, r1: 0, y0: DIM.roofApex - 2, y1: DIM.roofApex, z: cz }, PALETTE.copper)
  if (detail === 'full') {
    // Dormers (lucarnes) on each roof face.
    for (let side = 0; side < 4; side++) {
      roof.with(compose(translate(0, 0, cz), rotateY((side * Math.PI) / 2)), () => {
        roof.box([-0.9, roofBase + 5, half - 3.6], [0.9, roofBase + 8, half - 2.2], PALETTE.copper)
        roof.gableRoof(
          -1.1,
          half - 3.6,
          1.1,
          half - 2,
          roofBase + 8,
          1.6,
          PALETTE.copper,
          PALETTE.copper,
          false,
        )
      })
    }
  }
  const pole = scene.geo('peace-tower-flag')
  pole.frustum(
    { sides: 6, r0: 0.14, r1: 0.08, y0: DIM.roofApex, y1: DIM.towerHeight, z: cz },
    PALETTE.flagWhite,
  )
  buildFlag(pole, 0.1, DIM.towerHeight - 0.2 - DIM.flagHeight, cz)
}

/** The maple-leaf flag, flying east from a pole at (x, z): 1:2:1 red-white-red, leaf in the middle. */
function buildFlag(g: Geo, x: number, y: number, z: number): void {
  const L = DIM.flagLength
  const H = DIM.flagHeight
  const band = L / 4
  for (const side of [1, -1] as const) {
    const fz = z + side * 0.03
    const quad = (x0: number, x1: number, c: Rgb): void => {
      const pts: V3[] = [
        [x + x0, y, fz],
        [x + x1, y, fz],
        [x + x1, y + H, fz],
        [x + x0, y + H, fz],
      ]
      g.face(side > 0 ? pts : [...pts].reverse(), c)
    }
    quad(0, band, PALETTE.flagRed)
    quad(band, L - band, PALETTE.flagWhite)
    quad(L - band, L, PALETTE.flagRed)
    // A simplified eleven-point maple leaf, drawn as a fan around its centre.
    const cx = x + L / 2
    const cy = y + H / 2
    const s = H * 0.8
    const leaf: [number, number][] = [
      [0, 0.5],
      [0.08, 0.3],
      [0.22, 0.36],
      [0.18, 0.08],
      [0.42, 0.22],
      [0.36, 0.02],
      [0.46, -0.04],
      [0.2, -0.2],
      [0.24, -0.3],
      [0.03, -0.27],
      [0.03, -0.46],
      [-0.03, -0.46],
      [-0.03, -0.27],
      [-0.24, -0.3],
      [-0.2, -0.2],
      [-0.46, -0.04],
      [-0.36, 0.02],
      [-0.42, 0.22],
      [-0.18, 0.08],
      [-0.22, 0.36],
      [-0.08, 0.3],
    ]
    const lz = fz + side * 0.02
    const pts: V3[] = [[cx, cy, lz], ...leaf.map(([u, v]) => [cx + u * s, cy + v * s, lz] as V3)]
    pts.push(pts[1] as V3)
    // The leaf is a star around its centre: the fan from the centre triangulates it correctly.
    g.face(side > 0 ? [...pts.slice(0, 1), ...pts.slice(1).reverse()] : pts, PALETTE.flagRed)
  }
}

function buildCentreBlock(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('centre-block')
  const roof = scene.geo('centre-block', 'satin')
  g.jitter = 0.03
  const L = DIM.blockLength
  const x0 = -L / 2
  const x1 = L / 2
  const zf = 0
  const zb = -DIM.frontRangeDepth
  // Front range, rear mass and the end and tower-flanking pavilions.
  g.box([x0, 0, zb], [x1, DIM.eaves, zf], PALETTE.sandstone)
  g.box([x0 + 10, 0, -DIM.blockDepth], [x1 - 10, DIM.eaves - 4, zb], PALETTE.sandstone)
  roof.hipRoof(x0, zb, x1, zf, DIM.eaves, DIM.roofRise, PALETTE.copper, 0.6)
  roof.hipRoof(x0 + 10, -DIM.blockDepth, x1 - 10, zb, DIM.eaves - 4, DIM.roofRise - 3, PALETTE.copper, 0.6)
  const pw = DIM.pavilionWidth
  const pavilions = [x0 + pw / 2 - 2, -22, 22, x1 - pw / 2 + 2]
  for (const px of pavilions) {
    g.box([px - pw / 2, 0, zb - 2], [px + pw / 2, DIM.pavilionEaves, zf + 3], PALETTE.sandstone)
    roof.hipRoof(
      px - pw / 2,
      zb - 2,
      px + pw / 2,
      zf + 3,
      DIM.pavilionEaves,
      DIM.pavilionRoofRise,
      PALETTE.copper,
      0.5,
    )
    // Slim corner turrets with pointed caps.
    for (const sx of [-1, 1]) {
      const tx = px + sx * (pw / 2)
      g.frustum(
        { sides: 6, r0: 1.1, r1: 1.1, y0: 0, y1: DIM.pavilionEaves + 3, x: tx, z: zf + 3 },
        PALETTE.sandstone,
      )
      roof.frustum(
        { sides: 6, r0: 1.3, r1: 0, y0: DIM.pavilionEaves + 3, y1: DIM.pavilionEaves + 9, x: tx, z: zf + 3 },
        PALETTE.copper,
      )
    }
  }
  // Front steps in front of the tower.
  g.box([-8, 0, 6], [8, 0.5, 11], PALETTE.sandstoneDark)
  g.box([-7, 0, 6], [7, 1, 9], PALETTE.sandstoneDark)
  if (detail === 'full') {
    // Windows: six storeys of lancets on the south face, skipping the tower, and dormers above.
    for (let s = 0; s < 6; s++) {
      const y = 1.4 + s * DIM.storey
      const h = s === 0 ? 2.2 : 2.6
      const onPavilion = (x: number): boolean => pavilions.some((px) => Math.abs(x - px) < pw / 2 - 0.4)
      const inGap = (x: number): boolean => pavilions.some((px) => Math.abs(Math.abs(x - px) - pw / 2) < 1.2)
      const pitch = 3.4
      for (let x = x0 + 3; x < x1 - 2; x += pitch) {
        if (Math.abs(x) < DIM.towerWidth / 2 + 1.5 || inGap(x)) continue // tower, pavilion corners
        const z = onPavilion(x) ? zf + 3 : zf
        g.box([x - 0.65, y, z - 0.05], [x + 0.65, y + h, z + 0.2], PALETTE.window)
      }
    }
    for (let x = x0 + 6; x < x1 - 4; x += 9) {
      if (pavilions.some((px) => Math.abs(x - px) < pw / 2 + 2)) continue
      roof.box([x - 1, DIM.eaves + 1, zf - 3.5], [x + 1, DIM.eaves + 3.6, zf - 1.6], PALETTE.copper)
      roof.gableRoof(
        x - 1.2,
        zf - 3.6,
        x + 1.2,
        zf - 1.4,
        DIM.eaves + 3.6,
        1.6,
        PALETTE.copper,
        PALETTE.copper,
        false,
      )
    }
    // End walls (east and west) get windows too, seen at an angle from the lawn.
    for (const sx of [-1, 1]) {
      for (let s = 0; s < 6; s++) {
        g.with(
          compose(translate(sx * (L / 2), 0, -DIM.frontRangeDepth / 2), rotateY((sx * Math.PI) / 2)),
          () => windowRow(g, -9, 9, 0, 1.4 + s * DIM.storey, 1.3, 2.6, 3.4),
        )
      }
    }
  }
}

function buildLibrary(scene: SiteScene, detail: Detail): void {
  const g = scene.geo('library-of-parliament')
  const roof = scene.geo('library-of-parliament', 'satin')
  const { z, radius, wallTop, roofApex } = DIM.library
  const sides = detail === 'full' ? 16 : 8
  g.frustum({ sides, r0: radius, r1: radius, y0: 0, y1: wallTop, z }, PALETTE.sandstone)
  g.frustum({ sides, r0: radius - 3, r1: radius - 3, y0: wallTop, y1: wallTop + 6, z }, PALETTE.sandstone)
  roof.frustum({ sides, r0: radius + 0.5, r1: radius - 3, y0: wallTop, y1: wallTop + 1.5, z }, PALETTE.copper)
  roof.frustum({ sides, r0: radius - 2.6, r1: 2.2, y0: wallTop + 6, y1: roofApex - 6, z }, PALETTE.copper)
  roof.frustum({ sides: 8, r0: 2.2, r1: 2.2, y0: roofApex - 6, y1: roofApex - 3, z }, PALETTE.copper)
  roof.frustum({ sides: 8, r0: 2.4, r1: 0, y0: roofApex - 3, y1: roofApex, z }, PALETTE.copper)
  // Flying buttresses as slim piers around the drum.
  if (detail === 'full') {
    for (let i = 0; i < 16; i++) {
      const a = (i / 16) * Math.PI * 2
      const x = Math.cos(a) * (radius + 1.5)
      const pz = z - Math.sin(a) * (radius + 1.5)
      g.frustum(
        { sides: 4, r0: 1, r1: 0.5, y0: 0, y1: wallTop + 3, x, z: pz, rotation: a + Math.PI / 4 },
        PALETTE.sandstone,
      )
    }
  }
}

function buildSideBlocks(scene: SiteScene, detail: Detail): void {
  const { x, z, width, length, eaves, roofRise } = DIM.sideBlock
  for (const [name, sx] of [
    ['west-block', -1],
    ['east-block', 1],
  ] as const) {
    const g = scene.geo(name)
    const roof = scene.geo(name, 'satin')
    g.jitter = 0.03
    const cx = sx * x
    g.box([cx - width / 2, 0, z - length / 2], [cx + width / 2, eaves, z + length / 2], PALETTE.sandstone)
    roof.hipRoof(
      cx - width / 2,
      z - length / 2,
      cx + width / 2,
      z + length / 2,
      eaves,
      roofRise,
      PALETTE.copper,
      0.5,
    )
    // A corner tower facing the lawn (the Mackenzie Tower on the West Block; the East Block's clock tower).
    const tx = cx - sx * (width / 2 - 5)
    const tz = z + length / 2 - 6
    g.block(tx, tz, 10, 10, 0, eaves + 16, PALETTE.sandstone)
    roof.frustum(
      { sides: 4, r0: 7.4, r1: 0, y0: eaves + 16, y1: eaves + 30, x: tx, z: tz, rotation: Math.PI / 4 },
      PALETTE.copper,
    )
    if (detail === 'full') {
      // Windows on the long wall facing the lawn.
      g.with(compose(translate(cx - sx * (width / 2), 0, z), rotateY((-sx * Math.PI) / 2)), () => {
        for (let s = 0; s < 4; s++)
          windowRow(g, -length / 2 + 4, length / 2 - 14, 0, 1.6 + s * 4.6, 1.3, 2.8, 3.6)
      })
      g.with(compose(translate(cx, 0, z + length / 2)), () => {
        for (let s = 0; s < 4; s++)
          windowRow(g, -width / 2 + 2, width / 2 - 2, 0, 1.6 + s * 4.6, 1.3, 2.8, 3.6)
      })
    }
  }
}

function buildGrounds(scene: SiteScene, detail: Detail): void {
  const full = detail === 'full'
  scene.geo('sky', 'sky').skyDome(2400, full ? 32 : 12, full ? 8 : 4, [
    [0, PALETTE.skyHorizon],
    [0.25, mix(PALETTE.skyHorizon, PALETTE.skyZenith, 0.55)],
    [1, PALETTE.skyZenith],
  ])
  scene.geo('ground').terrain({
    radius: 2000,
    cz: 0,
    cells: full ? 150 : 36,
    warp: 2.2,
    height: groundHeight,
    color: groundColor,
  })
  waterDisc(
    scene.geo('ottawa-river', 'water'),
    0,
    -420,
    1800,
    DIM.riverY,
    full ? 48 : 16,
    full ? 6 : 2,
    (x, z) => mix(PALETTE.river, shade(PALETTE.river, 0.8), smoothstep(0, 1500, Math.hypot(x, z + 420))),
  )
  // Lawn in mown stripes either side of the central walk, and the paved walks: flat quads.
  const lawn = scene.geo('lawn')
  const walks = scene.geo('walkways')
  const quad = (g: Geo, x0: number, z0: number, x1: number, z1: number, c: Rgb): void =>
    g.face(
      [
        [x0, 0, z1],
        [x1, 0, z1],
        [x1, 0, z0],
        [x0, 0, z0],
      ],
      c,
    )
  for (let z = LAWN.front, i = 0; z < LAWN.back; z += DIM.lawnStripe, i++) {
    const c = i % 2 === 0 ? PALETTE.lawn : PALETTE.lawnDark
    const z1 = Math.min(LAWN.back, z + DIM.lawnStripe)
    quad(lawn, -LAWN.halfWidth, z, -DIM.walkHalfWidth, z1, c)
    quad(lawn, DIM.walkHalfWidth, z, LAWN.halfWidth, z1, c)
  }
  quad(walks, -LAWN.halfWidth, 0, LAWN.halfWidth, LAWN.front, PALETTE.path)
  quad(walks, -DIM.walkHalfWidth, LAWN.front, DIM.walkHalfWidth, LAWN.back, PALETTE.path)
  quad(walks, -LAWN.halfWidth - 30, LAWN.back, LAWN.halfWidth + 30, LAWN.street, PALETTE.path)

  // The Centennial Flame: a low fountain basin with the gas flame at its centre.
  const flame = scene.geo('centennial-flame')
  const water = scene.geo('centennial-flame', 'water')
  const fz = DIM.flame.z
  flame.frustum(
    { sides: 12, r0: DIM.flame.radius, r1: DIM.flame.radius, y0: 0, y1: 0.8, z: fz },
    PALETTE.sandstoneDark,
  )
  water.frustum(
    { sides: 12, r0: DIM.flame.radius - 0.4, r1: DIM.flame.radius - 0.4, y0: 0.8, y1: 0.85, z: fz },
    PALETTE.river,
  )
  flame.frustum({ sides: 6, r0: 0.7, r1: 0.7, y0: 0.8, y1: 1.3, z: fz }, PALETTE.bronze)
  flame.frustum({ sides: 5, r0: 0.45, r1: 0, y0: 1.3, y1: 2.6, z: fz }, PALETTE.flame)

  // Statues on the east lawn, on plinths (figures kept as simple bronze forms).
  const statues = scene.geo('lawn-statues')
  statues.jitter = 0
  const rng = new Rng(SEED + 3)
  for (const [sx, sz] of [
    [64, 18],
    [68, 24],
    [60, 26],
    [-66, 20],
    [-100, 40],
  ] as const) {
    statues.block(sx, sz, 1.6, 1.6, 0, 1.4, PALETTE.sandstoneDark)
    if (!full) continue
    statues.frustum(
      { sides: 6, r0: 0.45, r1: 0.3, y0: 1.4, y1: 3.1, x: sx, z: sz, rotation: rng.next() },
      PALETTE.bronze,
    )
    statues.frustum({ sides: 6, r0: 0.25, r1: 0.2, y0: 3.1, y1: 3.5, x: sx, z: sz }, PALETTE.bronze)
  }

  // Trees along the edges of the lawn and on the slopes behind, never on the open lawn.
  const trees = scene.geo('trees')
  const trng = new Rng(SEED + 11)
  const spots: [number, number][] = []
  for (let z = 30; z < DIM.lawnDepth; z += full ? 14 : 42) {
    spots.push(
      [-DIM.lawnHalfWidth - 8 - trng.range(0, 6), z],
      [DIM.lawnHalfWidth + 8 + trng.range(0, 6), z + 4],
    )
  }
  for (let x = -250; x <= 250; x += full ? 16 : 64) {
    if (Math.abs(x) < 90) continue
    spots.push([x + trng.range(-4, 4), -60 - trng.range(0, 40)])
  }
  for (let x = -300; x <= 300; x += full ? 22 : 88)
    spots.push([x + trng.range(-6, 6), DIM.cliffZ - 15 - trng.range(0, 20)])
  for (const [x, z] of spots) {
    const y = groundHeight(x, z)
    if (!full) {
      // The proxy keeps only the trees' silhouette: one cone each.
      trees.frustum({ sides: 5, r0: 4, r1: 0, y0: y, y1: y + 14, x, z }, PALETTE.leaf)
    } else if (trng.next() < 0.3)
      conifer(trees, trng, x, y, z, trng.range(12, 18), PALETTE.spruce, PALETTE.bark)
    else broadleafTree(trees, trng, x, y, z, trng.range(11, 16), PALETTE.leaf, PALETTE.bark)
  }

  // Wellington Street's fence and, across it, a few city blocks (context when the visitor turns around).
  const fence = scene.geo('wellington-fence')
  fence.box(
    [-DIM.lawnHalfWidth - 30, 0, DIM.lawnDepth + 14],
    [DIM.lawnHalfWidth + 30, 1.1, DIM.lawnDepth + 14.6],
    PALETTE.sandstoneDark,
  )
  for (const gx of [-12, 12]) fence.block(gx, DIM.lawnDepth + 14.3, 2, 2, 0, 4, PALETTE.sandstone)
  if (full) {
    const city = scene.geo('city')
    const crng = new Rng(SEED + 21)
    for (let x = -260; x <= 260; x += 40) {
      const h = crng.range(14, 40)
      const d = crng.range(25, 40)
      city.box(
        [x - 17, 0, DIM.lawnDepth + 50],
        [x + 17, h, DIM.lawnDepth + 50 + d],
        shade(PALETTE.city, crng.range(0.85, 1.1)),
        {
          top: PALETTE.cityRoof,
        },
      )
    }
  }
}

export const layout: SiteLayout = {
  site: 'parliament-hill',
  anchors: {
    'peace-tower-clock': [0, DIM.clockCentreY, DIM.towerProjection + 2],
    flag: [DIM.flagLength / 2, DIM.towerHeight + 1, DIM.towerProjection - DIM.towerWidth / 2],
    'centre-block-entrance': [0, 2.5, 13],
    'memorial-chamber': [0, 26, DIM.towerProjection + 1.5],
    // The Commons sat in the west wing of the Centre Block, the Senate in the east wing.
    'commons-wing': [-46, DIM.eaves + 2, 2],
    'senate-wing': [46, DIM.eaves + 2, 2],
    'lawn-statues': [64, 5, 22],
    'centennial-flame': [0, 3.5, DIM.flame.z],
  },
  viewpoints: [
    {
      id: 'overview',
      title: { en: 'Parliament Hill from the lawn', fr: 'La Colline du Parlement depuis la pelouse' },
      // A step off the central axis, so the Centennial Flame does not hide the entrance.
      position: [-6, 1.6, 178],
      target: [0, 34, 0],
    },
    {
      id: 'centennial-flame',
      title: { en: 'By the Centennial Flame', fr: 'Près de la flamme du Centenaire' },
      position: [10, 1.6, 104],
      target: [0, 36, 0],
    },
    {
      id: 'peace-tower-steps',
      title: { en: 'At the foot of the Peace Tower', fr: 'Au pied de la tour de la Paix' },
      position: [14, 1.6, 34],
      target: [0, 46, 4],
    },
    {
      id: 'east-lawn',
      title: { en: 'East lawn', fr: 'Pelouse est' },
      position: [92, 1.6, 58],
      target: [20, 22, 0],
    },
  ],
  startViewpoint: 'overview',
  walkableAreas: [
    {
      id: 'lawn-north',
      y: 0,
      polygon: [
        [-DIM.lawnHalfWidth, 16],
        [DIM.lawnHalfWidth, 16],
        [DIM.lawnHalfWidth, DIM.flame.z - 7],
        [-DIM.lawnHalfWidth, DIM.flame.z - 7],
      ],
    },
    {
      id: 'lawn-south',
      y: 0,
      polygon: [
        [-DIM.lawnHalfWidth, DIM.flame.z + 7],
        [DIM.lawnHalfWidth, DIM.flame.z + 7],
        [DIM.lawnHalfWidth, DIM.lawnDepth + 12],
        [-DIM.lawnHalfWidth, DIM.lawnDepth + 12],
      ],
    },
    {
      id: 'lawn-west',
      y: 0,
      polygon: [
        [-DIM.lawnHalfWidth, DIM.flame.z - 7],
        [-7, DIM.flame.z - 7],
        [-7, DIM.flame.z + 7],
        [-DIM.lawnHalfWidth, DIM.flame.z + 7],
      ],
    },
    {
      id: 'lawn-east',
      y: 0,
      polygon: [
        [7, DIM.flame.z - 7],
        [DIM.lawnHalfWidth, DIM.flame.z - 7],
        [DIM.lawnHalfWidth, DIM.flame.z + 7],
        [7, DIM.flame.z + 7],
      ],
    },
  ],
}

export const parliamentHill: SiteDefinition = {
  id: 'parliament-hill',
  layout,
  build(detail) {
    const scene = new SiteScene(SEED)
    buildGrounds(scene, detail)
    buildCentreBlock(scene, detail)
    buildPeaceTower(scene, detail)
    buildLibrary(scene, detail)
    buildSideBlocks(scene, detail)
    return scene
  },
}
