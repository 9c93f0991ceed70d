import { useEffect, useState, type ReactNode } from 'react'
import { useT } from '../../state/use-t'
import { ShareButton } from '../../features/share/ShareButton'
import type { Headset } from '../../modes/xr/headset-store'
import { useApp, useBoot } from '../../state/app-context'
import { selectActions } from '../../state/selectors'
import { Announcer } from '../../features/chrome/Announcer'
import { HelpDialog } from '../../features/help/HelpDialog'
import { Landing } from '../../features/landing/Landing'
import { LanguageSwitch } from '../../features/chrome/LanguageSwitch'
import { Notices } from '../../features/chrome/Notices'
import { SettingsDialog } from '../../features/settings/SettingsDialog'
import { TourSkeleton } from '../../features/tour/TourSkeleton'
import type { ShellSlots } from './PageTour'
import { UiBoundary } from '../../features/chrome/UiBoundary'
import { startTourCode } from './early'
import { LazyTourView } from './LazyTourView'

/** Fetch the tour view (and the 3D code, where it will be used) while the landing page is idle. */
function prefetchTour(with3d: boolean) {
  // A failed prefetch is not an error yet: opening a tour retries, and says so if it fails then.
  const go = () => startTourCode(with3d)
  if ('requestIdleCallback' in window) requestIdleCallback(go, { timeout: 4000 })
  else setTimeout(go, 1500)
}

/**
 * Whether the page was opened by a link to a tour that has not opened yet: its frame is drawn from
 * the first paint (features/tour/TourSkeleton) rather than the landing page it would replace. It
 * ends when the tour opens, or when the catalog settles without it (an unknown or broken tour: the
 * landing page says so) — checked a task later, after the shell has applied the address.
 */
function useLinkPending(linkedTour: string | null, tourId: string | null): boolean {
  const [pending, setPending] = useState(Boolean(linkedTour))
  const catalogSettled = useApp((s) => s.catalog.status !== 'loading')
  if (pending && tourId) setPending(false)
  useEffect(() => {
    if (!pending || !catalogSettled) return
    const timer = setTimeout(() => setPending(false), 0)
    return () => clearTimeout(timer)
  }, [pending, catalogSettled])
  return pending && !tourId
}

export type AppProps = {
  /** Controls a mode adds to the header (the kiosk's "End visit"). */
  headerExtra?: ReactNode
  /** What the shell's modes add to the tour (see features/slots). */
  slots?: ShellSlots
  /** The headset mode, when the shell made it already (the kiosk wires its port first). */
  headset?: Headset
}

/** The page: the landing page, and the tour once one is open, under one header. */
export function App({ headerExtra, slots, headset }: AppProps = {}) {
  const { poster, linkedTour } = useBoot()
  const { lang, t } = useT()
  const tourId = useApp((s) => s.engine.tourId)
  const actions = useApp(selectActions)
  const linkPending = useLinkPending(linkedTour, tourId)
  // Once a tour has been opened the 3D view stays mounted (hidden on the landing page): one
  // WebGL context for the life of the app.
  const [tourMounted, setTourMounted] = useState(false)
  if (tourId && !tourMounted) setTourMounted(true)

  const view = useApp((s) => s.settings.view)
  const catalogReady = useApp((s) => s.catalog.status === 'ready')
  useEffect(() => {
    if (catalogReady) prefetchTour(view === '3d')
  }, [catalogReady, view])

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
        actions.openDialog('help')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [actions])

  return (
    <div className="app" data-view={tourId ? 'tour' : 'landing'} data-poster={poster || undefined}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <UiBoundary region="header">
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
            {tourId ? (
              <ShareButton />
            ) : (
              linkPending && (
                // The Share button's place, kept while a linked tour loads: the phone's header wraps
                // to the height it will have, rather than growing under the visitor's thumb.
                <span className="reserve" aria-hidden="true" inert>
                  <ShareButton />
                </span>
              )
            )}
            <button type="button" className="btn btn-ghost" onClick={() => actions.openDialog('settings')}>
              {t('settings.title')}
            </button>
            <button
              type="button"
              className="btn btn-ghost help-button"
              onClick={() => actions.openDialog('help')}
            >
              {t('tour.help')}
            </button>
            <LanguageSwitch />
          </div>
        </header>
      </UiBoundary>
      <UiBoundary region="notices">
        <Notices />
      </UiBoundary>
      <main id="main" tabIndex={-1}>
        {!tourId && <UiBoundary region="landing">{linkPending ? <TourSkeleton /> : <Landing />}</UiBoundary>}
        {tourMounted && <LazyTourView hidden={!tourId} slots={slots} headset={headset} />}
      </main>
      <UiBoundary region="help">
        <HelpDialog />
      </UiBoundary>
      <UiBoundary region="settings">
        <SettingsDialog />
      </UiBoundary>
      <UiBoundary region="announcer">
        <Announcer />
      </UiBoundary>
    </div>
  )
}
