import { assetUrl, type CatalogEntry } from '../../core/content/catalog'
import { VALUES } from '../../core/content/rules'
import type { Tour } from '../../core/content/schema'
import { useT } from '../../state/use-t'
import { useApp } from '../../state/app-context'
import { selectActions } from '../../state/selectors'
import { JoinForm } from './JoinForm'

const BASE = import.meta.env.BASE_URL

/**
 * @param first the first card: its poster is the largest thing on the landing page's first screen
 * (phone and desktop), so it loads at once and ahead of the code prefetched meanwhile; the other
 * posters wait until they are about to be seen.
 */
function TourCard({ tour, first }: { tour: Tour; first: boolean }) {
  const { t, loc } = useT()
  const actions = useApp(selectActions)
  const hotspots = tour.stops.reduce((n, s) => n + s.hotspots.length, 0)
  const values = VALUES.filter((v) => tour.stops.some((s) => s.hotspots.some((h) => h.value === v)))
  const titleId = `tour-title-${tour.id}`
  return (
    <li className="tour-card" data-tour={tour.id}>
      <div className="tour-poster" aria-hidden="true">
        {tour.poster && (
          <img
            src={assetUrl(BASE, tour.poster)}
            alt=""
            loading={first ? 'eager' : 'lazy'}
            fetchPriority={first ? 'high' : 'auto'}
            decoding="async"
            onError={(e) => (e.currentTarget.hidden = true)}
          />
        )}
      </div>
      <div className="tour-card-body">
        <h2 id={titleId}>{loc(tour.title)}</h2>
        <p>{loc(tour.summary)}</p>
        <p className="tour-meta">
          {tour.stops.length === 1 ? t('landing.stop') : t('landing.stops', { count: tour.stops.length })} ·{' '}
          {t('landing.hotspots', { count: hotspots })}
        </p>
        <ul className="value-chips">
          {values.map((v) => (
            <li key={v} className={`value-chip value-${v}`}>
              {t(`value.${v}`)}
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="btn btn-primary"
          aria-describedby={titleId}
          onClick={() => actions.openTour(tour.id)}
        >
          {t('landing.open')}
        </button>
      </div>
    </li>
  )
}

/** A tour listed in the catalog whose document is still loading (after a deep link's own tour). */
function PendingCard({ id }: { id: string }) {
  const { t } = useT()
  return (
    <li className="tour-card tour-card-pending" data-tour={id} aria-busy="true">
      <div className="tour-poster" aria-hidden="true" />
      <div className="tour-card-body">
        <p className="loading">{t('landing.loading')}</p>
      </div>
    </li>
  )
}

function BrokenCard({ entry }: { entry: Exclude<CatalogEntry, { status: 'ok' | 'pending' }> }) {
  const { t } = useT()
  return (
    <li className="tour-card tour-card-broken" data-tour={entry.id}>
      <div className="tour-card-body">
        <h2>{entry.id}</h2>
        {entry.status === 'invalid' ? (
          <>
            <p role="alert">{t('landing.invalidTour', { count: entry.issues.length })}</p>
            <details>
              <summary>{t('landing.details')}</summary>
              <ul className="issues">
                {entry.issues.map((i, n) => (
                  <li key={n}>
                    <code>{i.path || '(document)'}</code> {i.message}
                  </li>
                ))}
              </ul>
            </details>
          </>
        ) : (
          <p role="alert">{t('landing.unreachableTour')}</p>
        )}
      </div>
    </li>
  )
}

function ViewChoice() {
  const { t } = useT()
  const view = useApp((s) => s.settings.view)
  const webgl = useApp((s) => s.webgl !== 'unavailable')
  const actions = useApp(selectActions)
  if (!webgl) return null
  return (
    <p className="landing-2d">
      <span>{t('landing.prefer2d')}</span>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={view === '2d'}
        onClick={() => actions.setSettings({ view: view === '2d' ? '3d' : '2d' })}
      >
        {view === '2d' ? t('landing.use3d') : t('landing.open2d')}
      </button>
    </p>
  )
}

export function Landing() {
  const { t } = useT()
  const catalog = useApp((s) => s.catalog)
  return (
    <section className="landing" aria-labelledby="landing-heading">
      <p className="tagline">{t('app.tagline')}</p>
      <h1 id="landing-heading">{t('landing.heading')}</h1>
      <ViewChoice />
      <JoinForm />
      {catalog.status === 'loading' && <p className="loading">{t('landing.loading')}</p>}
      {catalog.status === 'error' && <p role="alert">{t('landing.catalogError')}</p>}
      <ul className="tour-list">
        {catalog.entries.map((entry, i) =>
          entry.status === 'ok' ? (
            <TourCard key={entry.id} tour={entry.tour} first={i === 0} />
          ) : entry.status === 'pending' ? (
            <PendingCard key={entry.id} id={entry.id} />
          ) : (
            <BrokenCard key={entry.id} entry={entry} />
          ),
        )}
      </ul>
    </section>
  )
}
