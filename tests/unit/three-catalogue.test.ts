/**
 * The build registers only src/features/stage/three-catalogue.ts's classes with React Three Fiber (see
 * `portage:three-catalogue` in vite.config.ts). An element missing from it would throw at run time
 * ("R3F: Foo is not part of the THREE namespace"), so every JSX element that names a three.js class
 * — in the app's components and in the R3F libraries it renders — must be in the list.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as THREE from 'three'
import { describe, expect, it } from 'vitest'
import { THREE_CATALOGUE } from '../../src/features/stage/three-catalogue'

/** HTML and SVG elements the app renders whose names are also three.js classes. */
const DOM_ELEMENTS = new Set(['audio', 'path', 'line', 'source'])

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  )
}

/** three.js classes named by JSX elements: `<mesh` in source, `jsx("mesh"` in compiled libraries. */
function threeElements(paths: string[], pattern: RegExp, skip = new Set<string>()) {
  const found = new Map<string, string>()
  for (const path of paths)
    for (const [, tag] of readFileSync(path, 'utf8').matchAll(pattern)) {
      if (!tag || skip.has(tag)) continue
      const name = tag[0]!.toUpperCase() + tag.slice(1)
      if (name in THREE && !found.has(name)) found.set(name, path)
    }
  return found
}

const missing = (found: Map<string, string>) =>
  [...found].filter(([name]) => !(name in THREE_CATALOGUE)).map(([name, path]) => `${name} (${path})`)

describe('the three.js catalogue registered with R3F', () => {
  it("holds every three.js element of the app's components", () => {
    const found = threeElements(files('src', /\.tsx$/), /<([a-z][A-Za-z0-9]*)[\s>/]/g, DOM_ELEMENTS)
    expect(found.size, 'the scan finds the elements the scene uses').toBeGreaterThanOrEqual(8)
    expect(found.has('Mesh') && found.has('Group')).toBe(true)
    expect(missing(found)).toEqual([])
  })

  it('holds every three.js element the R3F libraries render (headset, orbit controls)', () => {
    const libraries = [
      ...files('node_modules/@react-three/xr/dist', /\.js$/),
      'node_modules/@react-three/drei/core/OrbitControls.js',
    ]
    const found = threeElements(libraries, /(?<![\w$])_?jsxs?\(\s*"([a-z][A-Za-z0-9]*)"/g)
    expect(found.has('Group'), 'the scan reads compiled JSX').toBe(true)
    expect(missing(found)).toEqual([])
  })

  it('holds classes only (each entry is the three.js export of that name)', () => {
    for (const [name, value] of Object.entries(THREE_CATALOGUE))
      expect(value, name).toBe((THREE as Record<string, unknown>)[name])
  })
})
