import { localize, t as translate } from '../../core/i18n/i18n'
import { useApp } from '../../state/app-context'
import { selectHotspot, selectLanguage, selectStop, selectTour } from '../../state/selectors'
import { Captions } from '../../features/narration/Captions'
import { useKiosk, useKioskController } from './kiosk-context'
import { OPERATOR_GESTURE } from './logic/operator-gesture'

/** The languages the invitation is written in, side by side (a bilingual country's kiosk). */
const INVITATION_LANGUAGES = ['en', 'fr'] as const

/** Both languages' text of a field, once if they are the same. */
function bilingual(text: Readonly<Record<string, string>>): string[] {
  const all = INVITATION_LANGUAGES.map((l) => localize(text, l))
  return [...new Set(all)]
}

/**
 * Over the self-running tour: where we are (in both languages), the story being told, and the
 * invitation. Touching anywhere starts a visit in the kiosk's language; touching one of the two
 * invitations starts it in that language.
 */
export function AttractScreen() {
  const kiosk = useKioskController()
  const unavailable = useKiosk((s) => s.unavailable)
  const ready = useKiosk((s) => s.ready)
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const hotspot = useApp(selectHotspot)
  const lang = useApp(selectLanguage)
  return (
    <div
      className="kiosk-attract"
      data-testid="kiosk-attract"
      data-empty={!stop || undefined}
      onClick={(e) => {
        // The operator's corner does not start a visit (five taps there open the PIN pad).
        const corner = OPERATOR_GESTURE.cornerPx
        if (e.clientX <= corner && e.clientY <= corner) return
        kiosk.touchToBegin()
      }}
    >
      <header className="kiosk-attract-top">
        <img src="/favicon.svg" alt="" width={56} height={56} />
        <div>
          {tour && stop && tour.stops.length > 1 && (
            <p className="kiosk-attract-tour">{bilingual(tour.title).join(' · ')}</p>
          )}
          <h1 className="kiosk-attract-stop">
            {stop
              ? bilingual(stop.title).map((title, i) => (
                  <span key={title} lang={INVITATION_LANGUAGES[i]}>
                    {title}
                  </span>
                ))
              : 'Portage'}
          </h1>
        </div>
      </header>
      <div className="kiosk-attract-bottom">
        {hotspot && (
          <p className="kiosk-attract-story" lang={lang}>
            <span className="kiosk-attract-value">{translate(lang, `value.${hotspot.value}`)}</span>
            {localize(hotspot.title, lang)}
          </p>
        )}
        <Captions />
        {unavailable && (
          <p className="kiosk-attract-unavailable" role="status">
            {INVITATION_LANGUAGES.map((l) => (
              <span key={l} lang={l}>
                {translate(l, 'kiosk.unavailable')}
              </span>
            ))}
          </p>
        )}
        {ready && !unavailable && (
          <div className="kiosk-invitation" role="group" aria-label={translate(lang, 'kiosk.invitation')}>
            {INVITATION_LANGUAGES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                className="kiosk-invite"
                onClick={(e) => {
                  e.stopPropagation()
                  kiosk.touchToBegin(l)
                }}
              >
                {translate(l, 'kiosk.touchToBegin')}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  )
}
