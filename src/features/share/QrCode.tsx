import { useMemo } from 'react'
import { qrShape } from './qr'

/** A QR code as one SVG path: sharp on screen and on paper, drawn here from the text. */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const qr = useMemo(() => qrShape(text), [text])
  return (
    <svg
      className={className ?? 'qr-code'}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      data-qr-text={text}
      shapeRendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  )
}
