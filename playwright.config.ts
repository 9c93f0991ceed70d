import { defineConfig } from '@playwright/test'

import { BASE_PORT as PORT, EMBED_HOST_ORIGINS, WORKERS } from './tests/e2e/ports'

/** Debian's Chromium by default (Playwright's own download is not reachable here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // One lane by default (PORTAGE_E2E_WORKERS, tests/e2e/ports.ts): on 2 cores CPU-rendered WebGL
  // saturates them, and a second lane only slowed each test down. Ports are per lane where files
  // share a server, so a machine with more cores can run more.
  workers: WORKERS,
  // On CI (a shared machine we do not control), a failed test runs once more: one that passes then
  // is listed as "flaky" in the report, to be fixed, without holding back a change that is sound.
  // Locally every failure counts at once.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        // Narration plays in tests without a preceding gesture where a test opens a deep link.
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  webServer: {
    command: `node tools/server/serve.mjs --port ${PORT}`,
    // The embed tests' lesson page (tests/e2e/second-origin.ts) is a site this server lets embed it.
    env: { PORTAGE_EMBED_ORIGINS: EMBED_HOST_ORIGINS.join(' ') },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
})
