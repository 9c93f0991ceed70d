import { describe, expect, it } from 'vitest'
import { hitTest, rowOfButtons, wrapText } from '../../../../src/features/xr-panels/panel-layout'

const mono = (s: string) => s.length * 10 // 10 px per character

describe('panel text', () => {
  it('wraps words to the width, keeps accents, and honours line breaks', () => {
    expect(wrapText('La Charte canadienne des droits et libertés', 150, mono)).toEqual([
      'La Charte',
      'canadienne des',
      'droits et',
      'libertés',
    ])
    expect(wrapText('un\ndeux', 1000, mono)).toEqual(['un', 'deux'])
  })
  it('cuts a word longer than a line', () => {
    expect(wrapText('abcdefghij', 40, mono)).toEqual(['abcd', 'efgh', 'ij'])
  })
  it('ends with an ellipsis when there are too many lines', () => {
    const lines = wrapText('one two three four five six', 90, mono, 2)
    expect(lines).toHaveLength(2)
    expect(lines[1]!.endsWith('…')).toBe(true)
    expect(mono(lines[1]!)).toBeLessThanOrEqual(90)
  })
})

describe('panel buttons', () => {
  const rects = rowOfButtons(['prev', 'play', 'next'], 20, 500, 320, 80, 10)
  it('lays a row out evenly', () => {
    expect(rects.map((r) => Math.round(r.x))).toEqual([20, 130, 240])
    expect(rects[2]!.x + rects[2]!.w).toBeCloseTo(340)
  })
  it('finds the button under a texture coordinate (v goes up)', () => {
    // canvas 400 × 600: y = 540 is v = 0.1
    expect(hitTest(rects, 190 / 400, 0.1, 400, 600)).toBe('play')
    expect(hitTest(rects, 5 / 400, 0.1, 400, 600)).toBeNull()
    expect(hitTest(rects, 190 / 400, 0.9, 400, 600)).toBeNull()
  })
})
