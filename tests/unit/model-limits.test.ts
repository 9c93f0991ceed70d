/**
 * The limits a site model is held to (src/features/stage/model-limits.ts): the download by its declared and
 * its streamed size, the file by its container (self-contained glTF 2, nothing fetched from a URI),
 * and the parsed scene by triangles and texture sizes.
 */
import fc from 'fast-check'
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Group,
  InstancedMesh,
  Mesh,
  MeshStandardMaterial,
  Points,
  Texture,
} from 'three'
import { describe, expect, it, vi } from 'vitest'
import {
  checkScene,
  inspectGlb,
  measureScene,
  ModelLoadError,
  DECODED_LENGTH_HEADER,
  readLimited,
  withinDecodeTime,
} from '../../src/features/stage/model-limits'

const LIMITS = {
  maxBytes: 1000,
  maxTriangles: 100,
  maxTextureSize: 64,
  maxTexturePixels: 64 * 64 * 2,
  maxDecodeMs: 1000,
}

function stream(parts: number[], fail?: Error) {
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const n of parts) c.enqueue(new Uint8Array(n))
      if (fail) c.error(fail)
      else c.close()
    },
  })
}

const reason = async (p: Promise<unknown>) => {
  try {
    await p
    return 'ok'
  } catch (e) {
    return e instanceof ModelLoadError ? e.reason : `not a ModelLoadError: ${String(e)}`
  }
}

describe('reading a model download', () => {
  it('reads a body within the limit and reports progress against its length', async () => {
    const seen: number[] = []
    const res = new Response(stream([400, 400]), { headers: { 'content-length': '800' } })
    const data = await readLimited(res, (loaded, total) => seen.push(loaded / total), LIMITS)
    expect(data.byteLength).toBe(800)
    expect(seen).toEqual([0.5, 1])
  })
  it('refuses by Content-Length before reading a byte', async () => {
    let pulled = false
    const body = new ReadableStream({ pull: () => void (pulled = true) })
    const res = new Response(body, { headers: { 'content-length': '5000' } })
    expect(await reason(readLimited(res, () => {}, LIMITS))).toBe('too-large')
    expect(pulled).toBe(false)
  })
  it('refuses while streaming when there is no length, as soon as it passes the limit', async () => {
    let read = 0
    const res = new Response(stream([600, 600, 600]))
    expect(await reason(readLimited(res, (loaded) => (read = loaded), LIMITS))).toBe('too-large')
    expect(read).toBe(600)
  })
  it('refuses a body longer than its Content-Length said', async () => {
    const res = new Response(stream([900, 900]), { headers: { 'content-length': '900' } })
    expect(await reason(readLimited(res, () => {}, LIMITS))).toBe('too-large')
  })
  it('names a dropped connection and a short body as network failures', async () => {
    expect(
      await reason(
        readLimited(new Response(stream([300], new TypeError('network error'))), () => {}, LIMITS),
      ),
    ).toBe('network')
    const short = new Response(stream([300]), { headers: { 'content-length': '800' } })
    expect(await reason(readLimited(short, () => {}, LIMITS))).toBe('network')
  })
  it('reports progress of a compressed download against its decoded size, when the server names it', async () => {
    const seen: number[] = []
    const res = new Response(stream([400, 400]), {
      headers: { 'content-encoding': 'br', 'content-length': '200', [DECODED_LENGTH_HEADER]: '800' },
    })
    await readLimited(res, (loaded, total) => seen.push(loaded / total), LIMITS)
    expect(seen).toEqual([0.5, 1])
    // Without it (a host compressing on the fly) there is no total, and no early refusal by the
    // encoded size: the streamed bytes are still counted against the limit.
    const totals: number[] = []
    const plain = new Response(stream([400, 400]), {
      headers: { 'content-encoding': 'gzip', 'content-length': '5000' },
    })
    expect((await readLimited(plain, (_, total) => totals.push(total), LIMITS)).byteLength).toBe(800)
    expect(totals).toEqual([0, 0])
  })
  it('refuses a compressed download by its decoded size before reading a byte', async () => {
    let pulled = false
    const body = new ReadableStream({ pull: () => void (pulled = true) })
    const res = new Response(body, {
      headers: { 'content-encoding': 'br', 'content-length': '100', [DECODED_LENGTH_HEADER]: '5000' },
    })
    expect(await reason(readLimited(res, () => {}, LIMITS))).toBe('too-large')
    expect(pulled).toBe(false)
  })
  it('names an HTTP error as unavailable', async () => {
    expect(await reason(readLimited(new Response('no', { status: 404 }), () => {}, LIMITS))).toBe(
      'unavailable',
    )
  })
})

/** A binary glTF container around a JSON document. */
function glb(json: unknown, opts: { magic?: number; version?: number; length?: number } = {}) {
  let text = JSON.stringify(json)
  while (text.length % 4) text += ' '
  const body = new TextEncoder().encode(text)
  const out = new Uint8Array(20 + body.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, opts.magic ?? 0x46546c67, true)
  view.setUint32(4, opts.version ?? 2, true)
  view.setUint32(8, opts.length ?? out.length, true)
  view.setUint32(12, body.length, true)
  view.setUint32(16, 0x4e4f534a, true)
  out.set(body, 20)
  return out.buffer
}
const ASSET = { asset: { version: '2.0' } }
const inspect = (data: ArrayBuffer) => {
  try {
    inspectGlb(data)
    return 'ok'
  } catch (e) {
    return (e as ModelLoadError).reason
  }
}

