import { useMemo } from 'react'
import type { Source } from '../../core/content/schema'
import { useT } from '../../state/use-t'
import { qrPath, readableUrl } from './qr'

/**
 * A source on the kiosk: its title and address as text, and a QR code to open it on one's own
 * phone. Nothing to click: a link would leave the app (and the kiosk) for another site.
 */
export default function KioskSource({ source }: { source: Source }) {
  const { t } = useT()
  const qr = useMemo(() => qrPath(source.url), [source.url])
  return (
    <div className="kiosk-source" data-testid="kiosk-source">
      <svg
        className="kiosk-qr"
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        role="img"
        aria-label={t('kiosk.qrLabel', { url: readableUrl(source.url) })}
        shapeRendering="crispEdges"
        data-url={source.url}
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.d} fill="#000" />
      </svg>
      <div className="kiosk-source-text">
        <span className="kiosk-source-title" lang={source.lang}>
          {source.title}
        </span>
        <span className="kiosk-source-url">{readableUrl(source.url)}</span>
        <span className="kiosk-source-hint">{t('kiosk.scanSource')}</span>
      </div>
    </div>
  )
}
