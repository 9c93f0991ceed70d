// Types of security-policy.mjs (plain JavaScript, so the Node server runs it without a build).
export declare const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>>
export declare const CSP_REPORT_PATH: '/csp-report'
export declare const PERMISSIONS: Readonly<{ granted: readonly string[]; denied: readonly string[] }>
export declare function parseOrigins(values: readonly unknown[]): { origins: string[]; errors: string[] }
export declare function embedOrigins(root: string, env?: Record<string, string | undefined>): string[]
export declare function inlineScriptHashes(html: string): string[]
export type PolicyOptions = { embedders?: readonly string[]; scriptHashes?: readonly string[] }
export declare function contentSecurityPolicy(options?: PolicyOptions): string
export declare function permissionsPolicy(): string
export declare function securityHeaders(options?: PolicyOptions): Record<string, string>
export declare function headersConfig(
  format: '_headers' | 'nginx' | 'apache',
  options?: PolicyOptions,
): string
export declare function headersFile(options?: PolicyOptions): string
