import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Tour } from '../../src/core/content/schema'
import { handoutModel } from '../../src/features/handout/handout-model'
import { makeTour } from './tour-fixture'

describe('lesson handout content', () => {
  it('has every stop and story with its transcript and sources, in the chosen language', () => {
    const tour = makeTour('t')
    const h = handoutModel(tour, 'fr')
    expect(h.title).toBe('Test tour (fr)')
    expect(h.stops.map((s) => s.number)).toEqual([1, 2, 3])
    expect(h.stops[0]!.stories.map((s) => s.id)).toEqual(['a', 'b', 'c'])
    expect(h.stops[0]!.stories[0]).toMatchObject({
      title: 'Title a (fr)',
      body: 'Body a (fr)',
      transcript: 'Texte a.',
      transcriptLang: 'fr',
      sources: [{ url: 'https://www.canada.ca/en.html' }],
    })
    expect(h.storyCount).toBe(6)
  })

  it('lists the values covered in the canonical order, with their stories', () => {
    const tour = makeTour('t')
    tour.stops[2]!.hotspots[0]!.value = 'reconciliation'
    tour.stops[0]!.hotspots[1]!.value = 'human-rights'
    const h = handoutModel(tour, 'en')
    expect(h.values.map((v) => v.value)).toEqual(['human-rights', 'reconciliation', 'democracy'])
    expect(h.values[0]!.stories).toEqual([{ id: 'b', title: 'Title b' }])
  })

  it('prints the tour’s own discussion questions, and makes none up for a stop without them', () => {
    const tour = makeTour('t')
    tour.stops[0]!.discussion = [
      { en: 'Why?', fr: 'Pourquoi?' },
      { en: 'How?', fr: 'Comment?' },
    ]
    const h = handoutModel(tour, 'fr')
    expect(h.stops[0]!.discussion).toEqual(['Pourquoi?', 'Comment?'])
    expect(h.stops[1]!.discussion).toBeNull()
  })

  it('Parliament Hill has two questions for its stop in both languages', () => {
    const tour = JSON.parse(readFileSync('scenes/parliament-hill/tour.json', 'utf8')) as Tour
    for (const lang of ['en', 'fr']) {
      const h = handoutModel(tour, lang)
      for (const s of h.stops) expect(s.discussion).toHaveLength(2)
    }
  })
})
