/**
 * `?view=handout&tour=<id>&lang=<en|fr>`: a printable lesson handout. A document, not the tour: it
 * reads its tour and language from the address itself and loads no 3D code.
 */
import type { BootConfig } from '../../core/boot/boot-config'
import Handout from '../../features/handout/Handout'
import { mount } from '../mount'
import { createVisitorStore } from '../visitor-store'

export async function start(boot: BootConfig) {
  const { store } = createVisitorStore(boot, 'read-only')
  mount(<Handout tourId={new URLSearchParams(boot.search).get('tour')} />, store, boot)
  await store.getState().actions.loadCatalog(boot.base)
  performance.mark('portage:ready')
}
