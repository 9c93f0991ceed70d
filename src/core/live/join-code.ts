/**
 * What a visitor types as a join code, made canonical: the landing page's field accepts
 * "abcd-2345", "ABCD 2345" or a pasted join link. Tiny and schema-free on purpose: it is on the
 * landing page's path, where the live mode's code (and zod's live schemas) must not be.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JOIN_CODE_LENGTH = 8

/** The code in `input` (upper-cased, separators removed), or null when it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const fromLink = /[?&]join=([^&#\s]+)/.exec(input)?.[1]
  const code = (fromLink ?? input).toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== JOIN_CODE_LENGTH) return null
  return [...code].every((c) => ALPHABET.includes(c)) ? code : null
}

/** "ABCD2345" → "ABCD-2345", easier to read aloud and across a room. */
export const formatJoinCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`
