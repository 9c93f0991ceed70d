/**
 * `npm run build` ends with this check of `dist/` (the `postbuild` script): fails (exit 1), naming
 * file and URL, when
 * - a built file references another origin: any absolute URL (`scheme://…`, or `//host` in HTML and
 *   CSS) in the HTML, JavaScript, CSS, JSON, SVG and manifests, except a tour's own source links
 *   (in that tour's file) and the exceptions below, each with the reason it is not a request;
 * - a script or style sheet of index.html lacks a correct sha384 `integrity`, or a JavaScript chunk
 *   is missing from (or wrong in) the import map's integrity table;
 * - a file under app/ has no content hash in its name (app/ is served immutable for a year, so an
 *   un-hashed name there would be cached stale), or a precompressed sibling (`x.js.br`, `x.js.gz`,
 *   tools/build/precompress.ts) does not decode to exactly its file's bytes. Integrity hashes are of
 *   those identity bytes, which is what the browser checks after decoding.
 * Not scanned: precompressed siblings (their decoded bytes are their file's), source maps (`*.map`, read only by developer tools, they hold the libraries' original
 * comments), `_headers` (the server configuration: embedder origins there are permissions, not
 * requests), and binaries (models, audio, images, WebAssembly).
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { type Coding, decode, ENCODINGS, HASHED_NAME, isSibling } from '../policy/delivery-policy.mjs'
import { parseTourText } from '../../src/core/content/validate'
import { publicOrigin } from './share-pages'

export const SCANNED = ['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest'] as const

type Exception = { url: string; match: 'exact' | 'prefix'; files: RegExp; why: string }

const APP_JS = /^app\/[^/]+\.js$/
const NAMESPACE = 'an XML namespace name: the DOM compares it as a string and never fetches it'
const R3F_META =
  '@react-three/fiber imports its own package.json (for its version) and the bundler inlines all of it; this is a metadata field (homepage, bugs, repository, funding, contributors), never fetched'

/** URLs that are in the build but are not requests, and why. Exact unless a prefix is needed. */
export const EXCEPTIONS: readonly Exception[] = [
  {
    // docs/embed.md's example school: named in embed.json's comment and in the message that
    // tells a deployer what an origin looks like. Shown as text, never requested.
    url: 'https://school.example.org',
    match: 'prefix' as const,
    files: /^(app\/[^/]+\.js|scenes\/embed\.json)$/,
    why: 'an example origin in text for deployers, not a request',
  },
  {
    // socket.io-client's error text for a server of the wrong major version (the live mode's
    // chunk): shown in a thrown message, never requested.
    url: 'https://socket.io/docs/v3/migrating-from-2-x-to-3-0/',
    match: 'exact' as const,
    files: /^app\/[^/]+\.js$/,
    why: "a link in socket.io-client's error message, never requested",
  },
  ...[
    'http://www.w3.org/2000/svg',
    'http://www.w3.org/1999/xlink',
    'http://www.w3.org/1999/xhtml',
    'http://www.w3.org/XML/1998/namespace',
    'http://www.w3.org/1998/Math/MathML',
    'http://www.w3.org/2000/xmlns/',
  ].map((url) => ({ url, match: 'exact' as const, files: /\.(js|svg|html)$/, why: NAMESPACE })),
  ...[
    'https://json-schema.org/draft/2020-12/schema',
    'http://json-schema.org/draft-07/schema#',
    'http://json-schema.org/draft-04/schema#',
  ].map((url) => ({
    url,
    match: 'exact' as const,
    files: /^(app\/[^/]+\.js|scenes\/tour\.schema\.json)$/,
    why: "a JSON Schema dialect identifier ($schema) in zod's schema generator and in the authors' tour.schema.json; an identifier, never fetched",
  })),
  {
    url: 'https://portage.example/schemas/tour.schema.json',
    match: 'exact',
    files: /^scenes\/tour\.schema\.json$/,
    why: 'the $id of our JSON Schema for authors’ editors (portage.example is a reserved example domain); an identifier, never fetched',
  },
  {
    url: 'intent://arvr.google.com/scene-viewer/1.0?',
    match: 'prefix',
    files: APP_JS,
    why: "the Android intent of Scene Viewer (src/modes/ar/native-viewers.ts): a link that hands the stop's GLB, on this origin, to an app of the phone; the page itself requests nothing from it",
  },
  {
    url: 'https://react.dev/errors/',
    match: 'exact',
    files: APP_JS,
    why: "the start of the link React's production build writes into its error messages; text, never fetched",
  },
  {
    url: 'https://docs.pmnd.rs/react-three-fiber/api/objects#using-3rd-party-objects-declaratively',
    match: 'exact',
    files: APP_JS,
    why: 'a link in an @react-three/fiber error message; text, never fetched',
  },
  {
    url: 'https://github.com/react-spring/react-use-measure/#resize-observer-polyfills',
    match: 'exact',
    files: APP_JS,
    why: 'a link in a react-use-measure error message (used by @react-three/fiber); text, never fetched',
  },
  ...[
    'https://github.com/pmndrs/react-three-fiber/issues',
    'https://github.com/pmndrs/react-three-fiber#readme',
    'git+https://github.com/pmndrs/react-three-fiber.git',
    'https://opencollective.com/react-three-fiber',
    'https://github.com/drcmda',
    'https://github.com/codyjasonbennett',
    'https://github.com/joshuaellis',
    'https://github.com/krispya',
  ].map((url) => ({ url, match: 'exact' as const, files: APP_JS, why: R3F_META })),
  {
    url: 'http://[${',
    match: 'prefix',
    files: APP_JS,
    why: 'a template literal in zod that builds a URL to validate an IPv6 address; no request',
  },
]

