/**
 * Width and height of a PNG, WebP or JPEG from its header bytes: link previews and oEmbed must
 * state the poster's size, and reading a header needs no image library.
 */
export type ImageSize = { width: number; height: number }

export function imageSize(buf: Uint8Array): ImageSize | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const ascii = (at: number, n: number) => String.fromCharCode(...buf.subarray(at, at + n))
  if (buf.length >= 24 && ascii(1, 3) === 'PNG')
    return { width: view.getUint32(16), height: view.getUint32(20) }
  if (buf.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4)
    const u24 = (at: number) => buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16)
    if (chunk === 'VP8X') return { width: u24(24) + 1, height: u24(27) + 1 }
    if (chunk === 'VP8 ')
      return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true)
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
    }
    return null
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker.
    let at = 2
    while (at + 9 < buf.length) {
      if (buf[at] !== 0xff) return null
      const marker = buf[at + 1]!
      const length = view.getUint16(at + 2)
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
      if (isFrame) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) }
      at += 2 + length
    }
  }
  return null
}
