/**
 * The security watch every browser test runs under (through the auto fixture in fixtures.ts), and
 * that a spec can also put on a browser context it creates itself (an embedding page, a second
 * visitor):
 * - every request that leaves the allowed origins is recorded and aborted (page, iframes,
 *   dedicated and service workers: the context sees them all), and so is every WebSocket;
 * - every `securitypolicyviolation` event, in the page and in every frame, is recorded with what
 *   was blocked and where; CSP refusals the browser only logs (in workers) are recorded from the
 *   console.
 * `expectSecure()` fails the test if anything was recorded. Used by every mode's specs.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test'

export type Violation = { directive: string; blocked: string; source: string; sample: string; page: string }

export type SecurityWatch = {
  /** Requests to other origins (aborted). */
  external: string[]
  /** CSP violations, as events or as the browser's own console report. */
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
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (inScope(url)) return route.fallback()
    return route.abort('blockedbyclient')
  })
  // The request event also sees what a page-level route fulfils and what service workers fetch.
  context.on('request', (request) => {
    if (!inScope(request.url())) watch.external.push(request.url())
  })
  const onPage = (page: Page) => {
    page.on('websocket', (ws) => {
      if (!inScope(ws.url().replace(/^ws/, 'http'))) watch.external.push(ws.url())
    })
    page.on('console', (m) => {
      const text = m.text()
      if (m.type() === 'error' && /Content Security Policy/i.test(text))
        watch.violations.push({
          directive: '(console)',
          blocked: '',
          source: '',
          sample: text,
          page: page.url(),
        })
    })
  }
  context.pages().forEach(onPage)
  context.on('page', onPage)
  await context.exposeBinding(BINDING, ({ frame }, v: Omit<Violation, 'page'>) => {
    watch.violations.push({ ...v, page: frame.url() })
  })
  await context.addInitScript((binding) => {
    addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as Record<string, (v: unknown) => void>)[binding]
        report?.({
          directive: e.effectiveDirective || e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          sample: e.sample,
        })
      },
      true,
    )
  }, BINDING)
  return watch
}

/** Fail the test on any request that left the allowed origins or any CSP violation. */
export function expectSecure(watch: SecurityWatch) {
  expect(watch.external, 'requests that left the origin').toEqual([])
  expect(watch.violations, 'Content-Security-Policy violations').toEqual([])
}
