/**
 * Reading what a content team has: a .glb, a .gltf with its .bin and images beside it, or an .obj
 * with its .mtl and textures (converted by obj2gltf, Cesium's kept converter). Geometry compressed
 * with Draco (draco3dgltf's decoder, registered with gltf-transform's NodeIO) or meshopt, or
 * quantised, is decoded here. Anything unreadable throws `ImportInputError` with what is wrong and
 * what to do, before anything is written.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, extname } from 'node:path'
import { Logger, NodeIO, type Document } from '@gltf-transform/core'
import { ALL_EXTENSIONS } from '@gltf-transform/extensions'
import draco3d from 'draco3dgltf'
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer'
import obj2gltf from 'obj2gltf'

/** The input could not be read at all; the message says why and what to do. */
export class ImportInputError extends Error {}

let ioPromise: Promise<NodeIO> | undefined
/** A NodeIO that reads every extension gltf-transform knows, with the Draco and meshopt decoders. */
export function getImportIO(): Promise<NodeIO> {
  ioPromise ??= (async () => {
    await Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready])
    return new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({
      'draco3d.decoder': await draco3d.createDecoderModule(),
      'meshopt.decoder': MeshoptDecoder,
      'meshopt.encoder': MeshoptEncoder,
    })
  })()
  return ioPromise
}

const GLB_MAGIC = 0x46546c67 // 'glTF'

/** What kind of file the input is, from its name or (for bytes) its first bytes. */
export type InputKind = 'glb' | 'gltf' | 'obj'

/** Why a GLB's bytes cannot be a GLB, or undefined when its header and chunks add up. */
export function glbHeaderProblem(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength === 0) return 'the file is empty'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 20 || view.getUint32(0, true) !== GLB_MAGIC)
    return 'the file does not start like a binary glTF (.glb): it is another kind of file, or damaged'
  const version = view.getUint32(4, true)
  if (version !== 2) return `the file is glTF version ${version}; Portage reads glTF 2.0`
  const declared = view.getUint32(8, true)
  if (declared > bytes.byteLength)
    return `the file is cut short: its header says ${declared.toLocaleString('en-CA')} bytes, but only ${bytes.byteLength.toLocaleString('en-CA')} arrived (an interrupted download or copy)`
  return undefined
}

/** `extensionsRequired` of a GLB or .gltf, read from its JSON without decoding anything. */
function requiredExtensions(json: unknown): string[] {
  const r = (json as { extensionsRequired?: unknown } | null)?.extensionsRequired
  return Array.isArray(r) ? r.filter((e): e is string => typeof e === 'string') : []
}

function glbJson(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + view.getUint32(12, true))))
}

/** Extensions this tool reads: gltf-transform's whole set (incl. Draco, meshopt, WebP, AVIF, KTX2). */
function unsupportedRequired(json: unknown): string[] {
  const known = new Set(ALL_EXTENSIONS.map((e) => e.EXTENSION_NAME))
  return requiredExtensions(json).filter((e) => !known.has(e))
}

async function readGlb(bytes: Uint8Array): Promise<Document> {
  const header = glbHeaderProblem(bytes)
  if (header) throw new ImportInputError(`${header}: export the model again as .glb (glTF Binary)`)
  let json: unknown
  try {
    json = glbJson(bytes)
  } catch {
    throw new ImportInputError(
      "the file's glTF description (its JSON part) is damaged: export the model again as .glb",
    )
  }
  const unknown = unsupportedRequired(json)
  if (unknown.length > 0)
    throw new ImportInputError(
      `the model needs ${unknown.join(', ')}, which this tool cannot read: export it again without ` +
        'that option (plain glTF 2.0; Draco, meshopt, WebP, AVIF and KTX2 are all fine)',
    )
  const io = await getImportIO()
  try {
    return await io.readBinary(bytes)
  } catch (e) {
    throw new ImportInputError(
      `cannot read the model (${(e as Error).message}): the file is damaged or not standard glTF; ` +
        'open it in Blender (File > Import > glTF 2.0) and export it again as .glb',
    )
  }
}

