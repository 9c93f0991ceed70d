/**
 * Builds the benchmark's plain three.js page (bench/plain/) into bench/tmp/plain-dist/. The bench
 * copies it to dist/bench-plain/ while it runs, so one server serves both pages and both fetch the
 * very same model files. `vite build --config bench/vite.plain.config.ts` (the bench runs it).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: join(here, 'plain'),
  base: '/bench-plain/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: join(here, 'tmp', 'plain-dist'),
    emptyOutDir: true,
    assetsDir: 'app',
    // Same target as the app's build, so both are minified alike.
    target: 'es2022',
    // For the bench's bundle breakdown; maps are never fetched by the page.
    sourcemap: true,
  },
})
