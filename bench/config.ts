/** Benchmark settings, as data. */

export type ProfileId = 'slow' | 'fast'

export type Profile = {
  id: ProfileId
  label: string
  /** CDP Network.emulateNetworkConditions, or null for no throttling. */
  network: { latency: number; downloadThroughput: number; uploadThroughput: number } | null
}

export const PROFILES: Record<ProfileId, Profile> = {
  // The slow mobile profile: 1.6 Mbps down, 750 kbps up, 150 ms round trip.
  slow: {
    id: 'slow',
    label: 'Throttled (1.6 Mbps down, 750 kbps up, 150 ms RTT)',
    network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  },
  fast: { id: 'fast', label: 'No throttling (loopback)', network: null },
}

export const BENCH = {
  /** The browser window: a laptop screen. The app's 3D view takes part of it (the panel the rest). */
  viewport: { width: 1280, height: 720 },
  deviceScaleFactor: 1,
  /**
   * Both pages are served by `tools/server/serve.mjs` on this port (PORTAGE_BENCH_PORT overrides
   * it); the plain page under /bench-plain/.
   */
  port: Number(process.env.PORTAGE_BENCH_PORT) || 4285,
  /** After the full model's first frame: damping and late work settle before anything is measured. */
  settleMs: 1500,
  /** Camera orbit: a left-button drag across 80% of the 3D view's width, at constant speed. */
  orbitMs: 5000,
  orbitFrom: 0.1,
  orbitSpan: 0.8,
  /** Frames over which draw calls and triangles are counted (their median is reported). */
  countFrames: 3,
  /** The slowest load we wait for (SwiftShader on a shared 2-core machine is slow). */
  loadTimeoutMs: 180_000,
  /** Chromium flags: WebGL on SwiftShader, and nothing in the background that could use the network. */
  chromiumArgs: [
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
} as const

/** The targets, checked in the report. */
export const TARGETS = {
  landingJsGzipKB: 120,
  stopFrameJsGzipKB: 300,
  slowStopFrameS: 4,
  frameTimeRatio: 1.1,
} as const
