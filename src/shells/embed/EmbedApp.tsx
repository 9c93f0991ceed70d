/**
 * `?mode=embed`: the tour inside someone else's page. The 3D view fills the frame at any size
 * (down to 320×240); a single bar holds the controls the embed link asked for; the stories open in
 * a drawer over the view. No header, no landing page chrome, no history entries.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { stateToSearch } from '../../state/url-sync'
import { languageName, UI_LANGUAGES } from '../../core/i18n/i18n'
import { useT } from '../../state/use-t'
import { Captions } from '../../features/narration/Captions'
import { HelpDialog } from '../../features/help/HelpDialog'
import { HotspotList } from '../../features/hotspots/HotspotList'
import { HotspotPanel } from '../../features/hotspots/HotspotPanel'
import { Landing } from '../../features/landing/Landing'
import { Notices } from '../../features/chrome/Notices'
import { StageView } from '../../features/stage/StageView'
import { useTourShortcuts } from '../../features/tour/TourView'
import { Announcer } from '../../features/chrome/Announcer'
import { SettingsDialog } from '../../features/settings/SettingsDialog'
import { NarrationAudio } from '../../features/narration/NarrationAudio'
import { ShareButton } from '../../features/share/ShareButton'
import { useApp, useAppStore, useBoot } from '../../state/app-context'
import { useNarrationOutput } from '../../features/narration/narration-output-context'
import type { ArEntryRender, Tabletop } from '../../modes/ar/tabletop-store'
import { selectActions, selectHotspot, selectPlayButton, selectStop, selectTour } from '../../state/selectors'
import { SlotsProvider, type Slots } from '../../features/slots/slots'
import { HeadsetProvider } from '../../modes/xr/headset-context'
import type { Headset } from '../../modes/xr/headset-store'
import { useEnterVr } from '../../modes/xr/VrEntry'
import { XrLayer } from '../../modes/xr/XrLayer'
import { fullAppSearch, parseEmbedOptions, type EmbedControl } from '../../modes/embed/options'
import { frameAllowsXR } from '../../modes/embed/xr-policy'
import './embed.css'

const BASE = import.meta.env.BASE_URL

/** 24×24 icon paths: a small set drawn here, so nothing is fetched. */
const ICONS = {
  previous: 'M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z',
  next: 'M8.6 5.4 10 4l8 8-8 8-1.4-1.4 6.6-6.6z',
  stories: 'M4 5h3v3H4zm5 0h11v3H9zM4 10.5h3v3H4zm5 0h11v3H9zM4 16h3v3H4zm5 0h11v3H9z',
  play: 'M7 4.5v15l12.5-7.5z',
  pause: 'M6 4.5h4v15H6zm8 0h4v15h-4z',
  open: 'M14 3h7v7h-2V6.4l-8.3 8.3-1.4-1.4L17.6 5H14zM5 5h6v2H5v12h12v-6h2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z',
  // A site standing on a table top.
  table: 'M12 2 7 7v5h10V7zM2 14h20v2h-2v6h-2v-6H6v6H4v-6H2z',
  headset:
    'M4 7h16a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-4.2l-2.3-2.6h-3L8.2 17H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2zm3.5 3.2a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6zm9 0a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z',
  close: 'M18.3 5.7 16.9 4.3 12 9.2 7.1 4.3 5.7 5.7l4.9 4.9-4.9 4.9 1.4 1.4 4.9-4.9 4.9 4.9 1.4-1.4-4.9-4.9z',
} as const

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={ICONS[name]} fillRule="evenodd" />
    </svg>
  )
}

/** A bar button: an icon, and a label that is visible when the frame is wide enough. */
function BarButton(props: {
  icon: keyof typeof ICONS
  label: string
  onClick: () => void
  disabled?: boolean
  pressed?: boolean
  expanded?: boolean
  controls?: string
  testId?: string
  /** `xr`: the headset's or AR's way in, icon only in frames up to 60rem wide (embed.css). */
  kind?: 'xr'
}) {
  return (
    <button
      type="button"
      className={props.kind === 'xr' ? 'embed-btn embed-btn-xr' : 'embed-btn'}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      title={props.label}
      data-testid={props.testId}
    >
      <Icon name={props.icon} />
      <span className="embed-btn-label">{props.label}</span>
    </button>
  )
}

