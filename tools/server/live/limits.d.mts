// Types of limits.mjs (plain JavaScript, so the relay runs under `node` without a build).
export declare function tokenBucket(options: { rate: number; burst: number; now?: () => number }): {
  take(): boolean
}
export declare function joinAttempts(options: {
  limit: number
  windowMs: number
  maxAddresses?: number
  now?: () => number
}): { allowed(address: string): boolean; fail(address: string): void }
