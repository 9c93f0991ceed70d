/**
 * QR codes drawn here, from the `qrcode` package's module matrix: nothing is fetched, and the same
 * code is an SVG path on screen and in print, or a PNG for slides.
 */
import QRCode from 'qrcode'

/** Light modules around the code, as the QR specification asks for. */
const QUIET_ZONE = 4

export type QrShape = {
  /** Width and height in modules, quiet zone included. */
  size: number
  /** One SVG path drawing every dark module as a 1×1 square. */
  path: string
  /** Dark modules, row by row (for raster drawing). */
  dark: (x: number, y: number) => boolean
}

export function qrShape(text: string): QrShape {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const isDark = (x: number, y: number) => x >= 0 && y >= 0 && x < n && y < n && Boolean(modules.get(y, x))
  let path = ''
  for (let y = 0; y < n; y++) {
    // Runs of dark modules on a row become one rectangle: a shorter path than a square each.
    let x = 0
    while (x < n) {
      if (!isDark(x, y)) {
        x++
        continue
      }
      const start = x
      while (x < n && isDark(x, y)) x++
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`
    }
  }
  return {
    size: n + QUIET_ZONE * 2,
    path,
    dark: (x, y) => isDark(x - QUIET_ZONE, y - QUIET_ZONE),
  }
}
