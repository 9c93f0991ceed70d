/**
 * The page (`/`): the landing page and the tours, for a visitor on their own device. Its store
 * remembers the visitor's choices on this device; the address follows the visit (history entries
 * per place, so Back and Forward retrace it).
 */
import type { BootConfig } from '../../core/boot/boot-config'
import { createNarrationOutput } from '../../features/narration/narration-output'
import { startUrlSync } from '../../state/url-sync'
import { mount } from '../mount'
import { createVisitorStore } from '../visitor-store'
import { App } from './App'
import { afterFirstStop, startFirstStop } from './boot-loading'

export async function start(boot: BootConfig) {
  const { store } = createVisitorStore(boot, 'remember')
  // A deep link to a tour: its document and code were started by src/entry.ts; its first stop's
  // poster and model start as soon as the stop is known.
  if (boot.linkedTour) startFirstStop(store, boot.base)
  const narration = createNarrationOutput()
  // A live group tour: its code comes in a chunk of its own, only for such an address.
  const view = boot.live ? await import('./live').then((m) => m.liveView(store, boot, narration)) : <App />
  mount(view, { store, boot, narration })
  // A deep link's tour is ready first; the other tours load once its first stop is shown.
  let releaseRest = () => {}
  const rest = boot.linkedTour
    ? new Promise<void>((resolve) => {
        releaseRest = resolve
        void afterFirstStop(store).then(resolve)
      })
    : undefined
  await store.getState().actions.loadCatalog(boot.base, undefined, { first: boot.linkedTour, rest })
  // In a group, Back does not step out of the guide's place: the address follows without entries.
  startUrlSync(store, window, { history: boot.live ? 'replace' : 'push' })
  // The link led to the landing page (an unknown or broken tour): it lists every tour, now.
  if (!store.getState().engine.tourId) releaseRest()
  performance.mark('portage:ready')
}
