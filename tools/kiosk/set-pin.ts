/**
 * `npm run kiosk -- --set-pin`: asks for a new operator PIN (twice, without echo) and writes only its
 * salted, slow hash into the kiosk configuration (src/core/kiosk/pin-hash.ts). The digits are kept
 * nowhere. Without a terminal (a script), the PIN is read from the first line of standard input.
 */
import { pbkdf2, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { KIOSK_CONFIG_VERSION } from '../../src/core/kiosk/config'
import { hashPin, isPinDigits, PIN_DIGITS, PIN_SALT_BYTES, type Pbkdf2 } from '../../src/core/kiosk/pin-hash'

export const nodePbkdf2: Pbkdf2 = (pin, salt, iterations, bytes) =>
  new Promise((resolve, reject) =>
    pbkdf2(pin, salt, iterations, bytes, 'sha256', (e, key) =>
      e ? reject(e) : resolve(new Uint8Array(key)),
    ),
  )

/** The configuration's text with `operatorPin` set to the hash of `pin`, everything else kept. */
export async function configWithPin(text: string | null, pin: string, iterations?: number): Promise<string> {
  let config: Record<string, unknown> = { version: KIOSK_CONFIG_VERSION }
  if (text !== null) {
    const parsed = JSON.parse(text) as unknown
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('the kiosk configuration is not a JSON object')
    config = parsed as Record<string, unknown>
  }
  config['operatorPin'] = await hashPin(pin, nodePbkdf2, randomBytes(PIN_SALT_BYTES), iterations)
  return `${JSON.stringify(config, null, 2)}\n`
}

export async function setPinInConfig(file: string, pin: string) {
  writeFileSync(file, await configWithPin(existsSync(file) ? readFileSync(file, 'utf8') : null, pin))
}

function ask(question: string, hidden: boolean): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
    if (hidden) {
      // Echo nothing of what is typed (readline writes through _writeToOutput).
      const internal = rl as unknown as { _writeToOutput: (s: string) => void }
      internal._writeToOutput = (s: string) => {
        if (s.includes(question)) process.stdout.write(question)
      }
    }
    rl.question(question, (answer) => {
      rl.close()
      if (hidden) process.stdout.write('\n')
      resolve(answer.trim())
    })
  })
}

async function firstLineOfStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin })
  for await (const line of rl) {
    rl.close()
    return line.trim()
  }
  return ''
}

/** The new PIN, or null (said why) when it is not acceptable. */
export async function readNewPin(): Promise<string | null> {
  const rule = `${PIN_DIGITS.min} to ${PIN_DIGITS.max} digits`
  let pin: string
  if (process.stdin.isTTY) {
    pin = await ask(`New operator PIN (${rule}): `, true)
    if (isPinDigits(pin) && (await ask('The same PIN again: ', true)) !== pin) {
      console.error('The two PINs differ; nothing was changed.')
      return null
    }
  } else pin = await firstLineOfStdin()
  if (!isPinDigits(pin)) {
    console.error(`The PIN must be ${rule}; nothing was changed.`)
    return null
  }
  return pin
}
