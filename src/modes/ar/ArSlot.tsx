import { lazy, Suspense, useEffect } from 'react'
import { AR_MESSAGES } from '../../core/ar/messages'
import { addMessages } from '../../core/i18n/i18n'
import { TabletopProvider, useArMode, useTabletop } from './ar-context'
import type { ArEntryRender, Tabletop } from './tabletop-store'

// The button, the overlay and their styles load only where AR is available (the phone's own AR
// viewer's link only on those phones): a visitor whose browser has no AR downloads nothing more
// than this file.
// The mode's strings travel with it too (core/ar/locales): added once this chunk arrives, before
// anything of the mode (button, overlay, its notices) is shown.
addMessages(AR_MESSAGES)

const ArEntry = lazy(() => import('./ArEntry'))
const NativeViewerLink = lazy(() => import('./NativeViewerLink'))

function Detect({ render }: { render?: ArEntryRender }) {
  const support = useArMode((s) => s.support)
  const { detect, options } = useTabletop()
  useEffect(() => {
    void detect()
  }, [detect])
  if ((support === 'quick-look' || support === 'scene-viewer') && options.nativeViewers !== false)
    return (
      <Suspense fallback={null}>
        <NativeViewerLink viewer={support} />
      </Suspense>
    )
  if (support !== 'webxr') return null
  return (
    <Suspense fallback={null}>
      <ArEntry render={render} />
    </Suspense>
  )
}

/**
 * The AR mode's place in the sidebar (a lazy chunk of its own, loaded once the page is idle): finds
 * out once whether this browser can place the site on a table (WebXR, or the phone's own AR
 * viewer), and only then brings "View on a table". `render` draws the WebXR button in a shell's
 * own place (the embed's bar).
 */
export default function ArSlot({ tabletop, render }: { tabletop: Tabletop; render?: ArEntryRender }) {
  return (
    <TabletopProvider tabletop={tabletop}>
      <Detect render={render} />
    </TabletopProvider>
  )
}
