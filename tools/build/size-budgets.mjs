/**
 * JavaScript size budgets for the visitor's path (docs/budgets.md), read from the build:
 * - `landing`: what the landing page (`/?lang=en`) loads before it is interactive (`portage:ready`);
 * - `first-frame`: what a deep link to a tour (`/?tour=…`) loads before its first stop frame.
 *
 * Each is the page's entry chunk (the module script of dist/index.html) with the chunks it imports
 * statically, plus the chunks src/entry.ts starts with `import()` for that page (`starts`, named by
 * a module they hold), each with its own static imports: what the browser requests before the app's
 * code decides anything else (the same files a real browser requested when the budgets were set).
 *
 * size-limit (`.size-limit.js`, run by `npm run size`) measures each set (gzip -9, @size-limit/file)
 * and fails past its baseline + ALLOWANCE; the baseline, per chunk, is tools/build/size-baseline.json.
 * When a budget fails, its message is the per-chunk comparison with that baseline.
 *
 * Plain JavaScript (typed by size-budgets.d.mts): size-limit loads its configuration with Node.
 * `node tools/build/size-budgets.mjs [--dist DIR]` prints the comparison;
 * `node tools/build/size-budgets.mjs --write-baseline [--dist DIR]` records that build as the baseline.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, posix, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

/**
 * Bytes of gzip growth each budget allows over its baseline total (2 KiB): the default of a new
 * baseline file, whose `allowance` is what the check uses.
 */
export const ALLOWANCE = 2048

/**
 * The budgets. `starts`: modules whose chunks src/entry.ts starts with `import()` on that page, as
 * paths under src/ without extension (a path's tail is enough): the page's app, and on a deep link
 * its tour view and the 3D code.
 */
export const BUDGETS = [
  {
    id: 'landing',
    name: 'Landing page JS (/?lang=en, before portage:ready)',
    starts: ['shells/page/main'],
  },
  {
    id: 'first-frame',
    name: 'Deep-link JS (/?tour=…, before the first stop frame)',
    starts: ['shells/page/main', 'shells/page/PageTour', 'features/stage/Stage'],
  },
]

/**
 * Modules the entry starts on the other ways in, which are on no budget's path: the kiosk, the
 * embed and the handout each have a shell of their own. Every chunk the entry starts must hold a
 * module named in a budget's `starts` or here, so that a new one is looked at.
 */
export const OFF_PATH = [
  'shells/kiosk/main',
  'shells/embed/main',
  'shells/handout/main',
  // Loaded after the page's load event, to remove a stray kiosk offline worker: never before ready.
  'shells/remove-kiosk-worker',
]

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BASELINE_FILE = fileURLToPath(new URL('./size-baseline.json', import.meta.url))
const ASSETS_DIR = 'app'

