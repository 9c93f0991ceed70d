import type { MouseEvent } from 'react'
import { assetUrl } from '../../core/content/urls'
import { useApp } from '../../state/app-context'
import { selectStop } from '../../state/selectors'
import { useT } from '../../state/use-t'
import { quickLookHref, sceneViewerIntent, type NativeViewer } from './native-viewers'
import './ar.css'

const BASE = import.meta.env.BASE_URL

/**
 * "View on a table" where WebXR AR is not available but the phone's own AR viewer is: a link that
 * opens the stop's miniature in AR Quick Look (iPhone, iPad) or Scene Viewer (Android), and a line
 * saying that the viewer shows the site without its stories. Loaded by ArSlot only there.
 */
export default function NativeViewerLink({ viewer }: { viewer: NativeViewer }) {
  const { t, loc } = useT()
  const stop = useApp(selectStop)
  if (!stop) return null
  const noteId = `ar-native-note-${viewer}`
  if (viewer === 'quick-look') {
    // Safari opens Quick Look only for an <a rel="ar"> whose one child is an <img> (it draws the
    // AR badge on it); the visible words are the link's ::after, so the image stays the only child.
    const image = stop.poster ? assetUrl(BASE, stop.poster) : `${BASE}favicon.svg`
    return (
      <div className="ar-entry ar-native">
        <a
          rel="ar"
          href={quickLookHref(BASE, stop.id)}
          className="btn ar-native-link"
          aria-label={t('ar.quickLook.label')}
          aria-describedby={noteId}
          data-label={t('ar.enter')}
          data-testid="ar-native"
          data-viewer={viewer}
        >
          <img src={image} alt="" width={64} height={36} />
        </a>
        <p className="vr-hint" id={noteId} data-testid="ar-native-note">
          {t('ar.quickLook.note')}
        </p>
      </div>
    )
  }
  const intent = (page: string) =>
    sceneViewerIntent({ base: BASE, stopId: stop.id, title: loc(stop.title), page })
  // The page to come back to is the address as it is at the click (the open story is in it).
  const refresh = (e: MouseEvent<HTMLAnchorElement>) => {
    e.currentTarget.href = intent(location.href)
  }
  return (
    <div className="ar-entry ar-native">
      <a
        href={intent(location.href)}
        onClick={refresh}
        className="btn ar-native-link"
        aria-label={t('ar.sceneViewer.label')}
        aria-describedby={noteId}
        data-testid="ar-native"
        data-viewer={viewer}
      >
        {t('ar.enter')}
      </a>
      <p className="vr-hint" id={noteId} data-testid="ar-native-note">
        {t('ar.sceneViewer.note')}
      </p>
    </div>
  )
}
