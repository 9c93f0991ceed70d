import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react'
import { useT } from '../i18n/use-t'
import { useApp } from '../store/app-store'
import { selectActions } from '../store/selectors'
import { HelpDialog } from '../ui/HelpDialog'
import { Landing } from '../ui/Landing'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { Notices } from '../ui/Notices'

/** `?view=poster`: the 3D view alone, for rendering poster images (npm run posters). */
const POSTER_VIEW = new URLSearchParams(location.search).get('view') === 'poster'

// The 3D code (three.js, R3F) is loaded only when a tour opens: the landing page stays light.
const TourView = lazy(() => import('../ui/TourView'))

/** @param headerExtra Controls a mode adds to the header (the kiosk's "End visit"). */
export function App({ headerExtra }: { headerExtra?: ReactNode } = {}) {
  const { lang, t } = useT()
  const tourId = useApp((s) => s.engine.tourId)
  const actions = useApp(selectActions)
  // Once a tour has been opened the 3D view stays mounted (hidden on the landing page): one
  // WebGL context for the life of the app.
  const [tourMounted, setTourMounted] = useState(false)
  if (tourId && !tourMounted) setTourMounted(true)

  useEffect(() => {
    document.documentElement.lang = lang
    document.title = t('app.name')
  }, [lang, t])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      if (e.key === '?') {
        e.preventDefault()
        actions.setHelpOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [actions])

  return (
    <div className="app" data-view={tourId ? 'tour' : 'landing'} data-poster={POSTER_VIEW || undefined}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a
          className="brand"
          href="?"
          onClick={(e) => {
            e.preventDefault()
            actions.closeTour()
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </a>
        <div className="header-actions">
          {headerExtra}
          <button type="button" className="btn btn-ghost" onClick={() => actions.setHelpOpen(true)}>
            {t('tour.help')}
          </button>
          <LanguageSwitch />
        </div>
      </header>
      <Notices />
      <main id="main" tabIndex={-1}>
        {!tourId && <Landing />}
        {tourMounted && (
          <Suspense fallback={<p className="loading">{t('landing.loading')}</p>}>
            <TourView hidden={!tourId} />
          </Suspense>
        )}
      </main>
      <HelpDialog />
    </div>
  )
}
