/**
 * `npm run models [-- <site> ...]`: builds each site's model, proxy and layout from code into
 * assets/models/, prints size, draw calls and triangles, and exits non-zero when a model breaks a
 * budget, fails the glTF validator or has a layout problem.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { MODEL_DIR, buildSite, checkBuilt, modelFiles, type Problem } from './check-models.ts'
import { SITE_IDS, availableSites, type SiteId } from './sites/index.ts'

const isSiteId = (s: string): s is SiteId => (SITE_IDS as readonly string[]).includes(s)

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !isSiteId(a))
  if (unknown.length > 0) {
    console.error(`unknown site(s): ${unknown.join(', ')}; expected one of: ${SITE_IDS.join(', ')}`)
    return 2
  }
  const ids = argv.length > 0 ? argv.filter(isSiteId) : availableSites()
  await mkdir(MODEL_DIR, { recursive: true })
  const problems: Problem[] = []
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log('site                  model      proxy     draws  triangles  proxy draws/tris  validator e/w')
  for (const id of ids) {
    const built = await buildSite(id)
    const files = modelFiles(id)
    // Files are written before checking so a failing model can still be looked at.
    await writeFile(`${MODEL_DIR}/${files.glb}`, built.glb)
    await writeFile(`${MODEL_DIR}/${files.proxy}`, built.proxy)
    await writeFile(`${MODEL_DIR}/${files.layout}`, built.layoutJson)
    const r = await checkBuilt(built)
    problems.push(...r.problems)
    console.log(
      [
        id.padEnd(20),
        kb(r.model.bytes).padStart(10),
        kb(r.proxy.bytes).padStart(10),
        String(r.model.drawCalls).padStart(7),
        String(r.model.triangles).padStart(10),
        `${r.proxy.drawCalls}/${r.proxy.triangles}`.padStart(17),
        `${r.model.validatorErrors + r.proxy.validatorErrors}/${r.model.validatorWarnings + r.proxy.validatorWarnings}`.padStart(
          14,
        ),
      ].join(' '),
    )
  }
  for (const p of problems) console.error(`  ✗ ${p.file}: ${p.message}`)
  return problems.length > 0 ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
