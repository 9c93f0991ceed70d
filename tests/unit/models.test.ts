import { describe, expect, it } from 'vitest'
import { Geo, Rng, SiteScene } from '../../tools/pipeline/models/geometry.ts'
import {
  BUDGET,
  budgetProblems,
  buildSite,
  checkLayout,
  measureDocument,
  sceneToDocument,
} from '../../tools/pipeline/models/check-models.ts'
import { layout as parliamentLayout } from '../../tools/pipeline/models/sites/parliament-hill.ts'

describe('model budgets', () => {
  it('rejects a model over the size, draw-call and triangle budgets', () => {
    const problems = budgetProblems(
      {
        bytes: BUDGET.maxModelBytes + 1,
        drawCalls: BUDGET.maxDrawCalls + 1,
        triangles: BUDGET.maxTriangles + 1,
      },
      'big.glb',
      'model',
    )
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('bytes'),
      expect.stringContaining('draw calls'),
      expect.stringContaining('triangles'),
    ])
  })

  it('holds a proxy to the smaller size budget', () => {
    const stats = { bytes: BUDGET.maxProxyBytes + 1, drawCalls: 1, triangles: 12 }
    expect(budgetProblems(stats, 'p.glb', 'model')).toEqual([])
    expect(budgetProblems(stats, 'p.glb', 'proxy')).toHaveLength(1)
  })

  it('counts one draw call per primitive and the triangles of each', () => {
    const scene = new SiteScene(1)
    scene.geo('a').box([0, 0, 0], [1, 1, 1], [0.5, 0.5, 0.5])
    scene.geo('a', 'glass').box([2, 0, 0], [3, 1, 1], [0.5, 0.5, 0.5])
    scene.geo('b').box([4, 0, 0], [5, 1, 1], [0.5, 0.5, 0.5], { bottom: true })
    expect(measureDocument(sceneToDocument(scene, 't'))).toEqual({ drawCalls: 3, triangles: 10 + 10 + 12 })
  })
})

describe('geometry toolkit', () => {
  it('is deterministic for a seed', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()])
  })

  it('builds solids with outward normals', () => {
    const g = new Geo()
    g.box([-1, -1, -1], [1, 1, 1], [1, 1, 1], { bottom: true })
    for (let v = 0; v < g.vertexCount; v++) {
      const p = g.positions.slice(v * 3, v * 3 + 3)
      const n = g.normals.slice(v * 3, v * 3 + 3)
      // On a box centred on the origin every face normal points the same way as its corners.
      expect(p.reduce((s, x, i) => s + x * (n[i] ?? 0), 0)).toBeGreaterThan(0)
    }
  })
})

describe('site builds', () => {
  it('builds Parliament Hill byte-identically twice', async () => {
    const [a, b] = [await buildSite('parliament-hill'), await buildSite('parliament-hill')]
    expect(Buffer.from(a.glb).equals(Buffer.from(b.glb))).toBe(true)
    expect(Buffer.from(a.proxy).equals(Buffer.from(b.proxy))).toBe(true)
    expect(a.layoutJson).toBe(b.layoutJson)
  })

  it('flags an anchor hidden behind a building', async () => {
    const { scene } = await buildSite('parliament-hill')
    const behind = {
      ...parliamentLayout,
      anchors: { ...parliamentLayout.anchors, hidden: [0, 10, -40] as const },
    }
    expect(checkLayout(behind, scene, 'x.json').map((p) => p.message)).toEqual([
      expect.stringContaining('anchor "hidden" is hidden'),
    ])
  })
})