function LanguageButtons() {
  const { lang, t } = useT()
  const actions = useApp(selectActions)
  return (
    <nav className="embed-lang" aria-label={t('lang.switch')}>
      {UI_LANGUAGES.filter((l) => l !== lang).map((l) => (
        <button
          key={l}
          type="button"
          className="embed-btn"
          lang={l}
          aria-label={languageName(l)}
          title={languageName(l)}
          onClick={() => actions.setLanguage(l)}
        >
          <span className="embed-lang-code" aria-hidden="true">
            {l.toUpperCase()}
          </span>
          <span className="embed-btn-label">{languageName(l)}</span>
        </button>
      ))}
    </nav>
  )
}

/** The same place in the full app, in a new tab: where a headset can enter VR if this frame can't. */
function OpenFullLink({ xrAllowed }: { xrAllowed: boolean }) {
  const { t } = useT()
  const search = useApp((s) => fullAppSearch(stateToSearch(s, '')))
  const label = xrAllowed ? t('embed.openFull') : t('embed.openFullXr')
  return (
    <a
      className="embed-btn"
      href={`${BASE}${search}`}
      target="_blank"
      rel="noopener"
      title={`${label} (${t('embed.newTab')})`}
      aria-label={`${label} (${t('embed.newTab')})`}
      data-testid="embed-open-full"
    >
      <Icon name="open" />
      <span className="embed-btn-label">{label}</span>
    </a>
  )
}

function NarrationButton() {
  const { t } = useT()
  const playButton = useApp(selectPlayButton)
  const actions = useApp(selectActions)
  return (
    <BarButton
      icon={playButton === 'pause' ? 'pause' : 'play'}
      label={t(`narration.${playButton}`)}
      onClick={() => actions.toggleNarration()}
      testId="embed-narration"
    />
  )
}

/** Enter VR inside the frame: only where the page lets it (`xr-spatial-tracking`) and the browser can. */
function EnterVrButton() {
  const { t } = useT()
  const { support, disabled, enter } = useEnterVr()
  if (support !== 'supported') return null
  return (
    <BarButton
      icon="headset"
      label={t('vr.enter')}
      onClick={enter}
      disabled={disabled}
      testId="embed-enter-vr"
      kind="xr"
    />
  )
}

/** "View on a table" in the bar, drawn as the bar's buttons are. */
const arBarButton: ArEntryRender = ({ label, onClick, disabled }) => (
  <BarButton
    icon="table"
    label={label}
    onClick={onClick}
    disabled={disabled}
    testId="embed-enter-ar"
    kind="xr"
  />
)

function EmbedTour({
  show,
  xrAllowed,
  arEntry,
}: {
  show: (c: EmbedControl) => boolean
  xrAllowed: boolean
  arEntry: ReactNode
}) {
  const { t, loc } = useT()
  const tour = useApp(selectTour)
  const stop = useApp(selectStop)
  const hotspot = useApp(selectHotspot)
  const stopIndex = useApp((s) => s.engine.stopIndex)
  const actions = useApp(selectActions)
  const [drawer, setDrawer] = useState(false)
  useTourShortcuts(true)

  // A story that opens (from a link, its marker, the keyboard or the parent page) shows its text.
  const openId = hotspot?.id ?? null
  const [lastOpen, setLastOpen] = useState<string | null>(null)
  if (openId !== lastOpen) {
    setLastOpen(openId)
    if (openId && show('stories')) setDrawer(true)
  }

  const many = (tour?.stops.length ?? 0) > 1
  return (
    <div className="embed-tour" data-drawer={drawer && show('stories') ? 'open' : 'closed'}>
      <div className="embed-stage" data-testid="stage">
        <StageView />
        <Captions />
        {tour && stop && show('title') && (
          <p className="embed-title">
            <span className="embed-title-text">
              {loc(stop.title)}
              {many && ` · ${t('embed.stopShort', { index: stopIndex + 1, count: tour.stops.length })}`}
            </span>
          </p>
        )}
        <p id="stop-description" hidden>
          {stop ? loc(stop.description) : ''}
        </p>
      </div>

      {tour && stop && show('stories') && (
        <aside id="embed-drawer" className="embed-drawer" hidden={!drawer} aria-label={t('embed.stories')}>
          <div className="embed-drawer-head">
            <p className="embed-drawer-title">{loc(tour.title)}</p>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setDrawer(false)}
              aria-label={t('embed.closeStories')}
              title={t('embed.closeStories')}
            >
              <Icon name="close" />
            </button>
          </div>
          {hotspot && <HotspotPanel key={hotspot.id} />}
          <HotspotList />
        </aside>
      )}

      {tour && stop && (
        <div className="embed-bar" role="toolbar" aria-label={loc(tour.title)}>
          {many && show('stops') && (
            <>
              <BarButton
                icon="previous"
                label={t('tour.previousStop')}
                onClick={() => actions.previousStop()}
                disabled={stopIndex === 0}
              />
              <BarButton
                icon="next"
                label={t('tour.nextStop')}
                onClick={() => actions.nextStop()}
                disabled={stopIndex === tour.stops.length - 1}
              />
            </>
          )}
          {show('stories') && (
            <BarButton
              icon="stories"
              label={t('embed.stories')}
              onClick={() => setDrawer(!drawer)}
              expanded={drawer}
              controls="embed-drawer"
              testId="embed-stories"
            />
          )}
          {hotspot && show('narration') && <NarrationButton />}
          <span className="embed-bar-gap" />
          {show('language') && <LanguageButtons />}
          {show('share') && <ShareButton className="embed-btn" labelClassName="embed-btn-label" />}
          {show('open') && xrAllowed && <EnterVrButton />}
          {show('open') && xrAllowed && arEntry}
          {show('open') && <OpenFullLink xrAllowed={xrAllowed} />}
        </div>
      )}
      <NarrationAudio />
    </div>
  )
}

