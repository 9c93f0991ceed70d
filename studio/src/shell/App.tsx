/**
 * The studio's page: the list of tours (and a new site from a model), or one tour open for
 * editing. The language switch is always there; the choice is kept in this browser.
 */
import { useEffect, useState } from 'react'
import { localize } from '../../../src/core/i18n/i18n'
import { api, type TourSummary } from '../api/api'
import { newTourDrafts, readDraft, discardDraft, type Draft } from '../edits/draft-storage'
import { TourEditor } from '../editor/TourEditor'
import { STUDIO_LANGUAGES, type StudioLanguage } from '../i18n/i18n'
import { ImportPanel } from '../import/ImportPanel'
import { useEdits, useStoresRaw, useT, useUi } from '../state/context'

export const LANGUAGE_KEY = 'portage-studio/lang'

export function App() {
  const t = useT()
  const lang = useUi((s) => s.lang)
  const { edits, ui } = useStoresRaw()
  const tourId = useEdits((s) => s.tourId)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [opening, setOpening] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    document.documentElement.lang = lang
    document.title = t('app.title')
  }, [lang, t])

  const open = async (id: string, stopIndex = 0) => {
    setOpening(id)
    setError(null)
    try {
      const { tour, version } = await api.tour(id)
      edits.getState().open(id, tour, version)
      ui.getState().set({ stopIndex, selection: null, pendingArea: [], problems: [] })
      setDraft(edits.getState().storedDraft(id, version))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setOpening(null)
    }
  }

  return (
    <>
      <a className="skip" href="#editor">
        {t('app.skip')}
      </a>
      <header className="studio-header">
        <p className="brand">{t('app.title')}</p>
        <div role="group" aria-label={t('app.language')} className="lang-switch">
          {STUDIO_LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={l === lang}
              onClick={() => {
                ui.getState().set({ lang: l as StudioLanguage })
                try {
                  localStorage.setItem(LANGUAGE_KEY, l)
                } catch {
                  // the choice lasts this visit only
                }
              }}
            >
              {l === 'en' ? 'English' : 'Français'}
            </button>
          ))}
        </div>
      </header>
      {draft ? (
        <div className="notice" role="alert">
          <p>
            {t('tour.draftFound', {
              time: new Date(draft.savedAt).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA'),
              count: draft.past.length,
            })}
          </p>
          <button
            type="button"
            onClick={() => {
              edits.getState().restoreDraft()
              setDraft(null)
            }}
          >
            {t('tour.restore')}
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              edits.getState().discardDraft()
              setDraft(null)
            }}
          >
            {t('tour.discard')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="notice warn" role="alert">
          {t('tours.failed', { message: error })}
        </p>
      ) : null}
      {tourId ? (
        <TourEditor
          onBack={() => {
            edits.getState().close()
            setDraft(null)
          }}
        />
      ) : (
        <main id="editor" className="home">
          <h1>{t('app.title')}</h1>
          <NewTourDrafts
            onRestore={(id) => {
              const kept = readDraft(localStorage, id, null)
              if (!kept) return
              edits.getState().open(id, kept.tour, null)
              edits.getState().restoreDraft()
              ui.getState().set({ stopIndex: 0, selection: null, pendingArea: [], problems: [] })
            }}
          />
          <TourList onOpen={(id) => void open(id)} opening={opening} />
          <ImportPanel onOpen={(id, stopIndex) => void open(id, stopIndex)} />
        </main>
      )}
    </>
  )
}

function TourList({ onOpen, opening }: { onOpen: (id: string) => void; opening: string | null }) {
  const t = useT()
  const lang = useUi((s) => s.lang)
  const [tours, setTours] = useState<TourSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api
      .tours()
      .then(({ tours }) => setTours(tours))
      .catch((e: unknown) => setError((e as Error).message))
  }, [])
  return (
    <section aria-labelledby="tours-heading">
      <h2 id="tours-heading">{t('tours.heading')}</h2>
      {error ? <p role="alert">{t('tours.failed', { message: error })}</p> : null}
      {!tours && !error ? <p>{t('tours.loading')}</p> : null}
      <ul className="tour-list">
        {tours?.map((tour) => (
          <li key={tour.id}>
            <h3>{localize(tour.title, lang) || tour.id}</h3>
            <p className="meta">
              <code>{tour.id}</code> ·{' '}
              {tour.stops.length === 1 ? t('tours.stop') : t('tours.stops', { count: tour.stops.length })} —{' '}
              {tour.stops.map((s) => localize(s.title, lang) || s.id).join(', ')}
            </p>
            <button
              type="button"
              onClick={() => onOpen(tour.id)}
              disabled={opening !== null}
              aria-label={t('tours.openTour', { title: localize(tour.title, lang) || tour.id })}
            >
              {opening === tour.id ? t('tour.loading') : t('tours.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Tours imported but never saved: their drafts, kept in this browser, to restore or discard. */
function NewTourDrafts({ onRestore }: { onRestore: (id: string) => void }) {
  const t = useT()
  const [ids, setIds] = useState(() => newTourDrafts(localStorage))
  if (ids.length === 0) return null
  return (
    <section aria-labelledby="new-drafts-heading" className="notice">
      <h2 id="new-drafts-heading">{t('tours.newDrafts')}</h2>
      <ul className="item-list">
        {ids.map((id) => (
          <li key={id} className="row">
            <code>{id}</code>
            <button type="button" onClick={() => onRestore(id)}>
              {t('tour.restore')}
            </button>
            <button
              type="button"
              onClick={() => {
                discardDraft(localStorage, id, null)
                setIds(newTourDrafts(localStorage))
              }}
            >
              {t('tour.discard')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