export type DistProblem = { file: string; message: string }

/** Absolute URLs in a text: `scheme://…` anywhere, and `//host…` in attributes, url() and imports. */
export function findUrls(text: string, ext: string): string[] {
  const urls = [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()\\]+/gi)].map((m) => m[0])
  const relativeScheme =
    ext === '.html' || ext === '.svg' || ext === '.css'
      ? /(?:\b(?:src|href|action|poster|data|srcset|xlink:href)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(\/\/[^\s"'<>()]+)/gi
      : // In scripts, only string literals that start with //host. (a regex literal or a comment may not)
        /["'`](\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:\/[^"'`\s]*)?)["'`]/gi
  for (const m of text.matchAll(relativeScheme)) urls.push(m[1]!.replace(/["'`]$/, ''))
  return urls
}

function excepted(url: string, file: string): boolean {
  return EXCEPTIONS.some(
    (e) => e.files.test(file) && (e.match === 'exact' ? url === e.url : url.startsWith(e.url)),
  )
}

/**
 * The deployment's own public origin (PORTAGE_PUBLIC_ORIGIN): link-preview pages must name their
 * pictures and oEmbed files by absolute URL for crawlers, and those URLs point back at this site.
 */
const OWN_ORIGIN = `${publicOrigin(process.env)}/`

/** The external URLs of one built file that are neither exceptions nor (for a tour) its sources. */
/**
 * Portage Studio (studio/) is a development tool, served only by `npm run studio`: none of it may
 * be in the build. Its page, and the mark every studio module carries (the draft storage key),
 * are looked for in every built file.
 */
export const STUDIO_MARK = 'portage-studio/'
export function checkNoStudio(file: string, text: string): DistProblem[] {
  if (file.startsWith('studio/'))
    return [{ file, message: 'is Portage Studio (studio/): a development tool, never built' }]
  if (text.includes(STUDIO_MARK))
    return [
      {
        file,
        message: `holds Portage Studio's code ("${STUDIO_MARK}"): the authoring tool must not reach the build`,
      },
    ]
  return []
}

export function scanFile(file: string, text: string): DistProblem[] {
  let sources = new Set<string>()
  if (/^scenes\/[^/]+\/tour\.json$/.test(file)) {
    const parsed = parseTourText(text)
    if (!parsed.ok) return [{ file, message: 'is not a valid tour, so its links cannot be checked' }]
    sources = new Set(
      parsed.tour.stops.flatMap((s) => s.hotspots.flatMap((h) => h.sources.map((x) => x.url))),
    )
  }
  return findUrls(text, extname(file))
    .filter((url) => !sources.has(url) && !url.startsWith(OWN_ORIGIN) && !excepted(url, file))
    .map((url) => ({ file, message: `references another origin: ${url}` }))
}

