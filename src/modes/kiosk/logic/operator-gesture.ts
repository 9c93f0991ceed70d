/**
 * The hidden operator gesture: five quick taps in the top-left corner of the screen. Visitors do
 * not find it by chance, an operator does not need a keyboard, and it works with a mouse too.
 * (With a keyboard, Ctrl+Alt+Shift+O does the same.) Either only opens the PIN pad.
 */

export const OPERATOR_GESTURE = {
  /** Size of the corner, CSS pixels. */
  cornerPx: 96,
  taps: 5,
  /**
   * All taps within this time. Generous: on a slow kiosk (a frame a second) taps are handled late,
   * and a child tapping the corner five times only meets a PIN pad.
   */
  windowMs: 10_000,
} as const

export type GestureState = { taps: number[] }

export const initialGesture = (): GestureState => ({ taps: [] })

/** Feed a pointer press; returns whether the gesture is now complete (and resets it if so). */
export function gestureTap(
  state: GestureState,
  tap: { x: number; y: number; now: number },
  rule: { cornerPx: number; taps: number; windowMs: number } = OPERATOR_GESTURE,
): { state: GestureState; open: boolean } {
  const inCorner = tap.x >= 0 && tap.y >= 0 && tap.x <= rule.cornerPx && tap.y <= rule.cornerPx
  if (!inCorner) return { state: initialGesture(), open: false }
  const taps = [...state.taps.filter((t) => tap.now - t <= rule.windowMs), tap.now]
  if (taps.length >= rule.taps) return { state: initialGesture(), open: true }
  return { state: { taps }, open: false }
}

export const isOperatorShortcut = (e: {
  key: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
}) => e.ctrlKey && e.altKey && e.shiftKey && e.key.toLowerCase() === 'o'
