/**
 * Preview: the tour in the visitor's app, served by the studio server from the working tree, in
 * each way in. The app reads the saved file, so the previews show what was last saved.
 */
import { useT, useUi } from '../state/context'

/** A phone-sized window: an iPhone 14's CSS viewport. */
const PHONE = { width: 390, height: 844 } as const

export function previewLinks(tourId: string, stopId: string, lang: string) {
  const q = (extra: Record<string, string> = {}) =>
    `/?${new URLSearchParams({ tour: tourId, stop: stopId, lang, ...extra })}`
  return {
    desktop: q(),
    phone: q(),
    headset: q({ emulate: 'quest3' }),
    kiosk: `/?${new URLSearchParams({ mode: 'kiosk', lang })}`,
    flat: q({ view: '2d' }),
  }
}

export function Preview({ tourId, stopId }: { tourId: string; stopId: string }) {
  const t = useT()
  const lang = useUi((s) => s.lang)
  const links = previewLinks(tourId, stopId, lang)
  return (
    <section aria-labelledby="preview-heading" className="preview">
      <h2 id="preview-heading">{t('preview.heading')}</h2>
      <p className="meta">{t('preview.note')}</p>
      <ul className="row">
        <li>
          <a href={links.desktop} target="_blank" rel="noopener">
            {t('preview.desktop')}
          </a>
        </li>
        <li>
          <a
            href={links.phone}
            target="portage-phone"
            onClick={(e) => {
              e.preventDefault()
              window.open(links.phone, 'portage-phone', `popup,width=${PHONE.width},height=${PHONE.height}`)
            }}
          >
            {t('preview.phone')}
          </a>
        </li>
        <li>
          <a href={links.headset} target="_blank" rel="noopener">
            {t('preview.headset')}
          </a>
        </li>
        <li>
          <a href={links.kiosk} target="_blank" rel="noopener">
            {t('preview.kiosk')}
          </a>
        </li>
        <li>
          <a href={links.flat} target="_blank" rel="noopener">
            {t('preview.flat')}
          </a>
        </li>
      </ul>
    </section>
  )
}
