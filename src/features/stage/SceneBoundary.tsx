import { Component, Fragment, useEffect, useState, type ReactNode } from 'react'

/** A render error in the 3D scene that repeats this soon after a recovery is not recovered again. */
export const SCENE_RETRY_MS = 1000

/**
 * Inside the one <Canvas>, around the scene's content (site, rigs, markers, the modes' layers): a
 * render error there remounts the content and nothing else. The canvas, its WebGL context and its
 * renderer stay: a new context per recovery would soon pass the browser's limit (Chromium drops the
 * oldest after 16) and cost a visitor a second of blank view each time. A scene that fails again at
 * once (within SCENE_RETRY_MS of its recovery) is passed on, to the 2D tour's fallback outside.
 *
 * R3F reports every error its renderer catches as the page's `error` event (`reportError`), so the
 * kiosk's healing (src/modes/kiosk/healing.ts) counts it as its own fault, as any uncaught error:
 * back to the attract loop, and a reload if they repeat. That reset keeps the canvas too.
 */
export class SceneBoundary extends Component<
  { children: ReactNode },
  { generation: number; error: Error | null }
> {
  state = { generation: 0, error: null as Error | null }
  private recoveredAt = -Infinity
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  componentDidCatch(error: Error) {
    if (performance.now() - this.recoveredAt < SCENE_RETRY_MS) return
    console.warn('3D scene failed, drawn again in the same view:', error.message)
    this.recoveredAt = performance.now()
    this.setState((s) => ({ generation: s.generation + 1, error: null }))
  }
  render() {
    const { error, generation } = this.state
    // Failing again straight after a recovery: the fault is not transient, let the outside decide.
    if (error && performance.now() - this.recoveredAt < SCENE_RETRY_MS) throw error
    return error ? null : <Fragment key={generation}>{this.props.children}</Fragment>
  }
}

/** The event `?diagnostics=1` pages listen for to break their 3D scene once (see SceneFault). */
export const SCENE_FAULT_EVENT = 'portage:diagnostics-scene-fault'

/**
 * `?diagnostics=1` only: a render error in the scene on demand, so the recovery above can be seen
 * and tested on the shipped build. Nothing is put on `window`; a page script dispatches the event.
 */
export function SceneFault() {
  const [broken, setBroken] = useState(false)
  useEffect(() => {
    const onFault = () => setBroken(true)
    window.addEventListener(SCENE_FAULT_EVENT, onFault)
    return () => window.removeEventListener(SCENE_FAULT_EVENT, onFault)
  }, [])
  if (broken) throw new Error('diagnostics: a render error in the 3D scene, on request')
  return null
}
