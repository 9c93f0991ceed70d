import { useEffect, useId, useRef } from 'react'
import { useT } from '../../state/use-t'
import { VALUE_COLORS } from '../stage/markers'
import { useApp } from '../../state/app-context'
import { selectActions, selectHotspot, selectLanguage } from '../../state/selectors'
import { NarrationControls } from '../narration/NarrationControls'

import { useSlots } from '../slots/slots'

/** The open hotspot: title, value, text, narration, transcript and sources. */
export function HotspotPanel() {
  const { t, loc } = useT()
  const hotspot = useApp(selectHotspot)
  const lang = useApp(selectLanguage)
  const actions = useApp(selectActions)
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The AR mode shows this panel over the camera view while the page's own is still mounted: each
  // panel names its own heading.
  const titleId = useId()
  // A mode may show sources its own way (the kiosk, where no link may leave the app: a QR code).
  const { source: renderSource } = useSlots()
  useEffect(() => {
    // Opening a story moves focus to it, so its text is what a screen reader reads next; a story
    // opened by a link at page load leaves focus (and the scroll position) where the page starts.
    if (document.activeElement && document.activeElement !== document.body) headingRef.current?.focus()
  }, [])
  if (!hotspot) return null
  const track = hotspot.narration[lang] ?? hotspot.narration['en']
  return (
    <article className="hotspot-panel" aria-labelledby={titleId} data-testid="hotspot-panel">
      <header>
        <p className="hotspot-value">
          <span
            className="value-dot"
            style={{ background: VALUE_COLORS[hotspot.value] }}
            aria-hidden="true"
          />
          {t(`value.${hotspot.value}`)}
        </p>
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {loc(hotspot.title)}
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-small close"
          onClick={() => actions.closeHotspot()}
        >
          {t('hotspot.close')}
        </button>
      </header>
      <p className="hotspot-body">{loc(hotspot.body)}</p>
      <NarrationControls />
      {track && (
        <details className="transcript">
          <summary>{t('hotspot.transcript')}</summary>
          <p>{track.script}</p>
        </details>
      )}
      <section className="sources" aria-labelledby="sources-title">
        <h3 id="sources-title">{t('hotspot.sources')}</h3>
        <ul>
          {hotspot.sources.map((s) => (
            <li key={s.url}>
              {renderSource ? (
                renderSource(s)
              ) : (
                <a href={s.url} target="_blank" rel="noopener noreferrer" hrefLang={s.lang}>
                  {s.title}
                </a>
              )}
            </li>
          ))}
        </ul>
      </section>
      <div className="hotspot-step">
        <button type="button" className="btn btn-small" onClick={() => actions.stepHotspot(-1)}>
          ← {t('hotspot.previous')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => actions.stepHotspot(1)}>
          {t('hotspot.next')} →
        </button>
      </div>
    </article>
  )
}
