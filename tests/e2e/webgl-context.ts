/**
 * Whether a page still draws with the WebGL context it started with: a recovery that made a new
 * canvas or context would soon break the view (Chromium drops the oldest context past 16 live
 * ones). Mark the context once, then ask after each fault.
 */
import type { Page } from '@playwright/test'

/** Mark the canvas's WebGL context. */
export const markContext = (page: Page) =>
  page.evaluate(() => {
    const gl = document.querySelector('canvas')!.getContext('webgl2') as unknown as Record<string, unknown>
    gl['portageTestMarker'] = 'the first context'
  })

/** How many canvases, whether the first one's context is the marked one, and whether it is lost. */
export const contextState = (page: Page) =>
  page.evaluate(() => {
    const canvases = document.querySelectorAll('canvas')
    const gl = canvases[0]?.getContext('webgl2') as unknown as Record<string, unknown> | null
    return {
      canvases: canvases.length,
      marker: gl?.['portageTestMarker'] ?? null,
      lost: (gl as unknown as WebGL2RenderingContext | null)?.isContextLost() ?? null,
    }
  })

/** A render error in the 3D scene, on request (the `?diagnostics=1` fault, SceneBoundary.tsx). */
export const breakScene = (page: Page) =>
  page.evaluate(() => window.dispatchEvent(new Event('portage:diagnostics-scene-fault')))
