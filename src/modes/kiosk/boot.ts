/**
 * Kiosk mode's entry point, loaded by src/main.tsx only with `?mode=kiosk` (visitors of the
 * normal app download none of this).
 */
import type { AppStore } from '../../state/store'
import { createKioskController } from './controller'

export { KioskApp } from '../../shells/kiosk/KioskApp'

export function createKiosk(store: AppStore, base: string) {
  const controller = createKioskController({ store, base })
  // `?diagnostics=1`: the kiosk's state for tools and tests, read-only like portageDiagnostics.
  // (Not diagnostics.ts' own check: that module brings three.js, which the kiosk loads later.)
  const diagnostics = new URLSearchParams(location.search).get('diagnostics') === '1'
  if (diagnostics && !('portageKiosk' in window))
    Object.defineProperty(window, 'portageKiosk', {
      get: () => Object.freeze(controller.diagnostics()),
      configurable: false,
      enumerable: true,
    })
  return controller
}
