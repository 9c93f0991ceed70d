import { describe, expect, it } from 'vitest'
import type { Cue } from '../../src/core/content/webvtt'
import { mapTime } from '../../src/features/narration/captions'

const en: Cue[] = [
  { id: '1', start: 0, end: 2, text: 'One.' },
  { id: '2', start: 2.4, end: 4, text: 'Two, first part' },
  { id: '2.1', start: 4, end: 6, text: 'and second part.' },
  { id: '3', start: 6.4, end: 8, text: 'Three.' },
]
const fr: Cue[] = [
  { id: '1', start: 0, end: 3, text: 'Un.' },
  { id: '2', start: 3.4, end: 5.4, text: 'Deux.' },
  { id: '3', start: 5.8, end: 7.8, text: 'Trois, première partie' },
  { id: '3.1', start: 7.8, end: 9.8, text: 'et seconde partie.' },
]

describe('resuming narration in the other language', () => {
  it('lands in the same sentence at the same fraction of it', () => {
    // Halfway through English sentence 2 (2.4 → 6) is halfway through French sentence 2 (3.4 → 5.4).
    expect(mapTime(4.2, en, fr, 8, 9.8)).toBeCloseTo(4.4)
    // The start of sentence 3 maps to the start of sentence 3.
    expect(mapTime(6.4, en, fr, 8, 9.8)).toBeCloseTo(5.8)
    // In the pause between sentences 1 and 2: the start of sentence 2.
    expect(mapTime(2.2, en, fr, 8, 9.8)).toBeCloseTo(3.4)
  })
  it('falls back to the same proportion of the audio without sentence ids', () => {
    const bare = en.map(({ start, end, text }) => ({ start, end, text }))
    expect(mapTime(4, bare, fr, 8, 9.8)).toBeCloseTo(4.9)
    expect(mapTime(4, [], [], 0, 10)).toBe(0)
  })
})
