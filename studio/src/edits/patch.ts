/**
 * Edits to a tour as data: a command is a list of patches, each the value at a JSON path before and
 * after. Undo applies the `before`s in reverse order, redo the `after`s: one mechanism for every
 * kind of edit (placing, moving, typing, deleting, setting a view), so no edit can forget its undo.
 * Pure functions over plain data (no React, no three), tested in Node.
 */
import type { Tour } from '../../../src/core/content/schema'

export type Path = readonly (string | number)[]

/** `undefined` as a value means "absent": setting it removes the key (or the array item). */
export type Patch = { path: Path; before: unknown; after: unknown }

export type Command = {
  /** What the edit did, for the undo history (an i18n key and its variables). */
  label: EditLabel
  patches: readonly Patch[]
  /**
   * Typing in one field makes many commands; those with the same key, close in time, merge into
   * one undo step (see `coalesce`).
   */
  coalesceKey?: string
  /** Milliseconds (the caller's clock), for coalescing. */
  at: number
}

export type EditLabel =
  | 'edit.type'
  | 'edit.place'
  | 'edit.move'
  | 'edit.delete'
  | 'edit.view'
  | 'edit.area'
  | 'edit.corner'
  | 'edit.add'
  | 'edit.narration'

/** Typing pauses longer than this start a new undo step. */
export const COALESCE_MS = 1200

export function getAt(doc: unknown, path: Path): unknown {
  let node: unknown = doc
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}

/** A copy of `doc` with `value` at `path` (copy on write: untouched branches are shared). */
export function setAt<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T
  const [key, ...rest] = path as [string | number, ...(string | number)[]]
  const node = (doc ?? (typeof key === 'number' ? [] : {})) as Record<string | number, unknown>
  const child = setAt(node[key], rest, value)
  if (Array.isArray(node)) {
    const copy = node.slice()
    if (child === undefined && rest.length === 0) copy.splice(key as number, 1)
    else copy[key as number] = child
    return copy as T
  }
  const copy = { ...node }
  if (child === undefined) delete copy[key]
  else copy[key] = child
  return copy as T
}

/** Apply a command forwards. */
export function redoCommand(tour: Tour, command: Command): Tour {
  return command.patches.reduce<Tour>((doc, p) => setAt(doc, p.path, p.after), tour)
}

/** Apply a command backwards. */
export function undoCommand(tour: Tour, command: Command): Tour {
  return [...command.patches].reverse().reduce<Tour>((doc, p) => setAt(doc, p.path, p.before), tour)
}

/**
 * Whether `next` continues `last` (a burst of typing in the same field): then they become one undo
 * step, from the first `before` to the latest `after`.
 */
export function coalesce(last: Command | undefined, next: Command): Command | null {
  if (!last || !next.coalesceKey || last.coalesceKey !== next.coalesceKey) return null
  if (next.at - last.at > COALESCE_MS) return null
  const first = last.patches[0]
  const latest = next.patches[0]
  if (!first || !latest || last.patches.length !== 1 || next.patches.length !== 1) return null
  return { ...next, patches: [{ path: first.path, before: first.before, after: latest.after }] }
}

const key = (path: Path) => JSON.stringify(path)

// --- Command builders: every edit the studio makes is one of these ------------------------------

/** Set the value at `path` (a text typed, a number changed, a view set, a marker moved). */
export function setCommand(
  tour: Tour,
  path: Path,
  value: unknown,
  label: EditLabel,
  at: number,
  options: { coalesce?: boolean } = {},
): Command {
  return {
    label,
    at,
    patches: [{ path, before: getAt(tour, path), after: value }],
    coalesceKey: options.coalesce ? key(path) : undefined,
  }
}

/** Insert `value` in the array at `path` (at its end unless `index` is given). */
export function insertCommand(
  tour: Tour,
  path: Path,
  value: unknown,
  label: EditLabel,
  at: number,
  index?: number,
): Command {
  const before = (getAt(tour, path) as unknown[] | undefined) ?? []
  const after = before.slice()
  after.splice(index ?? after.length, 0, value)
  return { label, at, patches: [{ path, before: getAt(tour, path), after }] }
}

/** Remove the item `index` of the array at `path`. */
export function removeCommand(tour: Tour, path: Path, index: number, label: EditLabel, at: number): Command {
  const before = (getAt(tour, path) as unknown[] | undefined) ?? []
  const after = before.filter((_, i) => i !== index)
  return { label, at, patches: [{ path, before, after }] }
}

/** Several commands as one undo step (a hotspot placed and selected as the close-up's target...). */
export function combine(label: EditLabel, at: number, tour: Tour, steps: ((t: Tour) => Command)[]): Command {
  const patches: Patch[] = []
  let doc = tour
  for (const step of steps) {
    const command = step(doc)
    patches.push(...command.patches)
    doc = redoCommand(doc, command)
  }
  return { label, at, patches }
}