async function readGltf(path: string): Promise<Document> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e
    throw new ImportInputError(`${basename(path)} is not valid JSON, so not a .gltf: export the model again`)
  }
  const unknown = unsupportedRequired(json)
  if (unknown.length > 0)
    throw new ImportInputError(
      `the model needs ${unknown.join(', ')}, which this tool cannot read: export it again without that option`,
    )
  // Every external file must be beside the .gltf: name the first one missing.
  const uris = [
    ...((json as { buffers?: { uri?: string }[] }).buffers ?? []),
    ...((json as { images?: { uri?: string }[] }).images ?? []),
  ]
    .map((b) => b.uri)
    .filter((u): u is string => typeof u === 'string' && !u.startsWith('data:'))
  for (const uri of uris) {
    const file = `${dirname(path)}/${decodeURIComponent(uri)}`
    try {
      await stat(file)
    } catch {
      throw new ImportInputError(
        `${basename(path)} names "${uri}", which is not beside it: copy that file into ${dirname(path)}/, ` +
          'or export the model as one .glb file',
      )
    }
  }
  const io = await getImportIO()
  try {
    return await io.read(path)
  } catch (e) {
    throw new ImportInputError(
      `cannot read ${basename(path)} (${(e as Error).message}): export the model again as .glb`,
    )
  }
}

/**
 * An OBJ and its MTL and textures, through obj2gltf (`secure`: nothing outside the OBJ's folder is
 * read). Its materials are converted to PBR metallic-roughness as obj2gltf does by default.
 */
async function readObj(path: string): Promise<{ doc: Document; notes: string[] }> {
  const notes: string[] = []
  const logger = (message: string) => notes.push(`OBJ: ${message}`)
  let glb: Buffer
  try {
    glb = (await obj2gltf(path, { binary: true, secure: true, logger })) as Buffer
  } catch (e) {
    throw new ImportInputError(
      `cannot convert ${basename(path)} (${(e as Error).message}): check that the .obj is a text OBJ file ` +
        'and that the .mtl and textures it names are in the same folder',
    )
  }
  // obj2gltf goes on without a file it cannot find (a default material, no texture): a site would
  // then come out grey, so a missing .mtl or texture stops the import.
  const missing = notes
    .filter((n) => /Could not read .* (will be ignored|Using default material)/.test(n))
    .map((n) => n.replace(/^OBJ: Could not read (\w+) file at (.*?)\. .*$/, '$1 $2'))
  if (missing.length > 0)
    throw new ImportInputError(
      `${basename(path)} names files that cannot be read (${missing.join('; ')}): ` +
        'copy the .mtl and its textures beside the .obj',
    )
  const io = await getImportIO()
  return { doc: await io.readBinary(new Uint8Array(glb)), notes }
}

/** The kind of input a path names, or an error saying what to export instead. */
export function inputKind(path: string): InputKind {
  const ext = extname(path).toLowerCase()
  if (ext === '.glb' || ext === '.gltf' || ext === '.obj') return ext.slice(1) as InputKind
  const advice: Record<string, string> = {
    '.fbx': 'Blender: File > Import > FBX, then File > Export > glTF 2.0 (.glb)',
    '.usdz': 'Blender: File > Import > Universal Scene Description, then export glTF 2.0 (.glb)',
    '.ply': 'Blender or MeshLab: import the PLY, export glTF 2.0 (.glb)',
    '.stl': 'STL has no colour: Blender: import it, add materials, export glTF 2.0 (.glb)',
    '.zip': 'unzip it first and give the .glb, .gltf or .obj inside',
  }
  throw new ImportInputError(
    `${basename(path)} is not a model this tool reads (.glb, .gltf or .obj)` +
      (advice[ext] ? `: ${advice[ext]}` : ': export it as glTF 2.0 (.glb) from the application that made it'),
  )
}

/** Reads the input into a document; notes say what the conversion noticed. */
export async function readInput(input: Uint8Array | string): Promise<{ doc: Document; notes: string[] }> {
  let result: { doc: Document; notes: string[] }
  if (typeof input !== 'string') result = { doc: await readGlb(input), notes: [] }
  else {
    const kind = inputKind(input)
    if (kind === 'obj') result = await readObj(input)
    else if (kind === 'gltf') result = { doc: await readGltf(input), notes: [] }
    else result = { doc: await readGlb(new Uint8Array(await readFile(input))), notes: [] }
  }
  result.doc.setLogger(new Logger(Logger.Verbosity.WARN))
  if (result.doc.getRoot().listScenes().length === 0)
    throw new ImportInputError(
      'the file has no scene (nothing to show): export the model again with its objects selected',
    )
  return result
}
