/**
 * `?view=handout&tour=<id>&lang=<en|fr>`: a printable lesson handout. A document, not the tour: it
 * reads its tour and language from the address itself and loads no 3D code.
 */
import type { BootConfig } from '../../core/boot/boot-config'
import Handout from '../../features/handout/Handout'
import { createNarrationOutput } from '../../features/narration/narration-output'
import { mount } from '../mount'
import { createVisitorStore } from '../visitor-store'

export async function start(boot: BootConfig) {
  const { store } = createVisitorStore(boot, 'read-only')
  const tourId = new URLSearchParams(boot.search).get('tour')
  mount(<Handout tourId={tourId} />, { store, boot, narration: createNarrationOutput() })
  await store.getState().actions.loadCatalog(boot.base)
  performance.mark('portage:ready')
}
