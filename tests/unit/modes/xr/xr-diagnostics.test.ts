import { describe, expect, it } from 'vitest'
import { diagnosticsLines } from '../../../../src/modes/xr/xr-diagnostics'

const snap = {
  frameTimeMs: 12,
  fps: 72,
  drawCallsPerEye: 52,
  views: 2,
  triangles: 123_456,
  geometries: 58,
  textures: 4,
  programs: 6,
}
const resolution = {
  scale: 1,
  budgetMs: 13.89,
  frameMs: 11.2,
  mechanism: 'viewport-scale' as const,
  drops: 0,
  climbs: 0,
}

describe('the in-world diagnostics panel', () => {
  it('shows the frame against its budget, draw calls per eye, resolution and foveation', () => {
    const lines = diagnosticsLines(snap, resolution, 90, 0.5)
    expect(lines.map((l) => l.text)).toEqual([
      'frame 12.0 ms (median) / budget 13.9 ms',
      '72 fps · 90 Hz asked',
      'draw calls 52 per eye (2 views) · 123k triangles',
      'resolution 1.00 (viewport-scale) · 0 down, 0 up',
      'foveation 0.50',
      '58 geometries · 4 textures · 6 programs',
    ])
    expect(lines.some((l) => l.warn)).toBe(false)
  })

  it('marks what is over budget: a slow frame, a lowered resolution, over 100 draw calls per eye', () => {
    const lines = diagnosticsLines(
      { ...snap, drawCallsPerEye: 130, frameTimeMs: 20 },
      { ...resolution, scale: 0.75, drops: 2, climbs: 1 },
      null,
      undefined,
    )
    expect(lines.filter((l) => l.warn).map((l) => l.text.split(' ')[0])).toEqual([
      'frame',
      'draw',
      'resolution',
    ])
    expect(lines[1]!.text).toBe('72 fps · device rate')
    expect(lines[3]!.text).toBe('resolution 0.75 (viewport-scale) · 2 down, 1 up')
    expect(lines[4]!.text).toBe('foveation n/a')
  })
})
