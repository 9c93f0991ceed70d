// Types of size-budgets.mjs (plain JavaScript: size-limit loads its configuration with Node).
export type Budget = { id: string; name: string; starts: readonly string[] }
export type Module = { path: string; dependency: boolean; size: number }
export type Chunk = { bytes: Buffer; static: string[]; dynamic: string[]; modules: Module[] | null }
export type Build = { dist: string; dir: string; entries: string[]; chunks: Map<string, Chunk> }
export type ChunkSize = { gzip: number; module: string | null }
export type Measured = {
  name: string
  starts: readonly string[]
  files: string[]
  chunks: Record<string, ChunkSize>
  total: number
}
export type BaselineBudget = { starts?: readonly string[]; total: number; chunks: Record<string, ChunkSize> }
export type Baseline = {
  measured: string
  measure: string
  allowance: number
  budgets: Record<string, BaselineBudget>
}
export type Row = {
  chunk: string
  was: string | null
  before: number | null
  after: number | null
  change: number
}
export type SizeLimitCheck = { name: string; path: string[]; gzip: true; limit: string; message: string }

export declare const ALLOWANCE: number
export declare const BUDGETS: readonly Budget[]
export declare const OFF_PATH: readonly string[]
export declare const ROOT: string
export declare const BASELINE_FILE: string
export declare function stableName(file: string): string
export declare function parseImports(code: string): { static: string[]; dynamic: string[] }
export declare function sourceModules(mapFile: string): Module[] | null
export declare function holds(chunk: Chunk, file: string, spec: string): boolean
export declare function largestModule(chunk: Chunk): string | null
export declare function readBuild(dist: string): Build
export declare function staticClosure(build: Build, roots: readonly string[]): string[]
export declare function budgetFiles(
  build: Build,
  budgets?: readonly Budget[],
  offPath?: readonly string[],
): Record<string, string[]>
export declare function chunkKeys(build: Build, files: readonly string[]): Map<string, string>
export declare function gzipSize(bytes: Uint8Array): number
export declare function measure(
  build: Build,
  budgets?: readonly Budget[],
  offPath?: readonly string[],
): Record<string, Measured>
export declare function compare(baseline: Record<string, ChunkSize>, now: Record<string, ChunkSize>): Row[]
export declare function report(budget: Measured, baseline: BaselineBudget, allowance?: number): string
export declare function readBaseline(file?: string): Baseline
export declare function baselineData(
  measured: Record<string, Measured>,
  from: string,
  allowance?: number,
): Baseline
export declare function distDir(env?: Record<string, string | undefined>): string
export declare function sizeLimitChecks(options?: { dist?: string; baseline?: Baseline }): SizeLimitCheck[]
