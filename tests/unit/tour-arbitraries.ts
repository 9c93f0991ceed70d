/**
 * fast-check arbitraries for hostile tour documents: a valid tour with one mutation at a random
 * place (a node deleted, replaced by a hostile value, or given an extra key). Shared by the unit
 * fuzz tests (the checker) and the browser fuzz test (the app).
 */
import fc from 'fast-check'

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
export type Path = (string | number)[]

/** Every path in a JSON value, the root included. */
export function allPaths(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...prefix, i])))
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...prefix, k]))
  return out
}

export function getAt(value: Json, path: Path): Json | undefined {
  let node: Json | undefined = value
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = Array.isArray(node)
      ? node[key as number]
      : Object.hasOwn(node, key)
        ? node[key as string]
        : undefined
  }
  return node
}

/** Values a careless or hostile author might put anywhere. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, -0, Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '   ',
    '../../etc/passwd',
    'https://evil.example/x.glb',
    'javascript:alert(1)',
    '<img src=x onerror=alert(1)>',
    '%2e%2e/%2e%2e/x',
    '\u0000',
    '__proto__',
    'x'.repeat(20_000),
  ),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as Json),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  // Deep nesting: the checker must not overflow the stack on it.
  fc.integer({ min: 50, max: 500 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as Json),
)

export type Mutation =
  | { op: 'delete'; path: Path }
  | { op: 'replace'; path: Path; value: Json }
  | { op: 'add-key'; path: Path; key: string; value: Json }

const KEYS = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'de', 'x'),
)

/** One mutation of `doc` at a random path (chosen among its real paths). */
export function mutationOf(doc: Json): fc.Arbitrary<Mutation> {
  const paths = allPaths(doc)
  const pick = fc.integer({ min: 0, max: paths.length - 1 }).map((i) => paths[i]!)
  return fc.oneof(
    pick.filter((p) => p.length > 0).map((path): Mutation => ({ op: 'delete', path })),
    fc.tuple(pick, hostileValue).map(([path, value]): Mutation => ({ op: 'replace', path, value })),
    fc
      .tuple(pick, KEYS, hostileValue)
      .filter(([p]) => {
        const node = getAt(doc, p)
        return node !== null && typeof node === 'object' && !Array.isArray(node)
      })
      .map(([path, key, value]): Mutation => ({ op: 'add-key', path, key, value })),
  )
}

/** A mutated deep copy. Keys are set with defineProperty, so "__proto__" is a plain own key (as JSON.parse makes it). */
export function applyMutation(doc: Json, m: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json
  if (m.op === 'replace' && m.path.length === 0) return m.value
  const parentPath = m.op === 'add-key' ? m.path : m.path.slice(0, -1)
  const parent = getAt(copy, parentPath) as Record<string, Json> | Json[]
  const key = m.op === 'add-key' ? m.key : m.path[m.path.length - 1]!
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key as string]
  } else {
    Object.defineProperty(parent, key, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return copy
}

/** Hostile documents: a valid tour with one to three mutations (each where the previous left an object). */
export function hostileTour(valid: Json): fc.Arbitrary<Json> {
  return fc.array(mutationOf(valid), { minLength: 1, maxLength: 3 }).map((ms) =>
    ms.reduce((doc, m) => {
      const parent = getAt(doc, m.op === 'add-key' ? m.path : m.path.slice(0, -1))
      // Only a replacement of the whole document needs no parent; anything else needs an object
      // there (an earlier mutation may have replaced it, even the root, by a plain value).
      const replacesRoot = m.op === 'replace' && m.path.length === 0
      const usable = replacesRoot || (parent !== null && typeof parent === 'object')
      return usable ? applyMutation(doc, m) : doc
    }, valid),
  )
}