/** A chunk's name without its content hash: `TourView-CMH3s-Qr.js` → `TourView`. */
export function stableName(file) {
  const name = basename(file)
  const m = /^(.+)-[A-Za-z0-9_-]{8}\.js$/.exec(name)
  return m ? m[1] : name.replace(/\.js$/, '')
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*\s{},]*?from\s*)?["'`](\.\.?\/[^"'`\s]+?\.js)["'`]/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.\.?\/[^"'`\s]+?\.js)["'`]\s*\)/g

/** The chunk files (relative to `dir`) a chunk's code names in static and in dynamic imports. */
export function parseImports(code) {
  const list = (re) => [...new Set([...code.matchAll(re)].map((m) => posix.normalize(m[1])))]
  return { static: list(STATIC_IMPORT), dynamic: list(DYNAMIC_IMPORT) }
}

/**
 * The modules of a chunk, from its source map, in the chunk's order, with their source sizes:
 * `../../src/shells/page/main.tsx` → `src/shells/page/main`,
 * `../../node_modules/three/build/three.core.js` → `three/build/three.core`. Null without a map.
 */
export function sourceModules(mapFile) {
  if (!existsSync(mapFile)) return null
  const map = JSON.parse(readFileSync(mapFile, 'utf8'))
  return (map.sources ?? [])
    .map((source, i) => {
      const path = posix.normalize(source.replaceAll('\\', '/'))
      const dep = path.lastIndexOf('node_modules/')
      return {
        path: (dep >= 0 ? path.slice(dep + 'node_modules/'.length) : path.replace(/^(\.\.\/)+/, '')).replace(
          /\.[cm]?[jt]sx?$/,
          '',
        ),
        dependency: dep >= 0,
        size: map.sourcesContent?.[i]?.length ?? 0,
      }
    })
    .filter((m) => !m.path.startsWith('\0'))
}

/**
 * Whether a chunk holds the module `spec` (one of the project's, a path without extension or its
 * tail). Without a source map, the chunk's name stands for it: `shells/page/PageTour` → `PageTour-….js`.
 */
export function holds(chunk, file, spec) {
  if (chunk.modules === null) return stableName(file) === posix.basename(spec)
  return chunk.modules.some((m) => !m.dependency && (m.path === spec || m.path.endsWith(`/${spec}`)))
}

/**
 * The largest module of a chunk (by source size), which names it across builds when Rolldown names
 * the chunk after another module: a project file by its name (`TourView`), a dependency by its path
 * in its package (`three/build/three.core`).
 */
export function largestModule(chunk) {
  const top = (chunk.modules ?? []).reduce((a, m) => (!a || m.size > a.size ? m : a), null)
  return top ? (top.dependency ? top.path : posix.basename(top.path)) : null
}

/** How a chunk is called in messages: its name, and its last module (usually what it was named after). */
function describeChunk(build, file) {
  const modules = build.chunks.get(file).modules
  return modules?.length ? `${stableName(file)} (${modules.at(-1).path})` : stableName(file)
}

/**
 * The chunk graph of a build: every `.js` file of dist/app/ with its imports and modules, and the
 * entry chunks (the module scripts and modulepreloads of dist/index.html).
 */
export function readBuild(dist) {
  const dir = join(dist, ASSETS_DIR)
  const page = join(dist, 'index.html')
  if (!existsSync(page) || !existsSync(dir))
    throw new Error(`${page} or ${dir}/ is missing: build first (npm run build)`)
  const chunks = new Map()
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const bytes = readFileSync(join(dir, file))
    const imports = parseImports(bytes.toString('utf8'))
    for (const target of [...imports.static, ...imports.dynamic])
      if (dirname(target) !== '.' || !existsSync(join(dir, target)))
        throw new Error(`${dir}/${file} imports ${target}, which is not a chunk beside it`)
    chunks.set(file, {
      bytes,
      static: imports.static.map((t) => basename(t)),
      dynamic: imports.dynamic.map((t) => basename(t)),
      modules: sourceModules(join(dir, `${file}.map`)),
    })
  }
  const html = readFileSync(page, 'utf8')
  const urls = [
    ...[...html.matchAll(/<script\b[^>]*>/gi)]
      .filter((m) => /\btype\s*=\s*["']?module\b/i.test(m[0]))
      .map((m) => /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1]),
    ...[...html.matchAll(/<link\b[^>]*>/gi)]
      .filter((m) => /\brel\s*=\s*["']?modulepreload\b/i.test(m[0]))
      .map((m) => /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1]),
  ].filter((u) => u !== undefined)
  const entries = urls.map((u) => {
    const file = basename(u.split(/[?#]/)[0])
    if (!chunks.has(file)) throw new Error(`index.html loads ${u}, which is not in ${dir}/`)
    return file
  })
  if (!entries.length) throw new Error(`${page} has no module script`)
  return { dist, dir, entries: [...new Set(entries)], chunks }
}

/** `roots` and every chunk they import statically, transitively. */
export function staticClosure(build, roots) {
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const dep of build.chunks.get(file)?.static ?? []) visit(dep)
  }
  roots.forEach(visit)
  return [...seen]
}

/**
 * The files of each budget: the entries' static closure, plus the chunks the entries start with
 * `import()` that hold a module of the budget's `starts`, with their static closures. Throws when
 * no chunk the entry starts holds a module of `starts`, or when the entry starts a chunk that holds
 * no module named by a budget or by `offPath`.
 */
export function budgetFiles(build, budgets = BUDGETS, offPath = OFF_PATH) {
  const base = staticClosure(build, build.entries)
  const started = [...new Set(base.flatMap((file) => build.chunks.get(file).dynamic))].filter(
    (file) => !base.includes(file),
  )
  const find = (spec) => started.filter((file) => holds(build.chunks.get(file), file, spec))
  const named = [...budgets.flatMap((b) => b.starts), ...offPath]
  const unknown = started.filter((file) => !named.some((spec) => find(spec).includes(file)))
  if (unknown.length)
    throw new Error(
      `The entry now also starts ${unknown.map((f) => describeChunk(build, f)).join(', ')} with import(): ` +
        "name its module in a budget's `starts` (tools/build/size-budgets.mjs) if that page loads it " +
        'before it is ready, else in OFF_PATH.',
    )
  return Object.fromEntries(
    budgets.map((b) => {
      const roots = b.starts.flatMap((spec) => {
        const files = find(spec)
        if (!files.length)
          throw new Error(
            `Budget "${b.id}": the entry no longer starts a chunk holding ${spec} (it starts: ` +
              `${started.map((f) => describeChunk(build, f)).join(', ') || 'nothing'}). ` +
              'Update BUDGETS in tools/build/size-budgets.mjs.',
          )
        return files
      })
      return [b.id, staticClosure(build, [...base, ...roots])]
    }),
  )
}

/**
 * Keys for chunk files in the budgets' tables: the name without hash; where two chunks of `files`
 * share a name, with the folder of their module of that name (`page/main`), then a counter.
 */
export function chunkKeys(build, files) {
  const byName = new Map()
  for (const file of files) byName.set(stableName(file), [...(byName.get(stableName(file)) ?? []), file])
  const keys = new Map()
  for (const [name, group] of byName) {
    if (group.length === 1) {
      keys.set(group[0], name)
      continue
    }
    const used = new Set()
    for (const file of [...group].sort()) {
      const own = build.chunks.get(file).modules?.findLast((m) => posix.basename(m.path) === name)
      const key = own ? `${posix.basename(posix.dirname(own.path))}/${name}` : name
      let unique = key
      for (let i = 2; used.has(unique); i++) unique = `${key}~${i}`
      used.add(unique)
      keys.set(file, unique)
    }
  }
  return keys
}

/** The size the budgets use: gzip at level 9, as @size-limit/file measures with `gzip: true`. */
export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length

/** Every budget's chunks in a build: files, and per chunk key its gzip size and largest module. */
export function measure(build, budgets = BUDGETS, offPath = OFF_PATH) {
  const sets = budgetFiles(build, budgets, offPath)
  const keys = chunkKeys(build, [...new Set(Object.values(sets).flat())])
  return Object.fromEntries(
    budgets.map((b) => {
      const files = sets[b.id]
      const chunks = Object.fromEntries(
        files
          .map((f) => {
            const chunk = build.chunks.get(f)
            return [keys.get(f), { gzip: gzipSize(chunk.bytes), module: largestModule(chunk) }]
          })
          .sort(([a], [b]) => a.localeCompare(b)),
      )
      const total = Object.values(chunks).reduce((a, c) => a + c.gzip, 0)
      return [b.id, { name: b.name, starts: b.starts, files, chunks, total }]
    }),
  )
}

/**
 * Per-chunk rows, largest growth first. A chunk is compared with the baseline's chunk of the same
 * key, else with a baseline chunk (of no such key) whose largest module is the same (`was`);
 * otherwise it is new (before null), and a baseline chunk left over is gone (after null).
 */
export function compare(baseline, now) {
  const rows = []
  const left = new Map(Object.entries(baseline))
  const unmatched = []
  for (const [chunk, c] of Object.entries(now)) {
    if (left.has(chunk)) {
      rows.push({ chunk, was: null, before: left.get(chunk).gzip, after: c.gzip })
      left.delete(chunk)
    } else unmatched.push([chunk, c])
  }
  for (const [chunk, c] of unmatched) {
    const was = c.module ? [...left].find(([k, b]) => !(k in now) && b.module === c.module)?.[0] : undefined
    rows.push({ chunk, was: was ?? null, before: was ? left.get(was).gzip : null, after: c.gzip })
    if (was) left.delete(was)
  }
  for (const [chunk, b] of left) rows.push({ chunk, was: null, before: b.gzip, after: null })
  return rows
    .map((r) => ({ ...r, change: (r.after ?? 0) - (r.before ?? 0) }))
    .sort((a, b) => b.change - a.change || a.chunk.localeCompare(b.chunk))
}

const bytes = (n) => `${n.toLocaleString('en-US')} B`
const signed = (n) => (n > 0 ? `+${bytes(n)}` : n < 0 ? `-${bytes(-n)}` : '0 B')
const label = (r) =>
  r.chunk + (r.was ? ` (was ${r.was})` : r.before === null ? ' (new)' : r.after === null ? ' (gone)' : '')

/** The comparison of one budget with its baseline, as printed text: who grew, then a table. */
export function report(budget, baseline, allowance = ALLOWANCE) {
  const rows = compare(baseline.chunks, budget.chunks)
  const grown = rows.filter((r) => r.change > 0)
  const lines = [
    grown.length
      ? `Grown since the baseline: ${grown.map((r) => `${label(r)} ${signed(r.change)}`).join(', ')}`
      : 'No chunk grew since the baseline.',
  ]
  const table = [
    ['chunk (gzip -9)', 'baseline', 'now', 'change'],
    ...rows.map((r) => [
      label(r),
      r.before === null ? '-' : bytes(r.before),
      r.after === null ? '-' : bytes(r.after),
      signed(r.change),
    ]),
    ['total', bytes(baseline.total), bytes(budget.total), signed(budget.total - baseline.total)],
  ]
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)))
  for (const [i, row] of table.entries()) {
    lines.push(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    if (i === 0) lines.push(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  lines.push(
    `Limit ${bytes(baseline.total + allowance)} = baseline ${bytes(baseline.total)} + ${bytes(allowance)}. ` +
      'To raise it on purpose: docs/budgets.md.',
  )
  return lines.join('\n')
}

export function readBaseline(file = BASELINE_FILE) {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** What tools/build/size-baseline.json holds for measured budgets. */
export function baselineData(measured, from, allowance = ALLOWANCE) {
  const budgets = Object.fromEntries(
    Object.entries(measured).map(([id, m]) => [id, { starts: m.starts, total: m.total, chunks: m.chunks }]),
  )
  return { measured: from, measure: 'gzip -9', allowance, budgets }
}

/** The dist folder to check: SIZE_DIST (a scratch build), else the project's dist/. */
export const distDir = (env = process.env) => resolve(ROOT, env.SIZE_DIST || 'dist')

/** size-limit's checks (.size-limit.js): one per budget, its files from the build, its limit from the baseline. */
export function sizeLimitChecks({ dist = distDir(), baseline = readBaseline() } = {}) {
  const measured = measure(readBuild(dist))
  const allowance = baseline.allowance ?? ALLOWANCE
  return BUDGETS.map((b) => {
    const base = baseline.budgets?.[b.id]
    if (!base)
      throw new Error(
        `${relative(ROOT, BASELINE_FILE)} has no baseline for "${b.id}": see docs/budgets.md to record one`,
      )
    const m = measured[b.id]
    return {
      name: b.name,
      path: m.files.map((f) => join(dist, ASSETS_DIR, f)),
      gzip: true,
      limit: `${base.total + allowance} B`,
      message: report(m, base, allowance),
    }
  })
}

/** The commit a build was made from (its project's), for the baseline's record. */
function describeCommit(dist) {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      cwd: dirname(dist),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return 'unknown'
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--dist')
  const dist = at >= 0 ? resolve(args[at + 1]) : distDir()
  const measured = measure(readBuild(dist))
  if (args.includes('--write-baseline')) {
    // Written as Prettier writes it, so that `npm run lint` accepts the file as it is.
    const prettier = await import('prettier')
    const options = { ...(await prettier.resolveConfig(BASELINE_FILE)), filepath: BASELINE_FILE }
    // The allowance is kept as it is in the file (a decision of its own).
    const allowance = existsSync(BASELINE_FILE) ? (readBaseline().allowance ?? ALLOWANCE) : ALLOWANCE
    const data = baselineData(measured, describeCommit(dist), allowance)
    const text = await prettier.format(JSON.stringify(data), options)
    writeFileSync(BASELINE_FILE, text)
    console.log(`size-budgets: wrote ${relative(ROOT, BASELINE_FILE)} from ${dist}`)
  }
  const baseline = existsSync(BASELINE_FILE) ? readBaseline() : { budgets: {} }
  for (const b of BUDGETS) {
    const m = measured[b.id]
    console.log(`\n${b.name}: ${m.files.length} chunks, ${bytes(m.total)}`)
    if (baseline.budgets[b.id])
      console.log(report(m, baseline.budgets[b.id], baseline.allowance ?? ALLOWANCE))
  }
}
