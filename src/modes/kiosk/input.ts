/**
 * Signs of a visitor, fed to the idle machine: touches, clicks, keys, the wheel, a mouse really
 * moved, gamepad buttons and headset controllers, and the idle clock's tick. The operator's
 * gesture and shortcut are read here too (they only open the PIN pad).
 */
import { xrSession } from '../../features/stage/stage-health'
import type { Disposer } from './disposer'
import { KIOSK_TIMING, type KioskUi } from './kiosk-state'
import { gestureTap, initialGesture, isOperatorShortcut } from './logic/operator-gesture'
import type { VisitLoop } from './visit'

export type InputDeps = {
  win: Window
  ui: KioskUi
  /** This part's own disposer. */
  d: Disposer
  now: () => number
  visit: Pick<VisitLoop, 'transition'>
  /** Input during a visit keeps its statistics fresh. */
  keepAlive: () => void
  operator: {
    /** The gesture or the shortcut: open the PIN pad. */
    openPin(): void
    /** Any input while the PIN pad is open keeps it open. */
    touched(): void
  }
}

/** The page's inputs that mean someone is there. */
export const VISITOR_INPUTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

/** XR controller events that count as input (the trigger answers the countdown in the headset). */
const XR_INPUTS = ['selectstart', 'squeezestart'] as const

export function listenForVisitors({ win, ui, d, now, visit, keepAlive, operator }: InputDeps) {
  const input = () => visit.transition({ type: 'input', now: now() })
  const phase = () => ui.getState().idle.phase
  let gesture = initialGesture()
  let mouseFrom: { x: number; y: number } | null = null

  const onInput = (e: Event) => {
    // The operator's taps are primary ones (a finger, the left button): a visitor's other buttons
    // on the corner's brand link are not a gesture.
    if (e.type === 'pointerdown' && (e as PointerEvent).button === 0) {
      const p = e as PointerEvent
      // When the touch happened (not when a busy page got to it).
      const g = gestureTap(gesture, { x: p.clientX, y: p.clientY, now: p.timeStamp })
      gesture = g.state
      if (g.open) operator.openPin()
    }
    if (e.type === 'pointermove' && (e as PointerEvent).pointerType === 'mouse') {
      const p = e as PointerEvent
      if (!mouseFrom) mouseFrom = { x: p.clientX, y: p.clientY }
      if (Math.hypot(p.clientX - mouseFrom.x, p.clientY - mouseFrom.y) < KIOSK_TIMING.mouseSlopPx) return
      mouseFrom = { x: p.clientX, y: p.clientY }
    }
    if (e.type === 'keydown' && isOperatorShortcut(e as KeyboardEvent)) {
      e.preventDefault()
      operator.openPin()
      return
    }
    const overlay = ui.getState().overlay
    if (overlay === 'pin') operator.touched()
    // During the countdown, touches are the countdown's: it tells "still here" from "end visit".
    if (phase() === 'warning' && (e.type.startsWith('pointer') || e.type === 'touchstart')) return
    if (phase() === 'attract') {
      // In the attract loop, touches and clicks are taken by the invitation (which picks the
      // language); keys start a visit here. Nothing reaches the tour under the attract screen.
      if (e.type === 'keydown' && overlay === 'none') {
        e.preventDefault()
        e.stopImmediatePropagation()
        input()
      }
      return
    }
    keepAlive()
    input()
  }
  for (const type of VISITOR_INPUTS) d.listen(win, type, onInput, { capture: true, passive: false })

  // Gamepads (a controller on a PC kiosk) and XR controllers count as input too. The session's
  // listeners follow the session: off the one that ended, on the one that started.
  let session: XRSession | null = null
  let offSession: (() => void)[] = []
  const followSession = () => {
    const current = xrSession()
    if (current === session) return
    for (const off of offSession.splice(0)) off()
    session = current
    if (current) offSession = XR_INPUTS.map((type) => d.listen(current, type, input))
  }
  const pollControllers = () => {
    const pads = win.navigator.getGamepads?.() ?? []
    if (pads.some((p) => p?.buttons.some((b) => b.pressed)) && ui.getState().overlay === 'none') input()
    followSession()
  }

  // The idle clock.
  d.interval(() => {
    pollControllers()
    visit.transition({ type: 'tick', now: now() })
  }, KIOSK_TIMING.tickMs)

  return { stop: () => d.dispose() }
}
