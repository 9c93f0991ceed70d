// Types of size-check.mjs (plain JavaScript, run by `npm run size`).
import type { SizeLimitCheck } from './size-budgets.mjs'

export type ApiCheck = SizeLimitCheck & {
  files: string[]
  sizeLimit: number
  size?: number
  passed?: boolean
}
export declare function toApiCheck(check: SizeLimitCheck): ApiCheck
export declare function runSizeCheck(
  checks: readonly SizeLimitCheck[],
  log?: (line: string) => void,
): Promise<boolean>
