/**
 * What every shell does last: render its composition into the page, with what it made given to
 * everything below: the visitor's store, how the page was asked for, and the page's one narration
 * output.
 */
import { StrictMode, Suspense, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import type { BootConfig } from '../core/boot/boot-config'
import type { NarrationOutput } from '../features/narration/narration-output'
import { NarrationOutputProvider } from '../features/narration/narration-output-context'
import { AppProvider } from '../state/app-context'
import type { AppStore } from '../state/store'
import '../features/chrome/styles.css'

export type Made = { store: AppStore; boot: BootConfig; narration: NarrationOutput }

export function mount(view: ReactNode, { store, boot, narration }: Made): Root {
  const root = createRoot(document.getElementById('root')!)
  root.render(
    <StrictMode>
      <AppProvider store={store} boot={boot}>
        <NarrationOutputProvider output={narration}>
          <Suspense fallback={null}>{view}</Suspense>
        </NarrationOutputProvider>
      </AppProvider>
    </StrictMode>,
  )
  return root
}
