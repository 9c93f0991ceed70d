/**
 * `npm run size`: runs the size budgets of `.size-limit.js` with size-limit's own API and
 * @size-limit/file (gzip -9), and exits 1 when a budget is exceeded, printing which chunks grew
 * (docs/budgets.md). size-limit measures and decides pass or fail; this file only runs it.
 *
 * Why not the `size-limit` command: size-limit 14 needs Node 22.19 for its command line (it reads
 * the configuration with `fs.glob`), while Portage supports Node 20.19. Its API has no such need.
 * On Node 22.19 or later, `npx size-limit` reads the same `.size-limit.js` and gives the same verdict.
 */
import filePlugin from '@size-limit/file'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import sizeLimit from 'size-limit'

/** What size-limit's configuration loader does with `path` and `limit`, for the checks we write. */
export function toApiCheck(check) {
  const limit = /^(\d+) B$/.exec(String(check.limit))
  if (!limit) throw new Error(`size budget "${check.name}": limit ${check.limit} is not "<bytes> B"`)
  return { ...check, files: check.path, sizeLimit: Number(limit[1]) }
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`

export async function runSizeCheck(checks, log = console.log) {
  const config = { checks: checks.map(toApiCheck) }
  await sizeLimit([filePlugin], config)
  for (const check of config.checks) {
    log(`\n${check.name}`)
    if (check.passed === false) {
      log(`  Size limit exceeded by ${check.size - check.sizeLimit} B`)
      log(check.message.replace(/^/gm, '  '))
    }
    log(`  Size limit: ${check.sizeLimit} B (${kib(check.sizeLimit)})`)
    log(`  Size:       ${check.size} B (${kib(check.size)}) gzipped, ${check.files.length} chunks`)
  }
  return config.checks.every((c) => c.passed !== false)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let checks
  try {
    checks = (await import('../../.size-limit.js')).default
  } catch (e) {
    // The build does not have the shape the budgets expect: say what, without a stack trace.
    console.error(`size: ${e instanceof Error ? e.message : e}`)
    process.exit(1)
  }
  if (!(await runSizeCheck(checks))) {
    console.error('\nsize: a budget is exceeded (docs/budgets.md says how to raise one deliberately).')
    process.exit(1)
  }
  console.log('\nsize: every budget holds')
}
