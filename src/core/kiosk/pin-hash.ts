/**
 * The operator PIN as the kiosk configuration holds it: never the digits, only a salted,
 * deliberately slow hash (PBKDF2-HMAC-SHA-256, a random salt per PIN, many iterations), written by
 * `npm run kiosk -- --set-pin`:
 *
 *   pbkdf2-sha256$<iterations>$<salt, base64url>$<derived key, base64url>
 *
 * PBKDF2 because the browser can verify it with WebCrypto (`crypto.subtle.deriveBits`), and Node
 * can write it with `crypto.pbkdf2`. This module only reads and writes the text form; the
 * derivation is passed in (WebCrypto in the page, node:crypto in the tool), so the core stays pure.
 */

export const PIN_HASH_SCHEME = 'pbkdf2-sha256'

/** Iterations written by `--set-pin` (OWASP's 2023 figure for PBKDF2-HMAC-SHA-256). */
export const PIN_HASH_ITERATIONS = 600_000

/** Fewer iterations than this are refused: a configuration cannot weaken the hash. */
export const PIN_HASH_MIN_ITERATIONS = 100_000

/** Above this a kiosk would take too long to check a PIN (a configuration cannot stall it). */
export const PIN_HASH_MAX_ITERATIONS = 10_000_000

export const PIN_SALT_BYTES = 16
export const PIN_KEY_BYTES = 32

/** The digits an operator may choose: 6 to 12 (4 digits are too few once a hash is known). */
export const PIN_DIGITS = { min: 6, max: 12 } as const

export const isPinDigits = (pin: string) => new RegExp(`^\\d{${PIN_DIGITS.min},${PIN_DIGITS.max}}$`).test(pin)

export type PinHash = { iterations: number; salt: Uint8Array; key: Uint8Array }

/** Derives `bytes` bytes of PBKDF2-HMAC-SHA-256 from the PIN's UTF-8 text. */
export type Pbkdf2 = (pin: string, salt: Uint8Array, iterations: number, bytes: number) => Promise<Uint8Array>

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = [18, 12, 6, 0].map((s) => B64[(n >> s) & 63]!)
    out += chars.slice(0, Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))).join('')
  }
  return out
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const c of text) {
    value = (value << 6) | B64.indexOf(c)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((value >> bits) & 255)
    }
  }
  return Uint8Array.from(out)
}

/** The text form of a hash; `parsePinHash` reads it back. */
export function formatPinHash({ iterations, salt, key }: PinHash): string {
  return [PIN_HASH_SCHEME, String(iterations), toBase64Url(salt), toBase64Url(key)].join('$')
}

/** Why a configured value is not a usable PIN hash, in words for the operator; null when it is. */
export function pinHashProblem(value: unknown): string | null {
  if (typeof value !== 'string')
    return 'must be the text written by `npm run kiosk -- --set-pin` (a salted hash, never the digits)'
  if (/^\d+$/.test(value) || value.startsWith('sha256:'))
    return 'holds the PIN itself or its unsalted SHA-256, which a copy of the file gives away; set it again with `npm run kiosk -- --set-pin`'
  const parts = value.split('$')
  if (parts.length !== 4 || parts[0] !== PIN_HASH_SCHEME)
    return `must be "${PIN_HASH_SCHEME}$<iterations>$<salt>$<key>", as written by \`npm run kiosk -- --set-pin\``
  const iterations = Number(parts[1])
  if (
    !/^\d+$/.test(parts[1]!) ||
    iterations < PIN_HASH_MIN_ITERATIONS ||
    iterations > PIN_HASH_MAX_ITERATIONS
  )
    return `must use ${PIN_HASH_MIN_ITERATIONS} to ${PIN_HASH_MAX_ITERATIONS} iterations; set it again with \`npm run kiosk -- --set-pin\``
  const salt = fromBase64Url(parts[2]!)
  const key = fromBase64Url(parts[3]!)
  if (!salt || salt.length < PIN_SALT_BYTES) return `must have a salt of at least ${PIN_SALT_BYTES} bytes`
  if (!key || key.length !== PIN_KEY_BYTES) return `must have a key of ${PIN_KEY_BYTES} bytes`
  return null
}

export function parsePinHash(value: string): PinHash | null {
  if (pinHashProblem(value) !== null) return null
  const [, iterations, salt, key] = value.split('$') as [string, string, string, string]
  return { iterations: Number(iterations), salt: fromBase64Url(salt)!, key: fromBase64Url(key)! }
}

/** Hash a new PIN (the tool's side). */
export async function hashPin(
  pin: string,
  derive: Pbkdf2,
  salt: Uint8Array,
  iterations = PIN_HASH_ITERATIONS,
): Promise<string> {
  if (!isPinDigits(pin)) throw new Error(`the PIN must be ${PIN_DIGITS.min} to ${PIN_DIGITS.max} digits`)
  const key = await derive(pin, salt, iterations, PIN_KEY_BYTES)
  return formatPinHash({ iterations, salt, key })
}

/** Compare without an early exit, so the time taken does not tell how much was right. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/** Whether `entered` is the PIN of `stored` (a hash from `formatPinHash`). */
export async function verifyPin(entered: string, stored: string, derive: Pbkdf2): Promise<boolean> {
  const hash = parsePinHash(stored)
  if (!hash || !/^\d{1,12}$/.test(entered)) return false
  return sameBytes(await derive(entered, hash.salt, hash.iterations, hash.key.length), hash.key)
}
