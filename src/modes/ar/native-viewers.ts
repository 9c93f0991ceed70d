/**
 * Where WebXR AR is not available, the phone's own AR viewer can still set a stop down on a table,
 * from the file the build made for it (tools/pipeline/ar/): AR Quick Look on iPhone and iPad (USDZ),
 * Scene Viewer on Android (GLB). Neither shows the stories; the page says so.
 *
 * Small and free of three.js and React: the AR mode's detection runs it before any runtime loads.
 */
import { arQuickLookPath, assetUrl, sceneViewerPath } from '../../core/content/urls'

export type NativeViewer = 'quick-look' | 'scene-viewer'

type Probe = Pick<Window, 'document' | 'navigator'>

/**
 * Which of the phone's AR viewers this browser can open, if any. Feature checks first: Safari says
 * it opens `<a rel="ar">` links (`relList.supports('ar')`, iOS 12+, and iPadOS, whose Safari
 * presents itself as a Mac). Scene Viewer has no feature to check; it is an app of Android's, so
 * the platform decides: User-Agent Client Hints where the browser has them (Chromium), the
 * User-Agent string otherwise (Firefox, Samsung Internet's older versions).
 */
export function nativeViewer(win: Probe = window): NativeViewer | null {
  try {
    if (win.document.createElement('a').relList.supports('ar')) return 'quick-look'
  } catch {
    // relList.supports throws for tokens a browser does not define for <a>: not Quick Look.
  }
  const hints = (win.navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData
  const platform = hints?.platform
  if (platform) return platform === 'Android' ? 'scene-viewer' : null
  return /\bAndroid\b/.test(win.navigator.userAgent) ? 'scene-viewer' : null
}

/** The stop's USDZ, as a path of this site (Quick Look opens it from the `<a rel="ar">` link). */
export const quickLookHref = (base: string, stopId: string) => assetUrl(base, arQuickLookPath(stopId))

/**
 * The intent that opens the stop's GLB in Scene Viewer, in AR first (`mode=ar_preferred`), through
 * Google Play Services for AR. The GLB is ours, on this origin (an absolute URL: Scene Viewer
 * fetches it itself). Where the service is missing, Android goes to `S.browser_fallback_url`: this
 * same page (`page`), so the visitor is back where they were, never sent to another site.
 */
export function sceneViewerIntent(options: {
  base: string
  stopId: string
  title: string
  page: string
}): string {
  const { base, stopId, title, page } = options
  const file = new URL(assetUrl(base, sceneViewerPath(stopId)), page).href
  const query = new URLSearchParams({ file, mode: 'ar_preferred', title })
  return (
    `intent://arvr.google.com/scene-viewer/1.0?${query.toString()}` +
    '#Intent;scheme=https;package=com.google.ar.core;action=android.intent.action.VIEW;' +
    `S.browser_fallback_url=${encodeURIComponent(page)};end;`
  )
}
