/* global window, requestAnimationFrame */
// Injected by the bench into every page it measures (the app and the plain three.js page alike)
// before any of the page's own scripts run. Plain JS on purpose: Playwright sends it as text.
//
// - Texture memory: neither page exposes its textures' sizes, so the texture upload calls of
//   WebGL are wrapped and the bytes of every level of every live texture are added up (an
//   estimate: drivers may pad rows or store RGB as RGBA). Upload calls are rare; draw calls are
//   not wrapped, so frame times are unaffected.
// - Draw calls and triangles: counted at the WebGL calls, the same way for both pages, over a few
//   frames at the start view; the draw calls are wrapped only while counting.
// - Frame times: a requestAnimationFrame loop records frame intervals while the bench orbits.
;(() => {
  // Bytes per texel of the sized and unsized formats three.js uses (WebGL 1 and 2).
  const TEXEL_BYTES = {
    0x8229: 1, // R8
    0x822b: 2, // RG8
    0x8051: 3, // RGB8
    0x8058: 4, // RGBA8
    0x8c41: 3, // SRGB8
    0x8c43: 4, // SRGB8_ALPHA8
    0x822d: 2, // R16F
    0x822f: 4, // RG16F
    0x881b: 6, // RGB16F
    0x881a: 8, // RGBA16F
    0x822e: 4, // R32F
    0x8230: 8, // RG32F
    0x8815: 12, // RGB32F
    0x8814: 16, // RGBA32F
    0x81a5: 2, // DEPTH_COMPONENT16
    0x81a6: 4, // DEPTH_COMPONENT24
    0x8cac: 4, // DEPTH_COMPONENT32F
    0x88f0: 4, // DEPTH24_STENCIL8
    0x1906: 1, // ALPHA
    0x1909: 1, // LUMINANCE
    0x190a: 2, // LUMINANCE_ALPHA
    0x1907: 3, // RGB
    0x1908: 4, // RGBA
    0x1902: 4, // DEPTH_COMPONENT
    0x84f9: 4, // DEPTH_STENCIL
  }
  // Unsized formats take their size from the type.
  const TYPE_FACTOR = { 0x1406: 4, 0x140b: 2, 0x8d61: 2 } // FLOAT, HALF_FLOAT, HALF_FLOAT_OES
  const CUBE_FACE_0 = 0x8515
  const TEXTURE_CUBE_MAP = 0x8513
  // Which binding query answers "which texture does this target name".
  const bindingOf = (target) => {
    if (target >= CUBE_FACE_0 && target < CUBE_FACE_0 + 6) return 0x8514 // TEXTURE_BINDING_CUBE_MAP
    if (target === TEXTURE_CUBE_MAP) return 0x8514
    if (target === 0x806f) return 0x806a // TEXTURE_3D -> TEXTURE_BINDING_3D
    if (target === 0x8c1a) return 0x8c1d // TEXTURE_2D_ARRAY -> TEXTURE_BINDING_2D_ARRAY
    return 0x8069 // TEXTURE_BINDING_2D
  }
  const texelBytes = (internalformat, type) => {
    const base = TEXEL_BYTES[internalformat] ?? 4
    return internalformat === 0x1908 || internalformat === 0x1907 ? base * (TYPE_FACTOR[type] ?? 1) : base
  }
  const sourceSize = (s) => [
    s.videoWidth || s.naturalWidth || s.displayWidth || s.width || 0,
    s.videoHeight || s.naturalHeight || s.displayHeight || s.height || 0,
  ]

  /** texture -> Map(level/face key -> bytes) */
  const textures = new Map()
  const record = (gl, target, key, bytes) => {
    const tex = gl.getParameter(bindingOf(target))
    if (!tex) return
    let levels = textures.get(tex)
    if (!levels) textures.set(tex, (levels = new Map()))
    levels.set(`${target}/${key}`, bytes)
  }

  for (const Ctx of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!Ctx) continue
    const proto = Ctx.prototype
    const wrap = (name, measure) => {
      const original = proto[name]
      if (typeof original !== 'function') return
      proto[name] = function (...args) {
        const result = original.apply(this, args)
        try {
          measure(this, args)
        } catch {
          // Accounting must never break the page.
        }
        return result
      }
    }
    wrap('texImage2D', (gl, a) => {
      const [target, level, internalformat] = a
      const [w, h] = a.length === 6 ? sourceSize(a[5]) : [a[3], a[4]]
      const type = a.length === 6 ? a[4] : a[7]
      record(gl, target, level, w * h * texelBytes(internalformat, type))
    })
    wrap('texImage3D', (gl, a) => {
      const [target, level, internalformat, w, h, d, , , type] = a
      record(gl, target, level, w * h * d * texelBytes(internalformat, type))
    })
    wrap('compressedTexImage2D', (gl, a) => {
      const data = a[6]
      record(gl, a[0], a[1], typeof data === 'number' ? data : (data?.byteLength ?? 0))
    })
    wrap('texStorage2D', (gl, a) => {
      const [target, levels, internalformat, w, h] = a
      const faces = target === TEXTURE_CUBE_MAP ? 6 : 1
      let bytes = 0
      for (let l = 0; l < levels; l++)
        bytes += Math.max(1, w >> l) * Math.max(1, h >> l) * texelBytes(internalformat) * faces
      record(gl, target, 'storage', bytes)
    })
    wrap('texStorage3D', (gl, a) => {
      const [target, levels, internalformat, w, h, d] = a
      let bytes = 0
      for (let l = 0; l < levels; l++)
        bytes += Math.max(1, w >> l) * Math.max(1, h >> l) * d * texelBytes(internalformat)
      record(gl, target, 'storage', bytes)
    })
    wrap('deleteTexture', (_gl, a) => {
      textures.delete(a[0])
    })
  }

  // Triangles drawn by one draw call: TRIANGLES, TRIANGLE_STRIP, TRIANGLE_FAN; lines and points none.
  const trianglesOf = (mode, count, instances = 1) =>
    (mode === 4 ? Math.floor(count / 3) : mode === 5 || mode === 6 ? Math.max(0, count - 2) : 0) * instances
  const DRAWS = {
    drawArrays: (a) => trianglesOf(a[0], a[2]),
    drawElements: (a) => trianglesOf(a[0], a[1]),
    drawArraysInstanced: (a) => trianglesOf(a[0], a[2], a[3]),
    drawElementsInstanced: (a) => trianglesOf(a[0], a[1], a[4]),
    drawRangeElements: (a) => trianglesOf(a[0], a[3]),
  }

  let frames = null
  window.__bench = Object.freeze({
    textureMemory: () => {
      let bytes = 0
      for (const levels of textures.values()) for (const b of levels.values()) bytes += b
      return { bytes, count: textures.size }
    },
    /** Start recording frame intervals (ms) until stopFrames() returns them. */
    startFrames: () => {
      const times = []
      frames = times
      let last = -1
      const tick = (t) => {
        if (frames !== times) return
        if (last >= 0) times.push(t - last)
        last = t
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    },
    stopFrames: () => {
      const times = frames ?? []
      frames = null
      return times
    },
    /** Draw calls and triangles of each of the next n frames. */
    countDraws: (n) =>
      new Promise((resolve) => {
        const total = { calls: 0, triangles: 0 }
        const restore = []
        for (const Ctx of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
          if (!Ctx) continue
          for (const [name, triangles] of Object.entries(DRAWS)) {
            const original = Ctx.prototype[name]
            if (typeof original !== 'function') continue
            Ctx.prototype[name] = function (...args) {
              total.calls++
              total.triangles += triangles(args)
              return original.apply(this, args)
            }
            restore.push(() => (Ctx.prototype[name] = original))
          }
        }
        const perFrame = []
        let previous = null
        const tick = () => {
          if (previous)
            perFrame.push({
              calls: total.calls - previous.calls,
              triangles: total.triangles - previous.triangles,
            })
          previous = { ...total }
          if (perFrame.length < n) return requestAnimationFrame(tick)
          for (const r of restore) r()
          resolve(perFrame)
        }
        requestAnimationFrame(tick)
      }),
  })
})()