/** The headset's runtime inside the 3D view (Enter VR is the bar's own button here). */
const EMBED_SLOTS: Slots = { stageLayers: <XrLayer /> }

/**
 * AR ("View on a table") in the frame, as for VR: only where the page lets the frame use WebXR
 * (`allow="xr-spatial-tracking"`), and then lazily, after the headset's detection (which installs
 * the emulator under `?emulate=`): the button in the bar, the runtime in the 3D view. The phone's
 * own AR viewers are not offered here (the "Open" link leads to the page, where they are).
 */
function useFramedAr(xrAllowed: boolean, headset: Headset): { layer: ReactNode; entry: ReactNode } | null {
  const store = useAppStore()
  const boot = useBoot()
  const narration = useNarrationOutput()
  const [ar, setAr] = useState<{ layer: ReactNode; entry: ReactNode } | null>(null)
  useEffect(() => {
    if (!xrAllowed) return
    let live = true
    let tabletop: Tabletop | null = null
    void headset
      .detect()
      .then(() => import('../../modes/ar/tabletop-store'))
      .then(({ createTabletop, tabletopSlots, tabletopEntry }) => {
        if (!live) return
        tabletop = createTabletop({
          app: store,
          emulated: boot.emulate !== null,
          diagnostics: boot.diagnostics,
          narration,
          ui: { StoryPanel: HotspotPanel, Captions },
          nativeViewers: false,
        })
        setAr({ layer: tabletopSlots(tabletop, {}).stageLayers, entry: tabletopEntry(tabletop, arBarButton) })
      })
    return () => {
      live = false
      tabletop?.stop()
    }
  }, [xrAllowed, headset, store, boot, narration])
  return ar
}

export default function EmbedApp({ headset }: { headset: Headset }) {
  const { lang, t } = useT()
  const { search } = useBoot()
  const tourId = useApp((s) => s.engine.tourId)
  const options = useMemo(() => parseEmbedOptions(search), [search])
  const xrAllowed = useMemo(() => frameAllowsXR(), [])
  const ar = useFramedAr(xrAllowed, headset)
  const slots = useMemo<Slots>(
    () =>
      ar
        ? {
            stageLayers: (
              <>
                {EMBED_SLOTS.stageLayers}
                {ar.layer}
              </>
            ),
          }
        : EMBED_SLOTS,
    [ar],
  )
  // The 3D view stays mounted once a tour has opened: one WebGL context for the frame's life.
  const [tourMounted, setTourMounted] = useState(false)
  if (tourId && !tourMounted) setTourMounted(true)

  useEffect(() => {
    document.documentElement.lang = lang
    document.title = t('app.name')
  }, [lang, t])

  return (
    <HeadsetProvider headset={headset}>
      <SlotsProvider slots={slots}>
        <div
          className="embed"
          data-view={tourId ? 'tour' : 'landing'}
          data-xr-allowed={xrAllowed}
          data-controls={[...options.controls].join(' ') || 'none'}
        >
          <Notices />
          <main id="main" className="embed-main">
            {!tourId && <Landing />}
            {tourMounted && (
              <div hidden={!tourId} className="embed-fill">
                <EmbedTour
                  show={(c) => options.controls.has(c)}
                  xrAllowed={xrAllowed}
                  arEntry={ar?.entry ?? null}
                />
              </div>
            )}
          </main>
          <HelpDialog />
          <SettingsDialog />
          <Announcer />
        </div>
      </SlotsProvider>
    </HeadsetProvider>
  )
}
