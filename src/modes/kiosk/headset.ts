/**
 * What the kiosk needs from the headset mode, as a port its shell passes in: modes never import
 * each other, so the kiosk does not know how the headset shows a notice or keeps its comfort
 * settings, only that it can ask.
 */
import { t as translate } from '../../core/i18n/i18n'
import type { Disposer } from './disposer'
import type { KioskUi } from './kiosk-state'

/** Lines of a notice, each with its language (the kiosk shows both official languages at once). */
export type KioskNotice = {
  heading: { text: string; lang: string }[]
  body: { text: string; lang: string }[]
  /** A big number under the heading (the seconds left), if any. */
  count?: number
}

export type KioskHeadsetPort = {
  /**
   * Put this notice in front of a visitor wearing the headset (who cannot see the page), or take
   * it away with null. Called only when it changes.
   */
  showNotice(notice: KioskNotice | null): void
  /** The next visitor starts from the default comfort settings (turning, vignette, seated). */
  resetComfort(): void
}

/** The kiosk's own messages (invitation, countdown) are in both official languages at once. */
const LANGUAGES = ['en', 'fr'] as const

/** The idle countdown as a headset notice. */
export const countdownNotice = (secondsLeft: number): KioskNotice => ({
  heading: LANGUAGES.map((lang) => ({ lang, text: translate(lang, 'kiosk.stillThere') })),
  body: LANGUAGES.map((lang) => ({ lang, text: translate(lang, 'kiosk.vrToContinue') })),
  count: secondsLeft,
})

/**
 * The countdown, for a visitor in the headset too: shown while the kiosk warns, with the seconds
 * left, and taken away otherwise (and when the kiosk stops).
 */
export function followCountdown(ui: KioskUi, headset: KioskHeadsetPort, d: Disposer) {
  /** What the headset was last asked to show: undefined for nothing, else the count. */
  let shown: number | undefined
  const show = (warning: boolean, seconds: number) => {
    if (warning ? shown === seconds : shown === undefined) return
    shown = warning ? seconds : undefined
    headset.showNotice(warning ? countdownNotice(seconds) : null)
  }
  d.add(
    ui.subscribe((s) => {
      show(s.idle.phase === 'warning', s.secondsLeft)
    }),
  )
  d.add(() => show(false, 0))
}
