/**
 * Portage Studio's page: creates its two stores (the tour's edits, what is shown) and renders.
 * Served only by the studio server (`npm run studio`, tools/studio), never by the app's build.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickLanguage } from '../../src/core/i18n/i18n'
import { createEditStore } from './edits/edit-store'
import { STUDIO_LANGUAGES, type StudioLanguage } from './i18n/i18n'
import { App, LANGUAGE_KEY } from './shell/App'
import { StoresContext } from './state/context'
import { createUiStore } from './state/ui-store'
import './studio.css'

function saved(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY)
  } catch {
    return null
  }
}

const params = new URLSearchParams(location.search)
const lang = pickLanguage({
  url: params.get('lang'),
  saved: saved(),
  browser: navigator.languages,
  available: STUDIO_LANGUAGES,
}) as StudioLanguage

const stores = {
  edits: createEditStore({ storage: localStorage }),
  ui: createUiStore(lang, params.get('emulate') === 'quest3'),
}

createRoot(document.getElementById('studio')!).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
)
