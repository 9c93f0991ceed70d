/**
 * The page's first script, kept tiny so it arrives in one round trip. It reads how the page was
 * asked for (core/boot/boot-config.ts: the one place that reads the address at start), starts in
 * parallel what the visit needs before the app itself has downloaded — the catalog, and on a deep
 * link to a tour (`?tour=...`) its document, the tour view and the 3D code — then loads the shell
 * of this way in (src/shells/<way>/). On a slow mobile network the 3D code alone takes seconds;
 * starting it here rather than once the app has run brings the first stop frame that much closer.
 * Requests are taken over by the code that needs them (core/content/prefetch.ts), never made twice.
 */
import { readBootConfig } from './core/boot/boot-config'
import { webglAvailable } from './core/boot/webgl'
import { startCatalog, startStageCode, startTourCode, startTourDocument } from './shells/page/early'

const boot = readBootConfig(location.search, import.meta.env.BASE_URL)

// Each way in loads only its own code: the embed its compact layout, the handout no 3D at all.
const shell =
  boot.way === 'kiosk'
    ? import('./shells/kiosk/main')
    : boot.way === 'embed'
      ? import('./shells/embed/main')
      : boot.way === 'handout'
        ? import('./shells/handout/main')
        : import('./shells/page/main')
void shell.then((m) => m.start(boot))

// Every way in but the kiosk removes a kiosk offline worker it finds, after the page has loaded.
if (boot.way !== 'kiosk' && 'serviceWorker' in navigator)
  addEventListener('load', () => {
    void import('./shells/remove-kiosk-worker').then((m) => m.removeStrayKioskWorker(window))
  })

if (boot.way !== 'handout') {
  startCatalog(boot.base)
  if (boot.linkedTour) {
    startTourDocument(boot.base, boot.linkedTour)
    // The 3D code only where the 3D view will be used (as the store's starting values decide).
    const with3d = () => !boot.flat && webglAvailable()
    if (boot.way === 'page') startTourCode(with3d)
    else if (with3d()) startStageCode()
  }
}
