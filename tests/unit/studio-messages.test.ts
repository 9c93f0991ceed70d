/**
 * The studio's check speaks the studio's language: every problem a content team meets while
 * writing (the schema's, the cross-field rules', content:check's, the studio's own) has a French
 * form, with the federal typography, and zod's generic sentences read as plain English.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkTour } from '../../tools/studio/check'
import { frenchMessage, localizeMessage } from '../../tools/studio/messages'

const NB = '\u00a0'
const tour = (id: string) => JSON.parse(readFileSync(`scenes/${id}/tour.json`, 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Tours broken in every way the schema, the rules and content:check report, one tour at a time. */
function brokenTours(): unknown[] {
  const a = tour('pier-21')
  a.version = 'portage.tour/2'
  a.languages = ['en', 'fr', 'en']
  a.title = { en: 'x', fr: '', iu: 'y' }
  a.extra = true
  const s = a.stops[0]
  s.id = 'Pier 21'
  s.startViewpoint = 'nowhere'
  s.viewpoints[0].position = [1, 'a', 2]
  s.viewpoints.push({ ...s.viewpoints[0], position: [0, 0, 0] })
  s.walkableAreas[0].polygon = [[0, 0]]
  s.model.src = 'models/missing.glb'
  s.model.proxy = '../outside.glb'
  s.poster = 'posters/x.gif'
  delete s.discussion
  const h = s.hotspots[0]
  h.value = 'happiness'
  h.sources = [
    { url: 'http://example.org/', title: 'Not https' },
    { url: 'not a url', title: 'x' },
  ]
  h.narration.fr.script = `${h.narration.fr.script} Une phrase de plus.`
  h.narration.en.audio = 'audio/pier-21/nothing.en.mp3'
  delete h.narration.fr.captions
  s.hotspots[1].id = h.id
  s.hotspots[2].sources = []
  s.hotspots[2].title = { en: 'Only English' }
  const b = tour('peggys-cove')
  b.stops[0].hotspots = []
  b.stops[0].discussion = [{ en: 'One?', fr: 'Une ?' }]
  b.stops[0].id = 'peggys-cove'
  b.stops.push({ ...b.stops[0] })
  b.summary = { en: 'x'.repeat(10), fr: 42 }
  return [a, b, 'not a tour', { version: 'portage.tour/1' }]
}

describe('the check in French', () => {
  it('gives every problem of the broken tours a French form', async () => {
    const seen = new Set<string>()
    for (const t of brokenTours())
      for (const p of await checkTour(t, process.cwd(), 'en')) {
        seen.add(p.message)
        expect(frenchMessage(p.message), `${p.jsonPath}: ${p.message}`).toBeDefined()
      }
    // The forms above really were met (the broken tours did not pass by accident).
    expect(seen.size).toBeGreaterThan(25)
  })

  it('answers ?lang=fr in French, typography included', async () => {
    const [broken] = brokenTours()
    const problems = await checkTour(broken, process.cwd(), 'fr')
    const at = (path: string) => problems.find((p) => p.jsonPath === path)?.message
    expect(at('$.title.fr')).toBe('ne doit pas être vide')
    expect(at('$.stops[0].hotspots[0].sources[0].url')).toBe('doit être une adresse https://')
    expect(at('$.stops[0].hotspots[2].title.fr')).toBe('le texte en français manque')
    expect(at('$.stops[0].discussion')).toBe(
      `manque${NB}: l’étape «${NB}Pier 21${NB}» fait partie d’une visite du catalogue${NB}; il lui faut ses deux questions de discussion pour la fiche pédagogique`,
    )
    for (const p of problems) expect(p.message, p.message).not.toMatch(/[^\u00a0][;»]|[^\u00a0]: |«[^\u00a0]/)
  })

  it('rewrites zod’s generic sentences in plain English, and leaves the rest as it is', () => {
    expect(localizeMessage('Too small: expected array to have >=3 items', 'en')).toBe(
      'needs at least 3 items',
    )
    expect(localizeMessage('Too small: expected array to have >=1 items', 'en')).toBe('needs at least 1 item')
    expect(localizeMessage('must be an https:// URL', 'en')).toBe('must be an https:// URL')
    expect(localizeMessage('a sentence no one wrote a form for', 'fr')).toBe(
      'a sentence no one wrote a form for',
    )
  })
})
