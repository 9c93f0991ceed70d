/**
 * Hostile messages (src/core/security/message-gate.ts, for the embed API): only exact allowed origins,
 * only the expected window, only small plain payloads the schema accepts; fuzzed, it never throws
 * and never lets anything else through.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { messageGate, plainData } from '../../src/core/security/message-gate'

/** Property tests run hundreds of cases; on a loaded shared machine they need more than 5 s. */
const FUZZ_TIMEOUT = 60_000

const SCHOOL = 'https://school.example'
/** A stand-in for the embed API's commands (the real schema lives with the embed mode). */
const Command = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('goto'),
    tour: z.string().regex(/^[a-z0-9-]+$/),
    stop: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('set-language'), lang: z.enum(['en', 'fr']) }),
])
const parent = { name: 'parent window' }
const gate = messageGate({ origins: [SCHOOL], schema: Command, source: () => parent })
const GOTO = { type: 'goto', tour: 'parliament-hill' }

describe('the message gate', () => {
  it('accepts a valid command from the allowed origin and window', () => {
    expect(gate.accept({ origin: SCHOOL, source: parent, data: GOTO })).toEqual(GOTO)
  })

  it.each([
    'https://school.example/',
    'https://School.example',
    'https://school.example:443',
    'https://school.example.evil.example',
    'https://evil.example',
    'http://school.example',
    'https://evil.example#https://school.example',
    'null',
    '',
    ' https://school.example',
  ])('ignores origin %j', (origin) => {
    expect(gate.accept({ origin, source: parent, data: GOTO })).toBeNull()
  })

  it('ignores the right origin from another window (a popup, a sibling frame)', () => {
    expect(gate.accept({ origin: SCHOOL, source: { name: 'other' }, data: GOTO })).toBeNull()
    expect(gate.accept({ origin: SCHOOL, source: null, data: GOTO })).toBeNull()
  })

  it.each([
    ['a string', JSON.stringify(GOTO)],
    ['an unknown command', { type: 'eval', code: 'alert(1)' }],
    ['an extra field', { ...GOTO, extra: 1 }],
    ['a __proto__ key', JSON.parse('{"type":"goto","tour":"x","__proto__":{"polluted":true}}')],
    ['a hostile tour id', { type: 'goto', tour: '../../etc' }],
    ['a huge payload', { type: 'goto', tour: 'a'.repeat(100_000) }],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = { type: 'goto', tour: 'x' }
        o['self'] = o
        return o
      })(),
    ],
    ['a BigInt', { type: 'goto', tour: 'x', n: 1n }],
    [
      'a throwing getter',
      {
        type: 'goto',
        get tour(): string {
          throw new Error('boom')
        },
      },
    ],
    [
      'a function',
      {
        type: 'goto',
        tour: 'x',
        toJSON: () => {
          throw new Error('boom')
        },
      },
    ],
    ['null', null],
    ['undefined', undefined],
  ])('ignores %s without throwing', (_name, data) => {
    expect(gate.accept({ origin: SCHOOL, source: parent, data })).toBeNull()
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it(
    'fuzzed origins: only the exact allowed origin passes',
    () => {
      const origins = fc.oneof(
        fc.webUrl().map((u) => new URL(u).origin),
        fc.string(),
        fc.constantFrom(SCHOOL, 'null'),
        fc.tuple(fc.constantFrom(SCHOOL), fc.string({ maxLength: 4 })).map(([a, b]) => a + b),
      )
      fc.assert(
        fc.property(origins, (origin) => {
          const result = gate.accept({ origin, source: parent, data: GOTO })
          expect(result === null).toBe(origin !== SCHOOL)
        }),
        { numRuns: 1000 },
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'fuzzed payloads: never throws, passes only what the schema accepts, as a plain copy',
    () => {
      const commands = fc.oneof(
        fc.record({ type: fc.constant('goto'), tour: fc.stringMatching(/^[a-z0-9-]{1,12}$/) }),
        fc.record({ type: fc.constant('set-language'), lang: fc.constantFrom('en', 'fr', 'de') }),
      )
      fc.assert(
        fc.property(
          fc.oneof(
            fc.anything({
              withBigInt: true,
              withMap: true,
              withSet: true,
              withDate: true,
              withTypedArray: true,
              withNullPrototype: true,
            }),
            commands,
          ),
          (data) => {
            const result = gate.accept({ origin: SCHOOL, source: parent, data })
            if (result === null) return
            expect(Command.safeParse(result).success).toBe(true)
            expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
            expect(result).not.toBe(data)
          },
        ),
        { numRuns: 1000 },
      )
    },
    FUZZ_TIMEOUT,
  )

  it('plainData drops what JSON cannot carry', () => {
    expect(plainData({ a: new Date(0), b: undefined, c: () => 1 })).toEqual({ a: '1970-01-01T00:00:00.000Z' })
    expect(plainData('x'.repeat(20_000))).toBeUndefined()
  })
})
