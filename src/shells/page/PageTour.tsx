/**
 * The page's tour view with its modes plugged in: the headset's Enter VR in the sidebar and its
 * runtime in the 3D view. Loaded with the tour view (a lazy chunk), so the landing page carries
 * none of it; a shell that needs the headset earlier (the kiosk, to wire its port) passes its own.
 */
import { useMemo, useState, type ReactNode } from 'react'
import { useNarrationOutput } from '../../features/narration/narration-output-context'
import { SlotsProvider, type Slots } from '../../features/slots/slots'
import TourView from '../../features/tour/TourView'
import { HeadsetProvider } from '../../modes/xr/headset-context'
import { createHeadset, type Headset } from '../../modes/xr/headset-store'
import { VrEntry } from '../../modes/xr/VrEntry'
import { XrLayer } from '../../modes/xr/XrLayer'
import { useAppStore, useBoot } from '../../state/app-context'
import { localStorageIfAllowed } from '../../state/preferences'

/** What the headset mode adds to the tour, through the slots. */
export function headsetSlots(headset: Headset): Slots {
  return {
    sidebarTop: (
      <HeadsetProvider headset={headset}>
        <VrEntry placement="top" />
      </HeadsetProvider>
    ),
    sidebarBottom: (
      <HeadsetProvider headset={headset}>
        <VrEntry placement="bottom" />
      </HeadsetProvider>
    ),
    stageLayers: (
      <HeadsetProvider headset={headset}>
        <XrLayer />
      </HeadsetProvider>
    ),
  }
}

/** Two modes' slots together: both are shown where both fill one (the headset's and the live tour's). */
function mergeSlots(a: Slots, b: Slots = {}): Slots {
  const both = (x: ReactNode, y: ReactNode) =>
    x && y ? (
      <>
        {x}
        {y}
      </>
    ) : (
      (x ?? y)
    )
  return {
    ...a,
    ...b,
    sidebarTop: both(b.sidebarTop, a.sidebarTop),
    sidebarBottom: both(a.sidebarBottom, b.sidebarBottom),
    stageLayers: both(a.stageLayers, b.stageLayers),
  }
}

export default function PageTour({
  hidden,
  slots,
  headset: given,
  onHeadset,
}: {
  hidden: boolean
  slots?: Slots
  headset?: Headset
  onHeadset?: (headset: Headset) => void
}) {
  const store = useAppStore()
  const boot = useBoot()
  const narration = useNarrationOutput()
  const [headset] = useState(() => {
    const made =
      given ??
      createHeadset({
        app: store,
        emulate: boot.emulate,
        storage: localStorageIfAllowed(),
        diagnostics: boot.diagnostics,
        narration,
      })
    onHeadset?.(made)
    return made
  })
  const all = useMemo(() => mergeSlots(headsetSlots(headset), slots), [headset, slots])
  return (
    <SlotsProvider slots={all}>
      <TourView hidden={hidden} />
    </SlotsProvider>
  )
}
