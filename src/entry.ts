/**
 * The page's first script, kept tiny so it arrives in one round trip and starts, in parallel, what
 * the visit needs before the app itself (React, the store, the UI: src/main.tsx) has downloaded:
 * the catalog, and on a deep link to a tour (`?tour=...`) its document, the tour view and the 3D
 * code. On a slow mobile network the 3D code alone takes seconds; starting it here rather than
 * once the app has run brings the first stop frame that much closer. Requests are taken over by
 * the code that needs them (content/prefetch.ts), never made twice.
 */
import { linkedTour, startCatalog, startTourCode } from './shells/page/early'
import { isEmbedMode } from './modes/embed/options'
import { webglAvailable } from './core/boot/webgl'
import { isKioskMode } from './modes/kiosk/mode'

const BASE = import.meta.env.BASE_URL
const params = new URLSearchParams(location.search)
const view = params.get('view')

// The app itself first: its code is needed on every page.
void import('./shells/main')
if (view !== 'handout') {
  startCatalog(BASE)
  // A kiosk keeps its own address and starts with its attract loop: no deep link there.
  const tour = isKioskMode() && !isEmbedMode(location.search) ? null : linkedTour(location.search)
  // The 3D code only where the 3D view will be used (as app-store.ts decides the view).
  if (tour) startTourCode(BASE, tour, () => view !== '2d' && webglAvailable())
}
