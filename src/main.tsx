import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { startUrlSync } from './app/url-sync'
import { appStore } from './store/app-store'
import './ui/styles.css'

async function boot() {
  const root = createRoot(document.getElementById('root')!)
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  await appStore.getState().actions.loadCatalog(import.meta.env.BASE_URL)
  startUrlSync(appStore)
  performance.mark('portage:ready')
}

void boot()
