/**
 * Can this browser draw the 3D view? Asked once, before any three.js code loads: a browser
 * without WebGL (disabled, blocklisted GPU, context creation failing) gets the 2D tour instead.
 */
let known: boolean | undefined

export function webglAvailable(doc: Document = document): boolean {
  known ??= probe(doc)
  return known
}

function probe(doc: Document): boolean {
  try {
    const canvas = doc.createElement('canvas')
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl')
    if (!gl) return false
    // Free the probe's context at once: browsers cap live contexts (~16).
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return true
  } catch {
    return false
  }
}
