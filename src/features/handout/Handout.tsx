/**
 * `?view=handout&tour=<id>&lang=<en|fr>`: a printable lesson handout. A document, not the tour:
 * no 3D code is loaded, the toolbar is for the screen only, and the print stylesheet lays out
 * the stops, stories, transcripts, values, questions and sources for paper or PDF.
 */
import { useEffect, useMemo } from 'react'
import { languageName, UI_LANGUAGES } from '../../core/i18n/i18n'
import { useT } from '../../state/use-t'
import { VALUE_COLORS } from '../stage/markers'
import { appLink } from '../../core/links/share-links'
import { linkNotice } from '../../core/links/link-value'
import { QrCode } from '../share/QrCode'
import { useApp } from '../../state/app-context'
import { selectActions } from '../../state/selectors'
import { handoutModel, type HandoutStop } from './handout-model'
import './handout.css'

const BASE = import.meta.env.BASE_URL

function Stop({ stop }: { stop: HandoutStop }) {
  const { t } = useT()
  return (
    <section className="handout-stop" aria-labelledby={`stop-${stop.id}`} data-stop={stop.id}>
      <h2 id={`stop-${stop.id}`}>{t('handout.stop', { index: stop.number, title: stop.title })}</h2>
      <p className="handout-place">{stop.place}</p>
      <h3 className="handout-minor">{t('handout.whatYouSee')}</h3>
      <p>{stop.description}</p>
      {stop.stories.map((s) => (
        <article key={s.id} className="handout-story" aria-labelledby={`story-${s.id}`} data-story={s.id}>
          <p className="handout-value">
            <span className="handout-dot" style={{ background: VALUE_COLORS[s.value] }} aria-hidden="true" />
            {t(`value.${s.value}`)}
          </p>
          <h3 id={`story-${s.id}`}>{s.title}</h3>
          <p>{s.body}</p>
          <h4>{t('hotspot.transcript')}</h4>
          <blockquote className="handout-transcript" lang={s.transcriptLang}>
            {s.transcript}
          </blockquote>
          <h4>{t('hotspot.sources')}</h4>
          <ol className="handout-sources">
            {s.sources.map((src) => (
              <li key={src.url}>
                <a href={src.url} hrefLang={src.lang}>
                  {src.title}
                </a>
                <span className="handout-url"> {src.url}</span>
              </li>
            ))}
          </ol>
        </article>
      ))}
      {stop.discussion ? (
        <section className="handout-discussion" aria-labelledby={`discussion-${stop.id}`}>
          <h3 id={`discussion-${stop.id}`}>{t('handout.discussion')}</h3>
          <ol>
            {stop.discussion.map((q) => (
              <li key={q}>
                <p>{q}</p>
                <div className="handout-lines" aria-hidden="true" />
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="handout-note screen-only">{t('handout.noDiscussion')}</p>
      )}
    </section>
  )
}

function TourChoice({ message }: { message: string }) {
  const { loc, lang } = useT()
  const entries = useApp((s) => s.catalog.entries)
  return (
    <main className="handout-page">
      <p role="alert">{message}</p>
      <ul>
        {entries.flatMap((e) =>
          e.status === 'ok'
            ? [
                <li key={e.id}>
                  <a href={`${BASE}?${new URLSearchParams({ view: 'handout', tour: e.id, lang })}`}>
                    {loc(e.tour.title)}
                  </a>
                </li>,
              ]
            : [],
        )}
      </ul>
    </main>
  )
}

/** @param tourId the tour the address names (`?tour=`), if any */
export default function Handout({ tourId }: { tourId: string | null }) {
  const { t, lang } = useT()
  const actions = useApp(selectActions)
  const catalog = useApp((s) => s.catalog.status)
  const tour = useApp((s) => (tourId ? s.tours.get(tourId) : undefined))
  const model = useMemo(() => (tour ? handoutModel(tour, lang) : null), [tour, lang])

  useEffect(() => {
    document.documentElement.lang = lang
    document.title = model ? `${model.title} — ${t('handout.title')}` : t('handout.title')
    // The address keeps the language, so a reload or a shared link prints the same handout.
    const params = new URLSearchParams(location.search)
    if (params.get('lang') !== lang) {
      params.set('lang', lang)
      history.replaceState(null, '', `?${params}`)
    }
  }, [lang, model, t])

  // The link's tour is quoted only if it looks like an id (core/links/link-value.ts).
  const unknownTour = (id: string) => {
    const notice = linkNotice('handout.unknownTour', id)
    return t(notice.key, notice.vars)
  }
  if (catalog === 'loading') return <p className="handout-page">{t('handout.loading')}</p>
  if (!model || !tour) return <TourChoice message={tourId ? unknownTour(tourId) : t('handout.chooseTour')} />

  const tourLink = appLink({ origin: location.origin, base: BASE }, { tour: tour.id, lang })
  return (
    <div className="handout-page">
      <div className="handout-toolbar screen-only" role="toolbar" aria-label={t('handout.title')}>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('handout.print')}
        </button>
        <a className="btn" href={tourLink}>
          {t('handout.openTour')}
        </a>
        <span className="handout-toolbar-gap" />
        {UI_LANGUAGES.filter((l) => l !== lang).map((l) => (
          <button
            key={l}
            type="button"
            className="btn btn-ghost"
            lang={l}
            onClick={() => actions.setLanguage(l)}
          >
            {languageName(l)}
          </button>
        ))}
      </div>
      <article className="handout" data-testid="handout">
        <header className="handout-header">
          <div>
            <p className="handout-kicker">
              {t('app.name')} · {t('handout.title')}
            </p>
            <h1>{model.title}</h1>
            <p className="handout-summary">{model.summary}</p>
            <p className="handout-link">
              {t('handout.scan')} <span className="handout-url">{tourLink}</span>
            </p>
            <p className="handout-meta">
              {tour.stops.length === 1 ? t('landing.stop') : t('landing.stops', { count: tour.stops.length })}{' '}
              · {t('landing.hotspots', { count: model.storyCount })}
            </p>
          </div>
          <QrCode text={tourLink} label={t('share.qrLabel', { url: tourLink })} className="handout-qr-code" />
        </header>

        <section className="handout-values" aria-labelledby="handout-values">
          <h2 id="handout-values">{t('handout.values')}</h2>
          <ul>
            {model.values.map((v) => (
              <li key={v.value} data-value={v.value}>
                <span
                  className="handout-dot"
                  style={{ background: VALUE_COLORS[v.value] }}
                  aria-hidden="true"
                />
                <strong>{t(`value.${v.value}`)}</strong>
                {' — '}
                {v.stories.map((s) => s.title).join(' · ')}
              </li>
            ))}
          </ul>
        </section>

        {model.stops.map((s) => (
          <Stop key={s.id} stop={s} />
        ))}

        <footer className="handout-footer">{t('handout.footer', { url: tourLink })}</footer>
      </article>
    </div>
  )
}
