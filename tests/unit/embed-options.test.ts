import { describe, expect, it } from 'vitest'
import { EMBED_CONTROLS, fullAppSearch, isEmbedMode, parseEmbedOptions } from '../../src/modes/embed/options'

describe('embed options from the URL', () => {
  it('defaults: narration does not start by itself, captions on, every control', () => {
    const o = parseEmbedOptions('?mode=embed&tour=t')
    expect(o.autoplay).toBe(false)
    expect(o.captions).toBe(true)
    expect([...o.controls]).toEqual([...EMBED_CONTROLS])
  })
  it('reads autoplay, captions and the chosen controls, ignoring unknown ones', () => {
    const o = parseEmbedOptions('?mode=embed&autoplay=1&captions=off&controls=stories,%20Language,nope')
    expect(o).toMatchObject({ autoplay: true, captions: false })
    expect([...o.controls]).toEqual(['stories', 'language'])
    expect([...parseEmbedOptions('?controls=none').controls]).toEqual([])
    expect(parseEmbedOptions('?autoplay=maybe').autoplay).toBe(false)
  })
  it('knows embed mode, and the full-app link keeps the place but drops embed options', () => {
    expect(isEmbedMode('?mode=embed')).toBe(true)
    expect(isEmbedMode('?tour=t')).toBe(false)
    expect(fullAppSearch('?mode=embed&tour=t&stop=s&hotspot=h&lang=fr&autoplay=1&controls=none')).toBe(
      '?tour=t&stop=s&hotspot=h&lang=fr',
    )
  })
})
