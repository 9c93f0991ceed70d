// Types of basis-no-eval.mjs (plain JavaScript, run by tools/build/copy-decoders.mjs at install).
export declare const REPLACEMENTS: readonly { name: string; start: string; end: string; with: string }[]
export declare const CODE_GENERATION: RegExp
export declare function patchBasisTranscoder(source: string): string
