import { describe, expect, it } from 'vitest'
import { firstStackAddress, isOwnError, isOwnReason } from '../../../src/modes/kiosk/logic/fault-origin'

const ORIGIN = 'http://127.0.0.1:4180'
const withStack = (stack: string) => Object.assign(new Error('x'), { stack })

describe('only our own faults reset a visit', () => {
  it('reads the first address of a Chromium, Firefox or Safari stack', () => {
    expect(
      firstStackAddress(
        'Error: x\n    at f (http://127.0.0.1:4180/app/a.js:1:2)\n    at g (chrome-extension://abc/c.js:3:4)',
      ),
    ).toBe('http://127.0.0.1:4180/app/a.js:1:2')
    expect(firstStackAddress('f@moz-extension://abc/c.js:1:2\n')).toBe('moz-extension://abc/c.js:1:2')
    expect(firstStackAddress('Error: x\n    at <anonymous>:1:1')).toBeNull()
    expect(firstStackAddress(undefined)).toBeNull()
  })
  it('an error in our code is ours', () => {
    expect(isOwnError({ filename: `${ORIGIN}/app/index-x.js`, message: 'boom' }, ORIGIN)).toBe(true)
    expect(isOwnReason(withStack(`TypeError: y\n    at h (${ORIGIN}/app/x.js:9:9)`), ORIGIN)).toBe(true)
    // No place named at all (a value thrown without a stack): taken as ours.
    expect(isOwnReason('just a string', ORIGIN)).toBe(true)
  })
  it('an extension’s, another origin’s or a muted cross-origin error is not', () => {
    expect(isOwnError({ filename: 'chrome-extension://abcdef/content.js', message: 'x' }, ORIGIN)).toBe(false)
    expect(isOwnError({ filename: 'https://cdn.example/x.js', message: 'x' }, ORIGIN)).toBe(false)
    expect(isOwnError({ filename: '', message: 'Script error.' }, ORIGIN)).toBe(false)
    expect(
      isOwnError(
        { filename: '', message: 'x', error: withStack('at safari-web-extension://q/a.js:1:1') },
        ORIGIN,
      ),
    ).toBe(false)
    expect(isOwnReason(withStack('Error: z\n    at chrome-extension://abcdef/bg.js:1:1'), ORIGIN)).toBe(false)
    // Same host, other port: another origin.
    expect(isOwnReason(withStack('at f (http://127.0.0.1:9999/x.js:1:1)'), ORIGIN)).toBe(false)
  })
})
