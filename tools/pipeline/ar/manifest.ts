/**
 * `assets/ar/manifest.json`: what each stop's AR Quick Look and Scene Viewer files were made from,
 * written by build-ar.ts and read by check-ar.ts (content:check).
 */
import { arQuickLookPath, sceneViewerPath } from '../../../src/core/content/urls'

export const AR_MANIFEST = 'ar/manifest.json'
export const AR_MANIFEST_VERSION = 'portage.ar-manifest/1'

export type ArManifestEntry = {
  /** The site model it was cut from (under assets/) and that file's SHA-256. */
  model: string
  modelSha256: string
  /** The stop's footprint when it was made (max y is open: null). */
  footprint: {
    anchor: [number, number, number]
    min: [number, number, number]
    max: [number, null, number]
    size: number
  }
  usdz: string
  usdzSha256: string
  glb: string
  glbSha256: string
  triangles: number
  materials: number
  /** Bounds of the miniature, metres. */
  bounds: { min: [number, number, number]; max: [number, number, number] }
  /** Metres of table per metre of site. */
  scale: number
}

export type ArManifest = { version: typeof AR_MANIFEST_VERSION; stops: Record<string, ArManifestEntry> }

/** A stop's two files, under assets/ (the one place that names them is src/core/content/urls.ts). */
export const arFilePaths = (stopId: string) => ({
  usdz: arQuickLookPath(stopId),
  glb: sceneViewerPath(stopId),
})
