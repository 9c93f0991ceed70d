/**
 * Every port the browser tests listen on, from one base: `PORTAGE_TEST_PORT` (default 4173), the
 * app's own test server. Two checkouts running their tests at once need only different bases.
 *
 * The tests can run in parallel workers (playwright.config.ts). A server a single spec file starts
 * has a port of its own here; a server several spec files start (the embed tests' lesson page)
 * takes one port per worker lane (`TEST_PARALLEL_INDEX`, set by Playwright in each worker), so two
 * files running at once never fight over an address.
 */
export const BASE_PORT = Number(process.env.PORTAGE_TEST_PORT ?? 4173)

/**
 * How many lanes the suite runs in (`PORTAGE_E2E_WORKERS`, default 1); at most this many embed
 * hosts exist at once. On 2 cores with CPU-rendered WebGL, two lanes took as long as one (21 min)
 * and made timing-sensitive tests flaky, so one is the default; more cores can take more.
 */
export const WORKERS = Math.max(1, Number(process.env.PORTAGE_E2E_WORKERS ?? 1))

const lane = Number(process.env.TEST_PARALLEL_INDEX ?? 0)

export const PORTS = {
  app: BASE_PORT,
  /** kiosk-policy.spec.ts: the kiosk's origin and another site. */
  policyKiosk: BASE_PORT + 4,
  policyOther: BASE_PORT + 5,
  /** kiosk-launcher.spec.ts: the launcher's server. */
  launcher: BASE_PORT + 10,
  /** studio.spec.ts: the studio's server. */
  studio: BASE_PORT + 12,
  /** live-relay.spec.ts: a redis-server, two relay processes, and one without Redis. */
  liveRedis: BASE_PORT + 20,
  liveRelayA: BASE_PORT + 21,
  liveRelayB: BASE_PORT + 22,
  liveAlone: BASE_PORT + 23,
  /** faults.spec.ts: a server whose connection dies mid-download. */
  fault: BASE_PORT + 30,
  /** security.spec.ts: a server with an embedder allow-list. */
  embedTest: BASE_PORT + 31,
  /** The embed tests' lesson page (second-origin.ts): one per lane. */
  embedHost: BASE_PORT + 40 + lane,
}

/** The lesson-page origins of every lane: the app's server lets each of them embed it. */
export const EMBED_HOST_ORIGINS = Array.from(
  { length: WORKERS },
  (_, i) => `http://127.0.0.1:${BASE_PORT + 40 + i}`,
)
