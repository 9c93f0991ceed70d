/**
 * `npm run studio` as a browser sees it: Vite in middleware mode serves the apps in development
 * (the visitor's app at `/` for Preview; the studio's own page at `/studio/`), while `/scenes/` and
 * `/assets/` come from the working tree being edited (`--root`), not from the repository, and the
 * Host check guards Vite's pages as it guards the API.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudio, type Studio } from '../../tools/studio/studio'
import { rawRequest, studioPort } from './studio-fixture'

let studio: Studio
let root: string
const port = studioPort(2)

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portage-studio-vite-'))
  cpSync('scenes', join(root, 'scenes'), { recursive: true })
  cpSync('assets/models/pier-21.layout.json', join(root, 'assets/models/pier-21.layout.json'))
  writeFileSync(join(root, 'scenes/only-in-the-copy.json'), '{"copy":true}\n')
  studio = await startStudio({ root, port })
}, 60_000)
afterAll(async () => {
  await studio.close()
  rmSync(root, { recursive: true, force: true })
})

describe('the studio through Vite', () => {
  it('serves the visitor’s app in development at /, for Preview', async () => {
    const res = await fetch(`${studio.url}/`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('/@vite/client')
    expect(html).toMatch(/<script type="module" src="\/src\/entry\.ts/)
    expect((await fetch(`${studio.url}/src/entry.ts`)).status).toBe(200)
  })

  it('serves content from the working tree it edits, not from the repository', async () => {
    const res = await fetch(`${studio.url}/scenes/only-in-the-copy.json`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ copy: true })
    expect((await fetch(`${studio.url}/assets/models/pier-21.glb`)).status).toBe(404)
  })

  it('refuses Vite’s pages, too, to a Host that is not the studio', async () => {
    for (const path of ['/', '/src/entry.ts', '/@vite/client'])
      expect(
        (await rawRequest(port, path, { headers: { Host: `rebound.example:${port}` } })).status,
        path,
      ).toBe(403)
  })
})
