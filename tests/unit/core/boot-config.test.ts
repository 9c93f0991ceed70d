/**
 * How the page was asked for (src/core/boot/boot-config.ts): the one place that reads the address
 * at start and decides the way in. Before it, the kiosk and the embed were each recognised in
 * two places (the first script and the app's main), which could disagree.
 */
import { describe, expect, it } from 'vitest'
import { readBootConfig } from '../../../src/core/boot/boot-config'
import { isEmbedMode } from '../../../src/modes/embed/options'

const boot = (search: string) => readBootConfig(search, '/')

describe('the way in', () => {
  it('is the page unless the address asks for another', () => {
    expect(boot('').way).toBe('page')
    expect(boot('?tour=pier-21&lang=fr').way).toBe('page')
    expect(boot('?mode=unknown').way).toBe('page')
  })

  it('is the kiosk, the embed or the handout when asked, the handout first', () => {
    expect(boot('?mode=kiosk').way).toBe('kiosk')
    expect(boot('?mode=embed&tour=pier-21').way).toBe('embed')
    expect(boot('?view=handout&tour=pier-21').way).toBe('handout')
    expect(boot('?view=handout&mode=embed').way).toBe('handout')
    expect(boot('?view=handout&mode=kiosk').way).toBe('handout')
  })

  it('is what the embed options module says too (one decision)', () => {
    for (const search of ['?mode=embed', '?mode=kiosk', '?view=handout&mode=embed', ''])
      expect(isEmbedMode(search)).toBe(boot(search).way === 'embed')
  })
})

describe('a deep link', () => {
  it('names its tour on the page and in the embed only', () => {
    expect(boot('?tour=pier-21').linkedTour).toBe('pier-21')
    expect(boot('?mode=embed&tour=pier-21').linkedTour).toBe('pier-21')
    // The kiosk keeps its own address and starts with its attract loop; the handout reads it itself.
    expect(boot('?mode=kiosk&tour=pier-21').linkedTour).toBeNull()
    expect(boot('?view=handout&tour=pier-21').linkedTour).toBeNull()
  })

  it('never names a tour that cannot be one (checked before anything is fetched)', () => {
    for (const bad of ['../etc/passwd', 'https://evil.example/x', 'Pier 21', '%2e%2e', ''])
      expect(boot(`?tour=${encodeURIComponent(bad)}`).linkedTour).toBeNull()
  })
})

describe('options read at start', () => {
  it('reads the views, diagnostics and language as written', () => {
    expect(boot('?view=2d')).toMatchObject({ flat: true, poster: false })
    expect(boot('?view=poster')).toMatchObject({ flat: false, poster: true })
    expect(boot('?diagnostics=1').diagnostics).toBe(true)
    expect(boot('?diagnostics=true').diagnostics).toBe(false)
    expect(boot('?lang=fr-CA').lang).toBe('fr-CA')
    expect(boot('').lang).toBeNull()
  })

  it('emulates only the headsets it knows', () => {
    expect(boot('?emulate=quest3').emulate).toBe('quest3')
    expect(boot('?emulate=quest9').emulate).toBeNull()
    expect(boot('?emulate=').emulate).toBeNull()
  })

  it('keeps the base and the raw query for the shell', () => {
    expect(readBootConfig('?mode=embed&controls=none', '/tours/')).toMatchObject({
      base: '/tours/',
      search: '?mode=embed&controls=none',
    })
  })
})
