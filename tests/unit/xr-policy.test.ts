import { describe, expect, it } from 'vitest'
import { frameAllowsXR } from '../../src/modes/embed/xr-policy'

const framed = { parent: {} } as unknown as Window
const doc = (policy?: { allowsFeature(f: string): boolean }, legacy = false) =>
  (legacy ? { featurePolicy: policy } : { permissionsPolicy: policy }) as unknown as Document

describe('may this frame enter VR?', () => {
  it('a top-level page may', () => {
    const top = {} as Window & { parent: unknown }
    top.parent = top
    expect(frameAllowsXR(doc(), top)).toBe(true)
  })
  it('a frame asks its permissions policy for xr-spatial-tracking', () => {
    const asked: string[] = []
    const allows = (answer: boolean) => ({
      allowsFeature: (f: string) => (asked.push(f), answer),
    })
    expect(frameAllowsXR(doc(allows(true)), framed)).toBe(true)
    expect(frameAllowsXR(doc(allows(false), true), framed)).toBe(false)
    expect(asked).toEqual(['xr-spatial-tracking', 'xr-spatial-tracking'])
  })
  it('a frame in a browser that cannot tell is offered the new tab', () => {
    expect(frameAllowsXR(doc(), framed)).toBe(false)
  })
})
