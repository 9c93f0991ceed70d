/**
 * QR codes drawn as one SVG path (no canvas, no image request): the kiosk shows a source's address
 * as a code to scan instead of a link that would leave the app.
 */
import QRCode from 'qrcode'

/** Quiet zone around the code, in modules (the standard asks for 4). */
export const QR_MARGIN = 4

/** The SVG path of a QR code's dark modules, one unit per module, offset by the quiet zone. */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  let d = ''
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (modules.data[y * n + x]) d += `M${x + QR_MARGIN} ${y + QR_MARGIN}h1v1h-1z`
  return { size: n + 2 * QR_MARGIN, d }
}

/** The address as people read it: no scheme, no "www.", no trailing slash. */
export function readableUrl(url: string): string {
  return url
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/$/, '')
}