describe('decoding time', () => {
  it('a decoder that never answers becomes a "corrupt" refusal after the limit', async () => {
    vi.useFakeTimers()
    try {
      const never = new Promise<never>(() => {})
      const result = reason(withinDecodeTime(never, 60_000))
      await vi.advanceTimersByTimeAsync(59_999)
      let settled = false
      void result.then(() => (settled = true))
      await Promise.resolve()
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(await result).toBe('corrupt')
    } finally {
      vi.useRealTimers()
    }
  })
  it('a decoder that answers in time gives its answer', async () => {
    expect(await withinDecodeTime(Promise.resolve(42), 1000)).toBe(42)
  })
})

describe('inspecting the file before parsing', () => {
  it('accepts a self-contained glTF 2 binary', () => {
    expect(
      inspect(
        glb({ ...ASSET, buffers: [{ byteLength: 4 }], images: [{ bufferView: 0, mimeType: 'image/png' }] }),
      ),
    ).toBe('ok')
  })
  it.each([
    [
      'a buffer on another origin',
      { ...ASSET, buffers: [{ uri: 'https://evil.example/a.bin', byteLength: 4 }] },
    ],
    ['a buffer outside the folder', { ...ASSET, buffers: [{ uri: '../../secret.bin', byteLength: 4 }] }],
    ['an encoded escape', { ...ASSET, buffers: [{ uri: '%2e%2e/%2e%2e/a.bin', byteLength: 4 }] }],
    [
      'a data: URI buffer',
      { ...ASSET, buffers: [{ uri: 'data:application/octet-stream;base64,AAAA', byteLength: 3 }] },
    ],
    ['an image by URL', { ...ASSET, images: [{ uri: '//evil.example/x.png' }] }],
    ['a javascript: image', { ...ASSET, images: [{ uri: 'javascript:alert(1)' }] }],
    ['glTF 1', { asset: { version: '1.0' } }],
    ['no asset', {}],
    ['not an object', [1, 2]],
  ])('refuses %s as corrupt', (_name, json) => {
    expect(inspect(glb(json))).toBe('corrupt')
  })
  it('accepts KTX2 textures (their transcoder runs without code generation)', () => {
    const ktx2 = {
      ...ASSET,
      extensionsUsed: ['KHR_texture_basisu'],
      extensionsRequired: ['KHR_texture_basisu'],
    }
    expect(inspect(glb(ktx2))).toBe('ok')
  })
  it('refuses broken containers', () => {
    expect(inspect(new ArrayBuffer(8))).toBe('corrupt')
    expect(inspect(glb(ASSET, { magic: 0x12345678 }))).toBe('corrupt')
    expect(inspect(glb(ASSET, { version: 1 }))).toBe('corrupt')
    expect(inspect(glb(ASSET, { length: 1 << 30 }))).toBe('corrupt')
  })
  it('never throws anything but a ModelLoadError on random bytes (fuzzed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withHeader) => {
        const data = new Uint8Array(bytes.length + 20)
        data.set(bytes, withHeader ? 20 : 0)
        if (withHeader) data.set(new Uint8Array(glb(ASSET)).subarray(0, 20))
        try {
          inspectGlb(data.buffer)
        } catch (e) {
          expect(e).toBeInstanceOf(ModelLoadError)
        }
      }),
    )
  })
})

function textured(size: [number, number]) {
  const map = new Texture({ width: size[0], height: size[1] } as unknown as HTMLImageElement)
  return new MeshStandardMaterial({ map })
}

describe('measuring the parsed scene', () => {
  it('counts triangles of indexed and plain meshes, times instances', () => {
    const root = new Group()
    root.add(new Mesh(new BoxGeometry())) // 12 triangles, indexed
    const plain = new BufferGeometry()
    plain.setAttribute('position', new BufferAttribute(new Float32Array(9 * 3), 3)) // 3 triangles
    root.add(new Mesh(plain))
    root.add(new InstancedMesh(new BoxGeometry(), undefined, 5)) // 60
    const points = new BufferGeometry()
    points.setAttribute('position', new BufferAttribute(new Float32Array(7 * 3), 3))
    root.add(new Points(points)) // 7 points
    expect(measureScene(root).triangles).toBe(12 + 3 + 60 + 7)
  })
  it('refuses too many triangles, a texture too large, too many texture pixels', () => {
    const many = new Group().add(new InstancedMesh(new BoxGeometry(), undefined, 9)) // 108
    expect(checkScene(many, LIMITS)?.reason).toBe('too-complex')
    expect(checkScene(many, LIMITS)?.vars).toEqual({ count: 108, limit: 100 })
    const wide = new Group().add(new Mesh(new BoxGeometry(), textured([65, 4])))
    expect(checkScene(wide, LIMITS)?.reason).toBe('texture-too-large')
    const lots = new Group()
    for (let i = 0; i < 3; i++) lots.add(new Mesh(new BoxGeometry(), textured([64, 64])))
    expect(checkScene(lots, LIMITS)?.reason).toBe('texture-too-large')
    const fine = new Group().add(new Mesh(new BoxGeometry(), textured([64, 64])))
    expect(checkScene(fine, LIMITS)).toBeNull()
  })
})
