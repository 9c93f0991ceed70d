/**
 * The page's tour view with its modes plugged in: the headset's Enter VR and AR's "View on a
 * table" in the sidebar and their runtimes in the 3D view. Loaded with the tour view (a lazy chunk), so the landing page carries
 * none of it; a shell that needs the headset earlier (the kiosk, to wire its port) passes its own.
 */
import { useEffect, useMemo, useState } from 'react'
import { HotspotPanel } from '../../features/hotspots/HotspotPanel'
import { Captions } from '../../features/narration/Captions'
import { useNarrationOutput } from '../../features/narration/narration-output-context'
import { SlotsProvider, type Slots } from '../../features/slots/slots'

/** A shell's slots: over the modes' own, or a function that composes them (the live tour's). */
export type ShellSlots = Slots | ((modes: Slots) => Slots)
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

export default function PageTour({
  hidden,
  slots,
  headset: given,
}: {
  hidden: boolean
  slots?: ShellSlots
  headset?: Headset
}) {
  const store = useAppStore()
  const boot = useBoot()
  const narration = useNarrationOutput()
  const [headset] = useState(
    () =>
      given ??
      createHeadset({
        app: store,
        emulate: boot.emulate,
        storage: localStorageIfAllowed(),
        diagnostics: boot.diagnostics,
        narration,
      }),
  )
  // AR ("View on a table") is lazy from end to end: a deep link's first frame carries none of it.
  // Only on the page: a kiosk has no table to place on, and an embed sends a visitor to the full
  // page for AR (docs/ar.md).
  const [arSlots, setArSlots] = useState<((base: Slots) => Slots) | null>(null)
  useEffect(() => {
    if (boot.way !== 'page') return
    let live = true
    // After the headset's own detection (which installs the emulator under ?emulate=): then AR asks
    // the browser whether it can place the site on a table.
    void headset
      .detect()
      .then(() => import('../../modes/ar/tabletop-store'))
      .then(({ createTabletop, tabletopSlots }) => {
        if (!live) return
        const tabletop = createTabletop({
          app: store,
          emulated: boot.emulate !== null,
          diagnostics: boot.diagnostics,
          narration,
          ui: { StoryPanel: HotspotPanel, Captions },
        })
        setArSlots(() => (base: Slots) => tabletopSlots(tabletop, base))
      })
      // Its code could not be fetched (the network dropped, as a group's follower may see): the tour
      // goes on without "View on a table" rather than with an unhandled error.
      .catch(() => {})
    return () => {
      live = false
    }
  }, [boot, store, narration, headset])
  const all = useMemo(() => {
    const own = headsetSlots(headset)
    const base = arSlots ? arSlots(own) : own
    return typeof slots === 'function' ? slots(base) : { ...base, ...slots }
  }, [headset, arSlots, slots])
  return (
    <SlotsProvider slots={all}>
      <TourView hidden={hidden} />
    </SlotsProvider>
  )
}
