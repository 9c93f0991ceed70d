import { describe, expect, it } from 'vitest'
import {
  initialWatchdog,
  nextReloadAt,
  RELOAD_BUDGET,
  WATCHDOG,
  watchdogStep,
  type Observation,
  type WatchdogAction,
} from '../../../src/modes/kiosk/logic/watchdog'

/** Feed observations every 500 ms; frames and page frames advance as the callback says. */
function simulate(until: number, observe: (now: number) => Omit<Observation, 'now'>) {
  let s = initialWatchdog(0)
  const actions: [number, WatchdogAction][] = []
  for (let now = 500; now <= until; now += WATCHDOG.intervalMs) {
    const r = watchdogStep(s, { now, ...observe(now) })
    s = r.state
    if (r.action) actions.push([now, r.action])
  }
  return actions
}

describe('kiosk watchdog', () => {
  it('does nothing while frames come', () => {
    expect(
      simulate(60_000, (t) => ({ frames: t, pageFrames: t, contextLost: false, expectFrames: true })),
    ).toEqual([])
  })

  it('a stalled loop: restarts it, then reloads within the 5 s budget', () => {
    // The 3D view stops drawing at 10 s while the browser keeps producing frames.
    const actions = simulate(20_000, (t) => ({
      frames: Math.min(t, 10_000),
      pageFrames: t,
      contextLost: false,
      expectFrames: true,
    }))
    expect(actions[0]).toEqual([10_000 + WATCHDOG.stallMs, 'restart-loop'])
    const reload = actions.find(([, a]) => a === 'reload')!
    expect(reload[0] - 10_000).toBeLessThanOrEqual(5000 - WATCHDOG.intervalMs)
  })

  it('a stall that the restart fixes is reported recovered, with no reload', () => {
    const actions = simulate(20_000, (t) => ({
      frames: t < 10_000 || t > 12_000 ? t : 10_000,
      pageFrames: t,
      contextLost: false,
      expectFrames: true,
    }))
    expect(actions.map(([, a]) => a)).toEqual(['restart-loop', 'recovered'])
  })

  it('a slow machine (few animation frames, the 3D view drawing in each) is not a stall', () => {
    // One animation frame every 3 s, drawn every time.
    const actions = simulate(60_000, (t) => {
      const n = Math.floor(t / 3000)
      return { frames: n, pageFrames: n, contextLost: false, expectFrames: true }
    })
    expect(actions).toEqual([])
  })

  it('a busy machine (no animation frame at all) is not a stall', () => {
    const actions = simulate(30_000, (t) => {
      const frozen = t > 5000 && t < 25_000
      return {
        frames: frozen ? 5000 : t,
        pageFrames: frozen ? 5000 : t,
        contextLost: false,
        expectFrames: true,
      }
    })
    expect(actions).toEqual([])
  })

  it('no stall while no frame is expected (hidden page, no 3D view)', () => {
    expect(
      simulate(30_000, (t) => ({ frames: 0, pageFrames: t, contextLost: false, expectFrames: false })),
    ).toEqual([])
  })

  it('a lost context: waits for the browser, restores it by hand, then reloads, all within 5 s', () => {
    const actions = simulate(20_000, (t) => ({
      frames: t,
      pageFrames: t,
      contextLost: t >= 10_000,
      expectFrames: true,
    }))
    expect(actions.slice(0, 2)).toEqual([
      [10_000 + WATCHDOG.restoreAfterMs, 'restore-context'],
      [10_000 + WATCHDOG.reloadAfterMs, 'reload'],
    ])
    expect(WATCHDOG.reloadAfterMs + WATCHDOG.intervalMs).toBeLessThanOrEqual(5000)
  })

  it('a context the restore brings back is recovered', () => {
    const actions = simulate(20_000, (t) => ({
      frames: t,
      pageFrames: t,
      contextLost: t >= 10_000 && t < 11_500,
      expectFrames: true,
    }))
    expect(actions).toEqual([
      [10_000 + WATCHDOG.restoreAfterMs, 'restore-context'],
      [11_500, 'recovered'],
    ])
  })

  it('rations reloads so a lasting fault is not a reload loop', () => {
    const w = RELOAD_BUDGET.windowMs
    expect(nextReloadAt([], 1000)).toBe(1000)
    expect(nextReloadAt([0, 10_000], 20_000)).toBe(20_000)
    expect(nextReloadAt([0, 10_000, 15_000], 20_000)).toBe(w)
    expect(nextReloadAt([0, 10_000, 15_000], w + 1)).toBe(w + 1)
  })
})
