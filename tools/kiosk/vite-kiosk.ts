/**
 * Build step of the kiosk's offline mode: bundles the service worker to `/sw.js` (site root, so
 * its scope is the whole app) and writes into it the precache manifest: every built app file plus
 * every asset of the kiosk's tours (from `scenes/kiosk.json`), each with a content hash, so a new
 * build is a new service worker and only changed files are downloaded again.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'
import { CatalogDocument } from '../../src/core/content/schema'
import { parseTourText } from '../../src/core/content/validate'
import { KIOSK_CONFIG_PATH, parseKioskConfig } from '../../src/core/kiosk/config'
import { isAppFile, manifestVersion, tourAssetPaths, type PrecacheEntry } from '../../src/core/kiosk/precache'

/** Hex digits of a file's SHA-256 kept as its revision (the worker's verify.ts reads as many). */
export const REVISION_HEX = 16

export const SW_SOURCE = 'src/modes/kiosk/sw/sw.ts'
export const SW_FILE = 'sw.js'
const PLACEHOLDER = /(["'`])__PORTAGE_PRECACHE_MANIFEST__\1/

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  )
}

const readText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : null)

/** The kiosk's tours as the app will resolve them: the configured ones, or the whole catalog. */
function kioskTourIds(outDir: string, configText: string | null, log: (m: string) => void): string[] {
  const { config } = parseKioskConfig(configText)
  const catalog = CatalogDocument.safeParse(JSON.parse(readText(join(outDir, 'scenes/catalog.json')) ?? '{}'))
  const all = catalog.success ? catalog.data.tours : []
  if (!catalog.success) log('scenes/catalog.json is invalid: no tour is precached')
  const wanted = config.tours.filter((id) => all.includes(id))
  return wanted.length ? wanted : all
}

/**
 * @param configText The kiosk configuration (the project's `scenes/kiosk.json`, read from the source:
 *   the build does not publish it, see `unpublishKioskConfig`), for the list of tours to carry.
 */
export function buildPrecacheManifest(
  outDir: string,
  configText: string | null,
  log: (m: string) => void = console.warn,
) {
  const files = new Set(
    walk(outDir)
      .map((f) => relative(outDir, f).split(sep).join('/'))
      .filter(isAppFile),
  )
  for (const id of kioskTourIds(outDir, configText, log)) {
    const parsed = parseTourText(readText(join(outDir, `scenes/${id}/tour.json`)) ?? '')
    if (!parsed.ok) {
      log(`kiosk precache: scenes/${id}/tour.json is invalid; its assets are not precached`)
      continue
    }
    for (const asset of tourAssetPaths(parsed.tour)) {
      if (existsSync(join(outDir, 'assets', asset))) files.add(`assets/${asset}`)
      else log(`kiosk precache: assets/${asset} (tour ${id}) is missing`)
    }
  }
  const entries: PrecacheEntry[] = [...files].sort().map((path) => {
    const file = join(outDir, path)
    // Every file, hashed app files too: the worker checks each against its revision before keeping
    // it (src/modes/kiosk/sw/verify.ts), so nothing is carried over or cached on trust.
    const revision = sha(readFileSync(file)).slice(0, REVISION_HEX)
    return { url: `/${path}`, revision, bytes: statSync(file).size }
  })
  return { version: manifestVersion(entries, sha), entries }
}

/**
 * The kiosk configuration holds the operator PIN's hash and says where kiosks run: a build (meant
 * for the public web) does not publish it. The kiosk launcher serves it to its own kiosk
 * (tools/kiosk/launcher.ts); a kiosk on another host gets a copy put there by its operator
 * (docs/kiosk.md).
 */
export function unpublishKioskConfig(outDir: string) {
  for (const suffix of ['', '.br', '.gz'])
    rmSync(join(outDir, `${KIOSK_CONFIG_PATH}${suffix}`), { force: true })
}

export function portageKiosk(root: string): Plugin {
  let outDir = join(root, 'dist')
  let building = false
  return {
    name: 'portage-kiosk',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(root, config.build.outDir)
      building = !config.build.ssr
    },
    buildStart() {
      if (building) this.emitFile({ type: 'chunk', id: join(root, SW_SOURCE), fileName: SW_FILE })
    },
    // Content is copied into dist/ in closeBundle (tools/build/vite-content.ts, listed before this
    // plugin), so the manifest is written last, over the whole output.
    closeBundle: {
      order: 'post',
      handler() {
        unpublishKioskConfig(outDir)
        const swPath = join(outDir, SW_FILE)
        if (!existsSync(swPath)) return
        const manifest = buildPrecacheManifest(outDir, readText(join(root, KIOSK_CONFIG_PATH)), (m) =>
          this.warn(m),
        )
        const source = readFileSync(swPath, 'utf8')
        if (!PLACEHOLDER.test(source)) this.error(`${SW_FILE}: the precache placeholder was not found`)
        // A classic service worker cannot run `import`: a module the worker shares with the page
        // turns into one (the worker then never installs, silently).
        if (/(^|[;}\n])\s*import\s*[{*\w]/.test(source))
          this.error(
            `${SW_FILE} imports a shared chunk: ${SW_SOURCE} may import only modules no page code uses`,
          )
        writeFileSync(
          swPath,
          source.replace(PLACEHOLDER, () => JSON.stringify(manifest)),
        )
        const mb = manifest.entries.reduce((n, e) => n + e.bytes, 0) / 1e6
        this.info?.(
          `kiosk precache: ${manifest.entries.length} files, ${mb.toFixed(1)} MB, version ${manifest.version}`,
        )
      },
    },
  }
}
