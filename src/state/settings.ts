/** The visitor's settings and their defaults (what a reset between kiosk visitors returns to). */

export type Settings = {
  /** Captions shown during narration. @default true */
  captions: boolean
  /** Narration volume, 0..1. @default 1 */
  volume: number
  /** Cut instead of flying the camera, no automatic motion. Starts from prefers-reduced-motion. */
  reducedMotion: boolean
  /** Narration starts when a hotspot opens. @default true */
  autoplay: boolean
  /** Caption text size. @default 'medium' */
  captionSize: 'small' | 'medium' | 'large'
  /** Caption backdrop: solid black, or translucent to see more of the view. @default 'solid' */
  captionBackground: 'solid' | 'translucent'
  /** The 3D view, or the 2D tour (posters and text; chosen, or when WebGL is unavailable). */
  view: '3d' | '2d'
  /** Moving in the 3D view: orbit around the site, or walk on its walkable areas. @default 'orbit' */
  navigation: 'orbit' | 'walk'
  /** Look around by moving the phone (device orientation). @default false */
  motionControl: boolean
}

export const DEFAULT_SETTINGS: Settings = {
  captions: true,
  volume: 1,
  reducedMotion: false,
  autoplay: true,
  captionSize: 'medium',
  captionBackground: 'solid',
  view: '3d',
  navigation: 'orbit',
  motionControl: false,
}
