// Types of delivery-policy.mjs (plain JavaScript, so the Node server runs it without a build).
export type Coding = 'br' | 'gzip'
export declare const IMMUTABLE_PREFIX: '/app/'
export declare const CACHE_CONTROL: Readonly<{ immutable: string; revalidate: string }>
export declare const HASHED_NAME: RegExp
export declare function cacheControl(urlPath: string): string
export declare const COMPRESSIBLE: readonly string[]
export declare const ENCODINGS: Readonly<Record<Coding, { suffix: '.br' | '.gz' }>>
export declare const DECODED_LENGTH_HEADER: 'Portage-Decoded-Length'
export declare const MIN_SAVING: number
export declare function isCompressible(path: string): boolean
export declare function isSibling(path: string): boolean
export declare function encode(bytes: Uint8Array, coding: Coding): Promise<Buffer>
export declare function decode(bytes: Uint8Array, coding: Coding): Buffer
export declare function negotiateEncoding(
  header: string | undefined | null,
  available: readonly Coding[],
): Coding | 'identity'
