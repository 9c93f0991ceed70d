/**
 * What the browser says of the visitor at start: their languages, whether they asked for reduced
 * motion, and whether WebGL can draw at all. Read once by a shell, which gives the store its
 * starting values from it (state/preferences.ts).
 */
import { webglAvailable } from './webgl'

export type BrowserFacts = {
  languages: readonly string[]
  reducedMotion: boolean
  webgl: boolean
}

export function readBrowser(win: Window = window): BrowserFacts {
  return {
    languages: win.navigator.languages,
    reducedMotion: win.matchMedia('(prefers-reduced-motion: reduce)').matches,
    webgl: webglAvailable(win.document),
  }
}
