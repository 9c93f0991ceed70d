/**
 * What the headset mode tells tools (`?diagnostics=1`, section `xr` of window.portageDiagnostics):
 * the rig, the panels and their buttons in world space (so a test can aim an emulated controller
 * at them), the caption shown, the teleport arc. Read when asked, never computed in the frame loop.
 */
import { panelTargets } from '../../features/xr-panels/panel-registry'

/** Live values the runtime keeps up to date (plain numbers, mutated in place). */
export const xrLive = {
  rig: { x: 0, y: 0, z: 0, yaw: 0 },
  head: { x: 0, y: 0, z: 0, yaw: 0 },
  arc: { aiming: false, valid: false, x: 0, y: 0, z: 0 },
  teleports: 0,
  turns: 0,
  vignette: 0,
  caption: '',
  captionLang: '',
  /** The notice in front of the visitor (kiosk countdown), its lines joined by " | ". */
  notice: '',
  /** The in-world diagnostics panel's lines (XrDiagnostics.tsx), joined by " | "; '' when not shown. */
  diagnostics: '',
  panel: { hotspot: null as string | null, title: '' },
  frameRate: null as number | null,
  /** Dynamic resolution (DynamicResolution.tsx): viewport scale, frame budget and time (ms). */
  resolution: {
    scale: 1,
    budgetMs: 0,
    frameMs: 0,
    mechanism: 'none' as 'viewport-scale' | 'foveation' | 'none',
    drops: 0,
    climbs: 0,
  },
}

export function xrSnapshot(presenting: boolean, extra: Record<string, unknown>) {
  return {
    presenting,
    rig: { ...xrLive.rig },
    head: { ...xrLive.head },
    arc: { ...xrLive.arc },
    teleports: xrLive.teleports,
    turns: xrLive.turns,
    vignette: xrLive.vignette,
    caption: xrLive.caption,
    captionLang: xrLive.captionLang,
    notice: xrLive.notice,
    diagnostics: xrLive.diagnostics,
    panel: { ...xrLive.panel },
    frameRate: xrLive.frameRate,
    resolution: {
      ...xrLive.resolution,
      budgetMs: +xrLive.resolution.budgetMs.toFixed(2),
      frameMs: +xrLive.resolution.frameMs.toFixed(2),
    },
    targets: panelTargets(),
    ...extra,
  }
}

/** The lines the panel shows, from the renderer probe and the headset's live values. */
export function diagnosticsLines(
  snap: {
    frameTimeMs: number
    fps: number
    drawCallsPerEye: number
    views: number
    triangles: number
    geometries: number
    textures: number
    programs: number
  },
  resolution: typeof xrLive.resolution,
  frameRate: number | null,
  foveation: number | undefined,
): { text: string; warn: boolean }[] {
  // The median of recent frames (the probe's): steadier to read twice a second than the last one.
  const over = resolution.budgetMs > 0 && snap.frameTimeMs > resolution.budgetMs
  return [
    {
      text: `frame ${snap.frameTimeMs.toFixed(1)} ms (median) / budget ${resolution.budgetMs.toFixed(1)} ms`,
      warn: over,
    },
    { text: `${snap.fps} fps · ${frameRate ? `${frameRate} Hz asked` : 'device rate'}`, warn: false },
    {
      text: `draw calls ${snap.drawCallsPerEye} per eye (${snap.views} views) · ${Math.round(snap.triangles / 1000)}k triangles`,
      warn: snap.drawCallsPerEye > 100,
    },
    {
      text: `resolution ${resolution.scale.toFixed(2)} (${resolution.mechanism}) · ${resolution.drops} down, ${resolution.climbs} up`,
      warn: resolution.scale < 1,
    },
    { text: `foveation ${foveation === undefined ? 'n/a' : foveation.toFixed(2)}`, warn: false },
    {
      text: `${snap.geometries} geometries · ${snap.textures} textures · ${snap.programs} programs`,
      warn: false,
    },
  ]
}
