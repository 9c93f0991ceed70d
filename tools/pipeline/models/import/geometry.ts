/**
 * The importer's geometry: what a site model must not carry (lights, cameras, animations unless
 * kept), the scene placed the way the app expects it (y up, metres, ground at height 0, middle at
 * the origin), meshes joined by material, and meshoptimizer's simplifier when the triangles are
 * over budget. Animation data is repaired (repeated keyframe times, unnormalised rotations) with
 * gltf-transform's `resample` and `normalize`-style passes, and what was repaired is reported.
 */
import { getBounds, Logger, type Document, type Primitive, type vec3 } from '@gltf-transform/core'
import {
  dedup,
  flatten,
  join as joinPrimitives,
  prune,
  resample,
  simplifyPrimitive,
  weld,
} from '@gltf-transform/functions'
import { MeshoptSimplifier } from 'meshoptimizer'

/** Scale factors of `--units`. */
export const UNITS = { m: 1, cm: 0.01, mm: 0.001, in: 0.0254, ft: 0.3048 } as const
export type Unit = keyof typeof UNITS

export interface Placement {
  /** The axis the export used as up (`--up z`): turned to glTF's y up. @default 'y' */
  up?: 'y' | 'z'
  /** Multiplies every coordinate (from `--units` or `--scale`). @default 1 */
  scale?: number
  /** Leave the origin where the export put it. @default false: ground at 0, middle at the origin */
  keepOrigin?: boolean
}

export interface Bounds {
  min: [number, number, number]
  max: [number, number, number]
}

/** Sizes that usually mean a wrong unit or up axis (metres). */
export const PLAUSIBLE = {
  /** Wider than this: a whole town; more likely centimetres or millimetres. */
  maxExtent: 3000,
  /** Taller than this: taller than the CN Tower (553 m). */
  maxHeight: 600,
  /** Smaller than this across: a tabletop object, not a site (fine for an artefact, worth a look). */
  minExtent: 0.5,
} as const

export function sceneBounds(doc: Document): Bounds {
  const root = doc.getRoot()
  const scene = root.getDefaultScene() ?? root.listScenes()[0]
  const box = scene ? getBounds(scene) : { min: [0, 0, 0], max: [0, 0, 0] }
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0)
  return {
    min: [finite(box.min[0]), finite(box.min[1]), finite(box.min[2])],
    max: [finite(box.max[0]), finite(box.max[1]), finite(box.max[2])],
  }
}

const size = (b: Bounds): vec3 => [b.max[0] - b.min[0], b.max[1] - b.min[1], b.max[2] - b.min[2]]

/** Warnings about sizes that look wrong, each with the option that would fix it. */
export function boundsWarnings(b: Bounds): string[] {
  const [x, y, z] = size(b)
  const extent = Math.max(x, y, z)
  const warnings: string[] = []
  const m = (v: number) => (v >= 10 ? `${Math.round(v).toLocaleString('en-CA')} m` : `${v.toFixed(2)} m`)
  if (extent > PLAUSIBLE.maxExtent)
    warnings.push(
      `the model is ${m(extent)} across, more than a town: if it was exported in centimetres re-run with ` +
        `--units cm (it would be ${m(extent * UNITS.cm)}), in millimetres with --units mm (${m(extent * UNITS.mm)})`,
    )
  else if (y > PLAUSIBLE.maxHeight)
    warnings.push(
      `the model is ${m(y)} tall, taller than the CN Tower: check the units (--units cm) or the up axis (--up z)`,
    )
  if (extent > 0 && extent < PLAUSIBLE.minExtent)
    warnings.push(
      `the model is only ${(extent * 100).toFixed(1)} cm across: right for an artefact, but if it is a ` +
        'building or a site it is in the wrong unit or a scale model; re-run with --scale <factor> ' +
        '(e.g. --scale 100 for a 1:100 architectural model)',
    )
  if (extent > 0 && z > 3 * y && x < 3 * y && z > 1)
    warnings.push(
      'the model is much deeper than it is wide or tall, as a z-up export of an upright object looks: if it lies on its back, re-run with --up z',
    )
  return warnings
}

/**
 * Puts the scene under one node that turns z up into y up and applies the scale, then moves it
 * so the lowest point is at y = 0 and the middle of its footprint at x = z = 0.
 */
