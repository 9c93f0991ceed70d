/**
 * The map a newcomer reads first must match the tree: README's "Where things are" names every
 * folder of the source, the tools and the tests, and nothing that is not there; and comments and
 * docs point only at files that exist (they once cited a STACK.md outside the repository and
 * folders that had moved).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\0')
  .filter((f) => f && existsSync(f))

/** README's map: each entry is the first word of a line that does not start with a space. */
function mapEntries(): string[] {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.split('## Where things are')[1]?.split('\n## ')[0] ?? ''
  const block = section.split('```')[1] ?? ''
  return block
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith(' '))
    .map((l) => l.split(/\s+/)[0]!)
}

/** Folders that must be on the map: each layer and feature of src/, each folder of tools/ and tests/. */
function foldersToMap(): string[] {
  const folders = new Set<string>()
  for (const f of tracked) {
    const parts = f.split('/')
    if (parts.length < 2 || f.startsWith('.')) continue
    folders.add(`${parts[0]}/`)
    if (['src', 'tools', 'tests'].includes(parts[0]!) && parts.length > 2)
      folders.add(`${parts[0]}/${parts[1]}/`)
    if (parts[0] === 'src' && ['core', 'features', 'modes', 'shells'].includes(parts[1]!) && parts.length > 3)
      folders.add(`${parts[0]}/${parts[1]}/${parts[2]}/`)
  }
  return [...folders].sort()
}

describe("README's map of the repository", () => {
  const entries = mapEntries()

  it('is found', () => expect(entries.length).toBeGreaterThan(20))

  it('names only paths that exist', () => {
    const missing = entries.filter((e) => !existsSync(e))
    expect(missing, 'on the map but not in the tree').toEqual([])
  })

  it('names every folder of the source, tools and tests', () => {
    // The shells are one line (src/shells/: page, kiosk, embed, handout), as their folders mirror the ways in.
    const mapped = (f: string) =>
      entries.includes(f) || (f.split('/').length === 2 && entries.some((e) => e.startsWith(f)))
    const unmapped = foldersToMap().filter((f) => !mapped(f) && !f.startsWith('src/shells/'))
    expect(unmapped, 'in the tree but not on the map').toEqual([])
  })
})

describe('paths named in comments and docs', () => {
  // A repository path as comments write it: a top folder, then at least one more segment with an extension.
  const PATH =
    /\b(?:src|tools|tests|docs|scripts|bench|scenes|public)\/[\w.@-]+(?:\/[\w.@-]+)*\.(?:tsx?|mjs|js|json|md|css|sh)\b/g
  // Files the authoring guide tells a content team to create, as examples.
  const EXAMPLES = new Set(['scenes/fort-york/tour.json', 'src/core/i18n/locales/iu.json'])
  const sources = tracked.filter((f) => /^(src|tools|docs)\/.*\.(tsx?|mjs|md)$/.test(f) || f === 'README.md')

  it('exist', () => {
    const broken: string[] = []
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      // In code, only comments: strings may name paths of a served site or of a test's fake tree.
      const comments = /\.(tsx?|mjs)$/.test(file)
        ? (text.match(/\/\*[\s\S]*?\*\/|(?<![:'"`\w])\/\/.*$/gm) ?? []).join('\n')
        : text
      for (const m of comments.matchAll(PATH))
        if (!existsSync(m[0]) && !EXAMPLES.has(m[0])) broken.push(`${file}: ${m[0]}`)
    }
    expect(broken).toEqual([])
  })

  it('do not cite files outside the repository', () => {
    const outside = sources.filter((f) => /\bSTACK\.md\b/.test(readFileSync(f, 'utf8')))
    expect(outside).toEqual([])
  })
})
