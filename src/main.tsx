import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { startUrlSync } from './app/url-sync'
import { isKioskMode } from './modes/kiosk/mode'
import { appStore } from './store/app-store'
import './ui/styles.css'

async function boot() {
  const root = createRoot(document.getElementById('root')!)
  const base = import.meta.env.BASE_URL
  // Kiosk mode (?mode=kiosk) wraps the app and drives it; its code is loaded only then.
  const kiosk = isKioskMode() ? await import('./modes/kiosk/boot') : null
  const controller = kiosk?.createKiosk(appStore, base)
  root.render(
    <StrictMode>{kiosk && controller ? <kiosk.KioskApp controller={controller} /> : <App />}</StrictMode>,
  )
  await appStore.getState().actions.loadCatalog(base)
  // A kiosk keeps its address: its state is the attract loop, not a place to link to.
  if (controller) await controller.start()
  else startUrlSync(appStore)
  performance.mark('portage:ready')
}

void boot()
