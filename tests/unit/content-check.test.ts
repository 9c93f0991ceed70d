/**
 * `npm run content:check`, on a throwaway repository: a tour the catalog lists needs two discussion
 * questions on every stop (issue 7: the lesson handout has two per stop), while the schema keeps
 * them optional for documents outside the catalog.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Tour } from '../../src/core/content/schema'
import { parseTour } from '../../src/core/content/validate'
import { checkContent, missingDiscussion } from '../../tools/pipeline/content-check'
import { makeTour } from './tour-fixture'

const questions = () => [
  { en: 'Why?', fr: 'Pourquoi?' },
  { en: 'How?', fr: 'Comment?' },
]

const roots: string[] = []
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
})

/** A repository holding these tours, and a catalog listing `listed`. No assets: those problems are not ours. */
function repo(tours: Tour[], listed: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'portage-content-check-'))
  roots.push(root)
  mkdirSync(join(root, 'scenes'))
  writeFileSync(
    join(root, 'scenes', 'catalog.json'),
    JSON.stringify({ version: 'portage.catalog/1', tours: listed }),
  )
  for (const t of tours) {
    mkdirSync(join(root, 'scenes', t.id))
    writeFileSync(join(root, 'scenes', t.id, 'tour.json'), JSON.stringify(t, null, 2))
  }
  return root
}

const discussionProblems = async (root: string) =>
  (await checkContent({ root, skipModels: true })).filter((p) => p.path.endsWith('.discussion'))

describe('content:check: discussion questions', () => {
  it('fails a catalogued tour whose stops lack them, naming the file, the JSON path and the stop', async () => {
    const tour = makeTour('fort-york')
    tour.stops[0]!.discussion = questions()
    const problems = await discussionProblems(repo([tour], ['fort-york']))
    expect(problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
      'scenes/fort-york/tour.json: stops[1].discussion',
      'scenes/fort-york/tour.json: stops[2].discussion',
    ])
    expect(problems[0]!.message).toMatch(/"second".*two discussion questions/)
  })

  it('passes when every stop has its two questions', async () => {
    const tour = makeTour('fort-york')
    for (const s of tour.stops) s.discussion = questions()
    expect(await discussionProblems(repo([tour], ['fort-york']))).toEqual([])
  })

  it('asks nothing of a tour outside the catalog (that is reported once, as a catalog problem)', async () => {
    const root = repo([makeTour('draft')], [])
    const problems = await checkContent({ root, skipModels: true })
    expect(problems.filter((p) => p.path.endsWith('.discussion'))).toEqual([])
    expect(problems).toContainEqual({
      file: 'scenes/catalog.json',
      path: 'tours',
      message: 'does not list the tour "draft"',
    })
    // The schema itself still accepts a stop without questions.
    expect(parseTour(makeTour('draft')).ok).toBe(true)
  })

  it('missingDiscussion lists exactly the stops without questions', () => {
    const tour = makeTour('t')
    tour.stops[1]!.discussion = questions()
    expect(missingDiscussion(tour).map((p) => p.path)).toEqual(['stops[0].discussion', 'stops[2].discussion'])
  })
})
