import { describe, expect, it } from 'vitest'
import { IDLE_NARRATION, type Narration } from '../../src/core/engine/tour-engine'
import { selectPlayButton } from '../../src/state/selectors'
import type { AppState } from '../../src/state/store'

const withNarration = (n: Partial<Narration>) =>
  ({ engine: { narration: { ...IDLE_NARRATION, ...n } } }) as unknown as AppState

describe('the narration button, the same on the page and in the headset', () => {
  it('pauses what plays or loads, resumes what was paused part-way, else plays', () => {
    expect(selectPlayButton(withNarration({ status: 'playing', time: 3 }))).toBe('pause')
    expect(selectPlayButton(withNarration({ status: 'loading' }))).toBe('pause')
    expect(selectPlayButton(withNarration({ status: 'paused', time: 3 }))).toBe('resume')
    expect(selectPlayButton(withNarration({ status: 'paused', time: 0 }))).toBe('play')
    expect(selectPlayButton(withNarration({ status: 'ended', time: 9 }))).toBe('play')
    expect(selectPlayButton(withNarration({ status: 'idle' }))).toBe('play')
  })
})
