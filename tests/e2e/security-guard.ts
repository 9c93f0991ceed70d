/**
 * The security watch every browser test runs under (through the auto fixture in fixtures.ts), and
 * that a spec can also put on a browser context it creates itself (an embedding page, a second
 * visitor):
 * - every request that leaves the allowed origins is recorded and aborted (pages, iframes,
 *   dedicated and service workers: the context sees them all), and so is every WebSocket;
 * - every Content-Security-Policy violation is recorded, from two sources: the
 *   `securitypolicyviolation` event in every page and frame (immediate, with the source line), and
 *   the policy's own reports (`report-uri /csp-report`), which the browser also sends for
 *   dedicated and service workers, where no page event fires.
 * `expectSecure()` fails the test if anything was recorded. Used by every mode's specs.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test'
import { CSP_REPORT_PATH } from '../../tools/policy/security-policy.mjs'

export type Violation = {
  /** 'event': a securitypolicyviolation event in a page; 'report': the browser's CSP report. */
  via: 'event' | 'report'
  directive: string
  blocked: string
  source: string
  /** The document or worker the violation happened in. */
  page: string
}

export type SecurityWatch = {
  /** Requests to other origins (aborted). */
  external: string[]
  /** CSP violations, as events and as reports. */
  violations: Violation[]
  /** Origins (besides the app's) this test serves itself, e.g. an embedding page. */
  allow(origin: string): void
}

const BINDING = '__portageCspViolation'

/** Start watching a browser context. `allowed`: origins requests may go to (the app's, ...). */
export async function watchSecurity(context: BrowserContext, allowed: string[]): Promise<SecurityWatch> {
  const origins = new Set(allowed.map((o) => new URL(o).origin))
  const watch: SecurityWatch = {
    external: [],
    violations: [],
    allow: (origin) => void origins.add(new URL(origin).origin),
  }
  const inScope = (url: string) => {
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true
    try {
      return origins.has(new URL(url).origin)
    } catch {
      return false
    }
  }
  const isReport = (url: string) => {
    try {
      return new URL(url).pathname === CSP_REPORT_PATH
    } catch {
      return false
    }
  }
  await context.route('**/*', (route) => {
    const url = route.request().url()
    // Reports are read from the request event; the test answers them so servers' logs stay quiet.
    if (isReport(url) && route.request().method() === 'POST') return route.fulfill({ status: 204 })
    if (inScope(url)) return route.fallback()
    return route.abort('blockedbyclient')
  })
  // The request event also sees what a page-level route fulfils and what service workers fetch.
  context.on('request', (request) => {
    if (!inScope(request.url())) watch.external.push(request.url())
    if (isReport(request.url()) && request.method() === 'POST') {
      let report: Record<string, string> = {}
      try {
        report =
          (JSON.parse(request.postData() ?? '{}') as { 'csp-report'?: Record<string, string> })[
            'csp-report'
          ] ?? {}
      } catch {
        // recorded below with what is known
      }
      watch.violations.push({
        via: 'report',
        directive: report['effective-directive'] ?? report['violated-directive'] ?? '?',
        blocked: report['blocked-uri'] ?? '',
        source: `${report['source-file'] ?? ''}:${report['line-number'] ?? ''}`,
        page: report['document-uri'] ?? '',
      })
    }
  })
  const onPage = (page: Page) =>
    page.on('websocket', (ws) => {
      if (!inScope(ws.url().replace(/^ws/, 'http'))) watch.external.push(ws.url())
    })
  context.pages().forEach(onPage)
  context.on('page', onPage)
  await context.exposeBinding(BINDING, ({ frame }, v: Omit<Violation, 'page' | 'via'>) => {
    watch.violations.push({ via: 'event', ...v, page: frame.url() })
  })
  await context.addInitScript((binding) => {
    addEventListener(
      'securitypolicyviolation',
      (e: SecurityPolicyViolationEvent) => {
        const report = (window as unknown as Record<string, (v: unknown) => void>)[binding]
        report?.({
          directive: e.effectiveDirective || e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        })
      },
      true,
    )
  }, BINDING)
  return watch
}

/** How long reports sent at the very end of a test are given to arrive before the check. */
const REPORT_GRACE_MS = 300

/** Fail the test on any request that left the allowed origins or any CSP violation. */
export async function expectSecure(watch: SecurityWatch, page?: Page) {
  if (page && !page.isClosed()) await page.waitForTimeout(REPORT_GRACE_MS)
  expect(watch.external, 'requests that left the origin').toEqual([])
  expect(watch.violations, 'Content-Security-Policy violations').toEqual([])
}
