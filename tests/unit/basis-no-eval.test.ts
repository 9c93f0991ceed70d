/**
 * KTX2 textures under a policy without 'unsafe-eval': three's Basis transcoder, patched by
 * tools/build/basis-no-eval.mjs, initialises and transcodes a real KTX2 texture in a context where
 * code generation from strings is disabled (as the CSP disables it in the browser). The shipped
 * file, unpatched, does not.
 */
import { readFileSync } from 'node:fs'
import { createContext, runInContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { CODE_GENERATION, patchBasisTranscoder } from '../../tools/build/basis-no-eval.mjs'
import { ktx2Texture } from '../e2e/hostile-fixtures'

const LIBS = 'node_modules/three/examples/jsm/libs/basis'
const original = readFileSync(`${LIBS}/basis_transcoder.js`, 'utf8')
const wasmBinary = readFileSync(`${LIBS}/basis_transcoder.wasm`)

type KTX2File = {
  isValid(): boolean
  getWidth(): number
  getHeight(): number
  startTranscoding(): boolean
  getImageTranscodedSizeInBytes(level: number, layer: number, face: number, format: number): number
  transcodeImage(
    dst: Uint8Array,
    level: number,
    layer: number,
    face: number,
    format: number,
    flags: number,
    channel0: number,
    channel1: number,
  ): number
  close(): void
  delete(): void
}
type Basis = { initializeBasis(): void; KTX2File: new (data: Uint8Array) => KTX2File }

/** Load a transcoder build where `eval` and `new Function` throw, as under our CSP. */
async function loadWithoutEval(source: string): Promise<Basis> {
  const context = createContext(
    { console, WebAssembly, TextDecoder, URL, setTimeout, clearTimeout },
    { codeGeneration: { strings: false, wasm: true } },
  )
  runInContext(`${source};globalThis.BASIS = BASIS;`, context)
  const basis = await (context['BASIS'] as (m: object) => Promise<Basis>)({ wasmBinary })
  basis.initializeBasis()
  return basis
}

const RGBA32 = 13 // Basis transcoder_texture_format cTFRGBA32

describe('the Basis transcoder without code generation', () => {
  it('the shipped build needs eval (so the patch is needed)', async () => {
    expect(CODE_GENERATION.test(original)).toBe(true)
    await expect(loadWithoutEval(original)).rejects.toThrow(/Code generation from strings disallowed/)
  })

  it('the patched build has none, and transcodes a real KTX2 texture', async () => {
    const patched = patchBasisTranscoder(original)
    expect(CODE_GENERATION.test(patched)).toBe(false)
    const basis = await loadWithoutEval(patched)
    const file = new basis.KTX2File(await ktx2Texture(8, 8, [200, 40, 40, 255]))
    expect(file.isValid()).toBeTruthy()
    expect([file.getWidth(), file.getHeight()]).toEqual([8, 8])
    expect(file.startTranscoding()).toBeTruthy()
    const out = new Uint8Array(file.getImageTranscodedSizeInBytes(0, 0, 0, RGBA32))
    expect(file.transcodeImage(out, 0, 0, 0, RGBA32, 0, -1, -1)).toBeTruthy()
    file.close()
    file.delete()
    // ETC1S is lossy: the colour comes back close to what went in.
    const [r, g, b] = out
    expect(Math.abs(r! - 200) + Math.abs(g! - 40) + Math.abs(b! - 40)).toBeLessThan(30)
  }, 60_000)

  it('refuses a transcoder whose code it does not recognise', () => {
    expect(() => patchBasisTranscoder('var BASIS = () => new Function("x")')).toThrow(/not found as expected/)
  })
})
