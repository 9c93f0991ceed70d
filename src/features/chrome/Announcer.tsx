import { useEffect, useState } from 'react'
import { t as translate, localize } from '../../core/i18n/i18n'
import { useAppStore } from '../../state/app-context'
import { selectHotspot, selectStop, selectTour } from '../../state/selectors'

/**
 * A polite live region that tells screen-reader users where they are when the place changes:
 * a new stop ("Stop 2 of 8: Pier 21") or a story opened.
 */
export function Announcer() {
  const [message, setMessage] = useState('')
  const store = useAppStore()
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const lang = s.engine.language
        const tour = selectTour(s)
        const stop = selectStop(s)
        if (!tour || !stop) return
        if (s.engine.tourId !== prev.engine.tourId || s.engine.stopIndex !== prev.engine.stopIndex) {
          setMessage(
            translate(lang, 'announce.stop', {
              index: s.engine.stopIndex + 1,
              count: tour.stops.length,
              title: localize(stop.title, lang),
            }),
          )
        } else if (s.engine.hotspotId && s.engine.hotspotId !== prev.engine.hotspotId) {
          const hotspot = selectHotspot(s)
          if (hotspot)
            setMessage(translate(lang, 'announce.hotspot', { title: localize(hotspot.title, lang) }))
        }
      }),
    [store],
  )
  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="announcer"
    >
      {message}
    </div>
  )
}
