/**
 * A read-only view of the one renderer's health, for the kiosk's watchdog (and any mode that must
 * heal itself): frames drawn, whether the WebGL context is lost, and the handles needed to act on
 * it (restart the loop, restore the context, end an XR session). StageHealthProbe, inside the
 * Stage's canvas, keeps it up to date.
 */
import type { RootState } from '@react-three/fiber'

type Health = {
  frames: number
  contextLost: boolean
  /** When the context was lost (performance.now()), 0 when it is not. */
  lostAt: number
  root: RootState | null
  /**
   * Taken while the context is alive: once it is lost, getExtension returns null, and this is
   * the only way to ask for it back.
   */
  loseContext: WEBGL_lose_context | null
}

const health: Health = { frames: 0, contextLost: false, lostAt: 0, root: null, loseContext: null }

export type StageHealth = Readonly<Omit<Health, 'root' | 'loseContext'>> & { attached: boolean }

export function stageHealth(): StageHealth {
  return {
    frames: health.frames,
    contextLost: health.contextLost,
    lostAt: health.lostAt,
    attached: health.root !== null,
  }
}

/**
 * Called by the probe inside the canvas: follows the context's loss and restoration, the one watch
 * on them (the page's message, the kiosk's watchdog and the diagnostics all read it from here).
 * @param onContext told when the context is lost (true) or back (false)
 */
export function attachStageHealth(state: RootState, onContext?: (lost: boolean) => void): () => void {
  health.root = state
  health.loseContext = state.gl.getContext().getExtension('WEBGL_lose_context')
  const canvas = state.gl.domElement
  const onLost = (e: Event) => {
    e.preventDefault() // allows the browser to restore the context
    health.contextLost = true
    health.lostAt = performance.now()
    onContext?.(true)
  }
  const onRestored = () => {
    health.contextLost = false
    health.lostAt = 0
    onContext?.(false)
    // Draw again at once: three re-uploads what it needs on the next render.
    health.root?.invalidate()
  }
  canvas.addEventListener('webglcontextlost', onLost)
  canvas.addEventListener('webglcontextrestored', onRestored)
  return () => {
    canvas.removeEventListener('webglcontextlost', onLost)
    canvas.removeEventListener('webglcontextrestored', onRestored)
    if (health.root === state) {
      health.root = null
      health.loseContext = null
    }
  }
}

/** Ask for a frame (restarts an on-demand or interrupted loop). */
export function restartFrameLoop() {
  health.root?.invalidate()
}

/**
 * Give a lost context back. Only works for a context lost through WEBGL_lose_context (a driver
 * reset is restored by the browser itself); returns whether it was possible to ask.
 */
export function restoreContext(): boolean {
  const gl = health.root?.gl.getContext()
  if (!health.loseContext || !gl?.isContextLost()) return false
  try {
    health.loseContext.restoreContext()
    return true
  } catch {
    return false
  }
}

/** End an immersive session if one is running (the headset goes back to the browser). */
export async function endXrSession(): Promise<void> {
  const session = health.root?.gl.xr.getSession()
  if (session) await session.end().catch(() => undefined)
}

/** Called by the probe inside the canvas, once per frame. */
export function countFrame() {
  health.frames++
}

/** The immersive session in progress, if any (its controllers' input keeps a kiosk visit alive). */
export function xrSession(): XRSession | null {
  return health.root?.gl.xr.getSession() ?? null
}