export function placeScene(
  doc: Document,
  placement: Placement,
): { before: Bounds; after: Bounds; moved: string[] } {
  const before = sceneBounds(doc)
  const moved: string[] = []
  const root = doc.getRoot()
  const scale = placement.scale ?? 1
  const up = placement.up ?? 'y'
  const needsWrapper = scale !== 1 || up === 'z' || !placement.keepOrigin
  if (!needsWrapper) return { before, after: before, moved }
  for (const scene of root.listScenes()) {
    const wrapper = doc.createNode('import-placement')
    for (const child of scene.listChildren()) wrapper.addChild(child)
    scene.addChild(wrapper)
    // z up → y up: a −90° turn about x takes +z to +y.
    if (up === 'z') wrapper.setRotation([-Math.SQRT1_2, 0, 0, Math.SQRT1_2])
    if (scale !== 1) wrapper.setScale([scale, scale, scale])
  }
  if (up === 'z') moved.push('turned from z up to y up (--up z)')
  if (scale !== 1) moved.push(`scaled by ${scale} to metres`)
  if (!placement.keepOrigin) {
    const b = sceneBounds(doc)
    const offset: vec3 = [-(b.min[0] + b.max[0]) / 2, -b.min[1], -(b.min[2] + b.max[2]) / 2]
    if (offset.some((v) => Math.abs(v) > 1e-6)) {
      for (const scene of root.listScenes())
        for (const wrapper of scene.listChildren()) {
          const t = wrapper.getTranslation()
          wrapper.setTranslation([t[0] + offset[0], t[1] + offset[1], t[2] + offset[2]])
        }
      moved.push(
        `moved by (${offset.map((v) => round(v)).join(', ')}) m: ground at y = 0, middle at the origin (--keep-origin to leave it)`,
      )
    }
  }
  return { before, after: sceneBounds(doc), moved }
}

const round = (v: number) => Math.round(v * 100) / 100 + 0

/** Removes what a site model must not carry, saying what went. */
export function stripExtras(doc: Document, notes: string[], keepAnimations: boolean): void {
  const root = doc.getRoot()
  const lights = root.listExtensionsUsed().find((e) => e.extensionName === 'KHR_lights_punctual')
  if (lights) {
    // Portage lights every site the same way; exported lamps (in watts) would flood the scene.
    notes.push('removed the lights exported with the model (Portage lights the scene itself)')
    lights.dispose()
  }
  if (root.listCameras().length > 0) {
    notes.push(`removed ${root.listCameras().length} camera(s): viewpoints are set in the tour`)
    for (const c of root.listCameras()) c.dispose()
  }
  const animations = root.listAnimations()
  if (animations.length > 0 && !keepAnimations) {
    notes.push(
      `removed ${animations.length} animation(s): sites are still scenes unless you re-run with --keep-animations`,
    )
    for (const a of animations) a.dispose()
  }
  if (root.listSkins().length > 0 && (!keepAnimations || animations.length === 0))
    notes.push('the model has skins (rigged meshes): they are shown in rest pose')
}

/**
 * Repairs what exporters get wrong in animations, before gltf-transform's `resample` drops the
 * keyframes a linear interpolation would recreate: keyframe times that repeat or go back (a glTF
 * error: the validator reports each one) are removed, keeping the last value at that time;
 * rotation quaternions are normalised. Returns what was repaired, in words.
 */