const sri = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`

/** Every script and style sheet of the page has the right integrity; every chunk is in the map. */
export function checkIntegrity(
  html: string,
  read: (path: string) => Uint8Array | undefined,
  chunks: string[],
) {
  const problems: DistProblem[] = []
  const file = 'index.html'
  const tags = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/gi),
    ...[...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*>/gi)].filter((m) =>
      /\brel="(stylesheet|modulepreload)"/i.test(m[0]),
    ),
  ]
  for (const [tag, url] of tags) {
    const bytes = read(url!)
    const integrity = /\bintegrity="([^"]+)"/.exec(tag)?.[1]
    if (!bytes) problems.push({ file, message: `${url} is not in the build` })
    else if (!integrity) problems.push({ file, message: `${url} has no integrity attribute` })
    else if (integrity !== sri(bytes)) problems.push({ file, message: `${url} has a wrong integrity hash` })
  }
  const map = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1]
  let table: Record<string, string> = {}
  try {
    table = (JSON.parse(map ?? '{}') as { integrity?: Record<string, string> }).integrity ?? {}
  } catch {
    problems.push({ file, message: 'the import map is not valid JSON' })
  }
  for (const chunk of chunks) {
    const bytes = read(chunk)
    if (!table[chunk]) problems.push({ file, message: `the import map has no integrity for ${chunk}` })
    else if (bytes && table[chunk] !== sri(bytes))
      problems.push({ file, message: `the import map has a wrong integrity for ${chunk}` })
  }
  return problems
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  )
}

/** Caching and compression: app/ names are hashed; every sibling decodes to its file. */
export function checkDelivery(files: readonly string[], read: (file: string) => Uint8Array | undefined) {
  const problems: DistProblem[] = []
  for (const file of files) {
    if (file.startsWith('app/') && !isSibling(file) && !HASHED_NAME.test(file))
      problems.push({ file, message: 'is served immutable (app/) but has no content hash in its name' })
    if (!isSibling(file)) continue
    const [coding, { suffix }] = Object.entries(ENCODINGS).find(([, e]) => file.endsWith(e.suffix))!
    const source = read(file.slice(0, -suffix.length))
    let decoded: Uint8Array | undefined
    try {
      decoded = decode(read(file)!, coding as Coding)
    } catch {
      decoded = undefined
    }
    if (!source) problems.push({ file, message: 'is a compressed copy of a file that is not in the build' })
    else if (!decoded || !Buffer.from(decoded).equals(Buffer.from(source)))
      problems.push({
        file,
        message: `does not decode to ${file.slice(0, -suffix.length)} (stale or corrupt)`,
      })
  }
  return problems
}

/**
 * Chunks that import each other statically, directly or through others. In such a cycle one chunk
 * runs before the chunk it imports has run, and a value it uses at load is not there yet ("x is
 * not a function" on the landing page, found when the shells' shared code was grouped into one
 * chunk). Returns each cycle once, as the chain of chunk names.
 */
export function chunkCycles(chunks: ReadonlyMap<string, string>): string[][] {
  const imports = new Map<string, string[]>()
  for (const [name, code] of chunks)
    imports.set(
      name,
      [...code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)]
        .map((m) => m[1]!)
        .filter((d) => chunks.has(d)),
    )
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[][] = []
  const visit = (name: string, path: string[]) => {
    state.set(name, 'open')
    for (const dep of imports.get(name) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...path.slice(path.indexOf(dep)), dep])
      else if (!state.has(dep)) visit(dep, [...path, dep])
    }
    state.set(name, 'done')
  }
  for (const name of chunks.keys()) if (!state.has(name)) visit(name, [name])
  return cycles
}

export function checkDist(dist: string): DistProblem[] {
  if (!existsSync(join(dist, 'index.html')))
    return [{ file: 'index.html', message: 'is missing: build first' }]
  const files = walk(dist).map((f) => relative(dist, f).split(sep).join('/'))
  const problems: DistProblem[] = []
  for (const file of files) {
    if (file.startsWith('studio/')) problems.push(...checkNoStudio(file, ''))
    if (!(SCANNED as readonly string[]).includes(extname(file))) continue
    const text = readFileSync(join(dist, file), 'utf8')
    problems.push(...scanFile(file, text), ...(file.startsWith('studio/') ? [] : checkNoStudio(file, text)))
  }
  const read = (url: string) => {
    const path = join(dist, decodeURI(url.replace(/^\//, '')))
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined
  }
  const chunks = files.filter((f) => /^app\/[^/]+\.js$/.test(f)).map((f) => `/${f}`)
  problems.push(...checkIntegrity(readFileSync(join(dist, 'index.html'), 'utf8'), read, chunks))
  problems.push(...checkDelivery(files, (file) => read(`/${file}`)))
  const code = new Map(chunks.map((c) => [c.slice('/app/'.length), readFileSync(join(dist, c), 'utf8')]))
  for (const cycle of chunkCycles(code))
    problems.push({
      file: `app/${cycle[0]}`,
      message: `chunks import each other (${cycle.join(' → ')}): one runs before the other is ready; see codeSplitting in vite.config.ts`,
    })
  return problems
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(sep).join('/'))) {
  const problems = checkDist(join(process.cwd(), 'dist'))
  for (const p of problems) console.error(`dist/${p.file}: ${p.message}`)
  if (problems.length) {
    console.error(
      `\ndist-check: ${problems.length} problem(s). A new URL that is not a request belongs in EXCEPTIONS (tools/pipeline/dist-check.ts) with the reason; chunks that import each other are grouped in vite.config.ts (codeSplitting).`,
    )
    process.exit(1)
  }
  console.log(
    'dist-check: no external origins; every script and style sheet carries its integrity; app/ names are hashed; compressed copies match their files; no chunks import each other',
  )
}
