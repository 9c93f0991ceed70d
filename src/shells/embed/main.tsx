/**
 * `?mode=embed`: the tour inside someone else's page (a lesson). Its store starts from the
 * visitor's saved choices and the embed link's options, and writes nothing back; the address
 * follows the visit without adding history entries (they would land in the host page's history);
 * the parent page may drive it through the postMessage API once its origin is allowed.
 */
import type { BootConfig } from '../../core/boot/boot-config'
import { createNarrationOutput } from '../../features/narration/narration-output'
import { applyEmbedSettings, startEmbed } from '../../modes/embed/boot'
import { createHeadset } from '../../modes/xr/headset-store'
import { startUrlSync } from '../../state/url-sync'
import { mount } from '../mount'
import { createVisitorStore } from '../visitor-store'
import EmbedApp from './EmbedApp'

export async function start(boot: BootConfig) {
  const { store, storage } = createVisitorStore(boot, 'read-only')
  const narration = createNarrationOutput()
  const headset = createHeadset({
    app: store,
    emulate: boot.emulate,
    storage,
    diagnostics: boot.diagnostics,
    narration,
  })
  mount(<EmbedApp headset={headset} />, { store, boot, narration })
  applyEmbedSettings(store, boot.search)
  // Every tour first: the parent page may ask for any of them at once.
  await store.getState().actions.loadCatalog(boot.base)
  startUrlSync(store, window, { history: 'replace' })
  await startEmbed(store, boot.base)
  performance.mark('portage:ready')
}
