import { TabletopProvider, useArMode } from './ar-context'
import type { Tabletop } from './tabletop-store'

/**
 * Inside the <Canvas> (a layer the shell gives the 3D view): the AR runtime, once it is loaded
 * (only where immersive-ar is supported). Until then, and on every other browser, nothing.
 */
function Runtime() {
  const runtime = useArMode((s) => s.runtime)
  if (!runtime) return null
  return <runtime.ArMode />
}

/** The AR mode's layer of the 3D view (a lazy chunk of its own). */
export default function ArLayer({ tabletop }: { tabletop: Tabletop }) {
  return (
    <TabletopProvider tabletop={tabletop}>
      <Runtime />
    </TabletopProvider>
  )
}
