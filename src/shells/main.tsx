import { lazy, StrictMode, Suspense, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './page/App'
import { afterFirstStop, linkedTour, startFirstStop } from './page/boot-loading'
import { startUrlSync } from '../state/url-sync'
import { isEmbedMode } from '../modes/embed/options'
import { isKioskMode } from '../modes/kiosk/mode'
import { appStore } from '../state/app-store'
import '../features/chrome/styles.css'

// Each way in loads only its own code: the embed its compact layout, the handout no 3D at all.
const EmbedApp = lazy(() => import('./embed/EmbedApp'))
const Handout = lazy(() => import('../features/handout/Handout'))

const BASE = import.meta.env.BASE_URL
const params = new URLSearchParams(location.search)
const EMBED = isEmbedMode(location.search)
const HANDOUT = params.get('view') === 'handout'
const KIOSK = !HANDOUT && !EMBED && isKioskMode()

// A deep link to a tour: its document and code were started by src/entry.ts; its first stop's
// poster and model start as soon as the stop is known, and the catalog is ready without waiting
// for every other tour.
const LINKED = HANDOUT || KIOSK ? null : linkedTour(location.search)
if (LINKED) startFirstStop(appStore, BASE)

async function boot() {
  const root = createRoot(document.getElementById('root')!)
  // Kiosk mode (?mode=kiosk) wraps the app and drives it; its code is loaded only then.
  const kiosk = KIOSK ? await import('../modes/kiosk/boot') : null
  const controller = kiosk?.createKiosk(appStore, BASE)
  const view: ReactNode = HANDOUT ? (
    <Handout />
  ) : EMBED ? (
    <EmbedApp />
  ) : kiosk && controller ? (
    <kiosk.KioskApp controller={controller} />
  ) : (
    <App />
  )
  root.render(
    <StrictMode>
      <Suspense fallback={null}>{view}</Suspense>
    </StrictMode>,
  )
  if (EMBED) (await import('../modes/embed/boot')).applyEmbedSettings(appStore, location.search)
  // A deep link's tour is ready first; the other tours load once its first stop is shown (the
  // embed keeps loading them all first: its parent page may ask for any tour at once).
  let releaseRest = () => {}
  const rest =
    LINKED && !EMBED
      ? new Promise<void>((resolve) => {
          releaseRest = resolve
          void afterFirstStop(appStore).then(resolve)
        })
      : undefined
  await appStore.getState().actions.loadCatalog(BASE, undefined, { first: EMBED ? null : LINKED, rest })
  // A kiosk keeps its address: its state is the attract loop, not a place to link to. The
  // handout reads its tour and language itself; it is a document, not a place in the tour.
  if (controller) await controller.start()
  else if (!HANDOUT) startUrlSync(appStore, window, { history: EMBED ? 'replace' : 'push' })
  // The link led to the landing page (an unknown or broken tour): it lists every tour, now.
  if (!appStore.getState().engine.tourId) releaseRest()
  if (EMBED) await (await import('../modes/embed/boot')).startEmbed(appStore, BASE)
  performance.mark('portage:ready')
}

void boot()