export async function repairAnimations(doc: Document): Promise<string[]> {
  const repaired: string[] = []
  let repeated = 0
  let unnormalised = 0
  for (const animation of doc.getRoot().listAnimations())
    for (const sampler of animation.listSamplers()) {
      const input = sampler.getInput()
      const output = sampler.getOutput()
      if (!input || !output) continue
      const cubic = sampler.getInterpolation() === 'CUBICSPLINE'
      const times = Array.from(input.getArray() ?? [], Number)
      const perKey = output.getElementSize() * (cubic ? 3 : 1)
      const values = Array.from(output.getArray() ?? [], Number)
      const keep: number[] = []
      for (let i = 0; i < times.length; i++) {
        const t = times[i] ?? 0
        const next = times[i + 1]
        // A later key at the same (or an earlier) time replaces this one.
        if (next !== undefined && next !== null && next <= t) {
          repeated++
          continue
        }
        if (keep.length > 0 && t <= (times[keep[keep.length - 1] ?? 0] ?? 0)) {
          repeated++
          continue
        }
        keep.push(i)
      }
      const isRotation = animation
        .listChannels()
        .some((c) => c.getSampler() === sampler && c.getTargetPath() === 'rotation')
      if (keep.length !== times.length) {
        const newTimes = new Float32Array(keep.map((i) => times[i] ?? 0))
        const newValues = new Float32Array(keep.length * perKey)
        keep.forEach((i, k) => newValues.set(values.slice(i * perKey, (i + 1) * perKey), k * perKey))
        // Accessors may be shared between samplers: give this one its own.
        sampler.setInput(input.clone().setArray(newTimes))
        sampler.setOutput(output.clone().setArray(newValues))
      }
      if (isRotation && !cubic) {
        const out = sampler.getOutput()
        const arr = out?.getArray()
        if (out && arr instanceof Float32Array) {
          const fixed = new Float32Array(arr)
          let changed = false
          for (let i = 0; i + 3 < fixed.length; i += 4) {
            const len = Math.hypot(fixed[i] ?? 0, fixed[i + 1] ?? 0, fixed[i + 2] ?? 0, fixed[i + 3] ?? 0)
            if (len > 0 && Math.abs(len - 1) > 0.0005) {
              for (let k = 0; k < 4; k++) fixed[i + k] = (fixed[i + k] ?? 0) / len
              unnormalised++
              changed = true
            }
          }
          if (changed) sampler.setOutput(out.clone().setArray(fixed))
        }
      }
    }
  if (repeated > 0)
    repaired.push(`removed ${repeated} keyframe(s) at a repeated or earlier time (a glTF error)`)
  if (unnormalised > 0)
    repaired.push(`normalised ${unnormalised} rotation keyframe(s) that were not unit quaternions`)
  const before = countKeyframes(doc)
  await doc.transform(resample({ tolerance: 1e-4 }), prune())
  const after = countKeyframes(doc)
  if (after < before)
    repaired.push(`dropped ${before - after} redundant keyframe(s) (gltf-transform resample)`)
  return repaired
}

function countKeyframes(doc: Document): number {
  let n = 0
  for (const a of doc.getRoot().listAnimations())
    for (const s of a.listSamplers()) n += s.getInput()?.getCount() ?? 0
  return n
}

/**
 * Merges duplicates, drops what nothing uses, and joins meshes that share a material into one
 * draw call (not GPU instancing: the app's loader, three-stdlib, does not implement
 * EXT_mesh_gpu_instancing). Animated nodes are left where they are (`flatten` and `join` skip them).
 */
export async function cleanUp(doc: Document): Promise<void> {
  await doc.transform(dedup(), prune(), flatten(), joinPrimitives(), weld(), prune())
}

export const triangleCount = (prim: Primitive): number => {
  const count = prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')?.getCount() ?? 0
  const mode = prim.getMode()
  return mode === 4 ? count / 3 : mode === 5 || mode === 6 ? Math.max(0, count - 2) : 0
}

/**
 * Simplifies every triangle primitive to `ratio` of its triangles (at least `keepTriangles`).
 * Returns the largest simplifier error, relative to each part's size (meshoptimizer's measure:
 * 0.01 means the surface moved by up to 1 % of the part's extent).
 */
export async function simplifyDocument(doc: Document, ratio: number, keepTriangles: number): Promise<number> {
  await MeshoptSimplifier.ready
  let worst = 0
  // gltf-transform reports each primitive's simplifier error at debug level only: listen there.
  const logger = new Logger(Logger.Verbosity.DEBUG)
  const previous = doc.getLogger()
  logger.debug = (text: string) => {
    const m = /error: (\d+(?:\.\d+)?)/.exec(text)
    if (m) worst = Math.max(worst, Number(m[1]))
  }
  logger.info = () => {}
  doc.setLogger(logger)
  try {
    for (const mesh of doc.getRoot().listMeshes()) {
      for (const prim of mesh.listPrimitives()) {
        const mode = prim.getMode()
        if (mode !== 4 && mode !== 5 && mode !== 6) continue // points and lines are left as they are
        const triangles = triangleCount(prim)
        if (triangles === 0) continue
        const r = Math.min(1, Math.max(ratio, keepTriangles / triangles))
        // error 1: no error bound, the ratio decides; the caller chose it to meet a budget.
        if (r < 1) simplifyPrimitive(prim, { simplifier: MeshoptSimplifier, ratio: r, error: 1 })
        if (triangleCount(prim) === 0) prim.dispose()
      }
      if (mesh.listPrimitives().length === 0) mesh.dispose()
    }
  } finally {
    doc.setLogger(previous)
  }
  await doc.transform(prune())
  return worst
}
