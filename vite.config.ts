import react from '@vitejs/plugin-react'
import { dirname, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { portageKiosk } from './tools/kiosk/vite-kiosk'
import { portageContent } from './tools/build/vite-content'
import { portageSecurity } from './tools/build/vite-security.ts'
import { portageSharePages } from './tools/build/vite-share-pages'

const root = dirname(fileURLToPath(import.meta.url))

/**
 * @react-three/xr can inject its own copy of IWER (with its dev UI and ~5 MB of synthetic rooms)
 * through a dynamic import that Vite would build even though we never enable it: `?emulate=quest3`
 * installs IWER itself (src/modes/xr/emulator.ts). This swaps that import for a stub.
 */
const noBuiltInXrEmulator: Plugin = {
  name: 'portage:no-built-in-xr-emulator',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === './emulate.js' && importer?.replaceAll('\\', '/').includes('/@pmndrs/xr/dist/'))
      return '\0portage-no-xr-emulator'
    return null
  },
  load(id) {
    if (id === '\0portage-no-xr-emulator')
      return `export function emulate() { throw new Error('use ?emulate=quest3 (src/modes/xr/emulator.ts)') }`
    return null
  },
}

/**
 * `?emulate=quest3` gives the emulator one synthetic room for AR (src/modes/xr/emulator.ts loads
 * `office_small`). @iwer/sem's registry imports all five of its rooms (4.5 MB) and its UMD branch
 * names a CDN: the registry becomes the one room, and the UMD flag is false in our ES build, so the
 * CDN address is dropped as dead code and nothing of another origin is in dist/. Test builds only
 * ever load it (`?emulate=`).
 */
const oneSemRoom: Plugin = {
  name: 'portage:one-sem-room',
  enforce: 'pre',
  resolveId(source, importer) {
    const fromSem = importer?.replaceAll('\\', '/').includes('/@iwer/sem/lib/src/')
    if (source === './registry.js' && fromSem) return '\0portage-sem-room'
    // Its own three.js (its room's raycasts and passthrough view), kept apart from the app's: shared,
    // the bundler splits the app's three.js out of the 3D chunk, which costs every deep link.
    if (source === 'three' && fromSem)
      return resolvePath(root, 'node_modules/@iwer/sem/node_modules/three/build/three.module.js')
    return null
  },
  transform(code, id) {
    // A paper cited in a shader comment of that copy, written as an address dist-check would
    // (rightly) flag: the citation stays, without the scheme.
    if (!id.replaceAll('\\', '/').includes('/@iwer/sem/node_modules/three/')) return null
    return { code: code.replaceAll('https://jcgt.org/', 'jcgt.org/'), map: null }
  },
  load(id) {
    if (id === '\0portage-sem-room')
      return `export const Environments = { office_small: () => import('@iwer/sem/lib/captures/office_small.json') }`
    return null
  },
}

/**
 * R3F's <Canvas> registers the whole `three` namespace for its JSX elements, which keeps all of
 * three.js in the 3D chunk. The build drops that call; src/features/stage/three-catalogue.ts registers the
 * classes the app uses instead (and a unit test keeps that list complete). A new R3F whose Canvas
 * reads differently fails the build here rather than silently shipping all of three again.
 */
const threeCatalogue: Plugin = {
  name: 'portage:three-catalogue',
  apply: 'build',
  transform(code, id) {
    if (!/[\\/]@react-three[\\/]fiber[\\/]dist[\\/]react-three-fiber\.esm\.js$/.test(id)) return null
    const call = 'React.useMemo(() => extend(THREE), []);'
    if (!code.includes(call))
      this.error(`${id} no longer registers three with "${call}": update portage:three-catalogue`)
    // Blanked, not removed: every other position in the file (and its source map) stays as it was.
    return { code: code.replace(call, ' '.repeat(call.length)), map: null }
  },
}

export default defineConfig({
  plugins: [
    react(),
    portageContent(root),
    portageSharePages(root),
    portageKiosk(root),
    ...portageSecurity(root),
    noBuiltInXrEmulator,
    oneSemRoom,
    threeCatalogue,
  ],
  define: { __IS_UMD__: 'false' },
  resolve: {
    // IWER's dev UI nests its own three; dedupe keeps one copy of three and React.
    dedupe: ['three', 'react', 'react-dom'],
  },
  build: {
    // `assets/` is our content folder (served at /assets/): keep Vite's hashed output apart.
    assetsDir: 'app',
    target: 'es2022',
    // The live group tour's chunk is imported by the page shell only for a group's address: its
    // list of chunks to preload would sit in every visitor's first script (a few hundred bytes).
    // Its own static imports fetch them in the group (docs/live.md). Its style sheet stays on the
    // list: a chunk's CSS is loaded only through it.
    modulePreload: {
      resolveDependencies: (filename, deps) =>
        /(^|\/)live-[\w-]+\.js$/.test(filename) ? deps.filter((d) => d.endsWith('.css')) : deps,
    },
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Each way in is its own chunk (src/shells/<way>/main), so the code they share would
          // otherwise be split into many small chunks, each one more request and a few hundred bytes
          // of import glue before the page is ready. What every page needs at start goes in three
          // chunks: react-dom, React, and `app` (the store, state, the engine, i18n, the catalog and
          // the page's frame). Three rather than one: on a slow link the page's code then arrives
          // over parallel requests beside the 3D code instead of queued in one large chunk (a deep
          // link was 0.3 s later to be interactive with all three in one). Only the modules named
          // here move: their dependencies stay where they were (the first script's own modules
          // must not end up behind these chunks). The size budgets (npm run size) say when a change
          // here costs the visitor; dist-check fails if two chunks import each other.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'react-dom', test: /\/node_modules\/(react-dom|scheduler)\//, priority: 3 },
            { name: 'react', test: /\/node_modules\/react\//, priority: 2 },
            // The tour view's pieces that another way in makes before the view (the kiosk's and the
            // live tour's headset, the narration player): one chunk, as when only the view used them.
            {
              name: 'tour-view',
              test: /\/src\/(modes\/xr\/((headset|xr-mode)-store|comfort)|features\/narration\/(NarrationAudio|Captions|captions)|core\/content\/webvtt)\./,
              priority: 1,
            },
            {
              name: 'app',
              test: new RegExp(
                [
                  '/src/state/',
                  '/src/shells/(mount|visitor-store)\\.',
                  '/src/shells/page/(App|LazyTourView)\\.',
                  '/src/core/(i18n|engine)/',
                  '/src/core/content/(issues|quick-check|catalog)\\.',
                  // The page's frame and everything it imports statically: a module left out
                  // lands in a chunk that imports this one back, and two chunks that import each
                  // other run in the wrong order ("x is not a function" at load).
                  '/src/features/(chrome|landing|settings|help)/',
                  '/src/features/share/ShareButton\\.',
                  '/src/features/tour/TourSkeleton\\.',
                  '/src/features/narration/narration-output(-context)?\\.',
                  '/node_modules/zustand/esm/(vanilla|react)\\.',
                ].join('|'),
              ),
            },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
})
