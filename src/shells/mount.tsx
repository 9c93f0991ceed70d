/**
 * What every shell does last: render its composition into the page, with the store it made and
 * how the page was asked for given to everything below.
 */
import { StrictMode, Suspense, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import type { BootConfig } from '../core/boot/boot-config'
import { AppProvider } from '../state/app-context'
import type { AppStore } from '../state/store'
import '../features/chrome/styles.css'

export function mount(view: ReactNode, store: AppStore, boot: BootConfig): Root {
  const root = createRoot(document.getElementById('root')!)
  root.render(
    <StrictMode>
      <AppProvider store={store} boot={boot}>
        <Suspense fallback={null}>{view}</Suspense>
      </AppProvider>
    </StrictMode>,
  )
  return root
}
