/**
 * `?mode=kiosk`: the page under the kiosk's controller, for an unattended screen at an event. Its
 * store remembers nothing on the device (each visitor starts afresh, even after a reload); the
 * address stays as it is (the kiosk's state is its attract loop, not a place to link to). The
 * kiosk reaches the headset only through the headset's port, given here.
 */
import type { BootConfig } from '../../core/boot/boot-config'
import { addMessages } from '../../core/i18n/i18n'
import { KIOSK_MESSAGES } from '../../core/kiosk/messages'
import { createNarrationOutput } from '../../features/narration/narration-output'
import { createKioskController } from '../../modes/kiosk/controller'
import { createHeadset } from '../../modes/xr/headset-store'
import { mount } from '../mount'
import { createVisitorStore } from '../visitor-store'
import { KioskApp } from './KioskApp'

export async function start(boot: BootConfig) {
  addMessages(KIOSK_MESSAGES)
  const { store } = createVisitorStore(boot, 'none')
  const narration = createNarrationOutput()
  const headset = createHeadset({
    app: store,
    emulate: boot.emulate,
    storage: null,
    diagnostics: boot.diagnostics,
    narration,
  })
  const controller = createKioskController({ store, base: boot.base, win: window, headset: headset.port })
  // `?diagnostics=1`: the kiosk's state for tools and tests, read-only like portageDiagnostics.
  if (boot.diagnostics && !('portageKiosk' in window))
    Object.defineProperty(window, 'portageKiosk', {
      get: () => Object.freeze(controller.diagnostics()),
      configurable: false,
      enumerable: true,
    })
  // Leaving the page (a reload, the launcher's restart) releases every listener and timer the
  // controller holds; a page restored from the back-forward cache starts afresh, as a stopped
  // controller cannot start again.
  window.addEventListener('pagehide', () => {
    controller.stop()
    headset.stop()
  })
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) location.reload()
  })
  mount(<KioskApp controller={controller} headset={headset} />, { store, boot, narration })
  await store.getState().actions.loadCatalog(boot.base)
  await controller.start()
  performance.mark('portage:ready')
}
