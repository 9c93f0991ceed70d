/**
 * The part of the `qrcode` package the app uses (`create`, its module matrix), typed as in
 * @types/qrcode. That package starts with `/// <reference types="node" />` (for its file, stream and
 * Buffer outputs), which would give every browser file Node's globals, `process` and `Buffer`
 * among them: tsconfig.json maps `qrcode` here instead. Tests and tools keep @types/qrcode.
 */

export type QRCodeErrorCorrectionLevel = 'low' | 'medium' | 'quartile' | 'high' | 'L' | 'M' | 'Q' | 'H'
export type QRCodeMaskPattern = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7

export interface QRCodeOptions {
  /** QR Code version; the smallest that fits when not given. */
  version?: number | undefined
  /** @default 'M' */
  errorCorrectionLevel?: QRCodeErrorCorrectionLevel | undefined
  maskPattern?: QRCodeMaskPattern | undefined
  toSJISFunc?: ((codePoint: string) => number) | undefined
}

export type QRCodeSegment =
  | { mode: 'numeric'; data: string | number }
  | { mode: 'alphanumeric'; data: string }
  | { mode: 'byte'; data: Uint8ClampedArray | Uint8Array }
  | { mode: 'kanji'; data: string }
  | { mode?: never; data: string | Uint8ClampedArray | Uint8Array }

/** The symbol's modules, row by row. */
export interface BitMatrix {
  size: number
  data: Uint8Array
  reservedBit: Uint8Array
  set(row: number, col: number, value: number, reserved: boolean): void
  get(row: number, col: number): number
  xor(row: number, col: number, value: number): void
  isReserved(row: number, col: number): number
}

export interface QRCode {
  modules: BitMatrix
  version: number
  errorCorrectionLevel: { bit: 0 | 1 | 2 | 3 }
  maskPattern: QRCodeMaskPattern | undefined
}

export function create(text: string | QRCodeSegment[], options?: QRCodeOptions): QRCode
