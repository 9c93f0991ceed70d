/**
 * Carrying out a parent page's command on the store. A command that names something that does not
 * exist is refused as a whole — the tour does not move to a "nearest" state on a script's typo —
 * and the reply says why.
 */
import { narrationActive } from '../../core/engine/tour-engine'
import type { AppStore } from '../../state/store'
import { embedState } from './events'
import { makeEvent, type Command, type CommandError, type EmbedEvent } from './protocol'

export type CommandContext = {
  store: AppStore
  /** Interface languages a `setLanguage` may choose. */
  languages: readonly string[]
}

function run(command: Command, { store, languages }: CommandContext): CommandError | null {
  const { actions, engine, tours } = store.getState()
  switch (command.command) {
    case 'goTo': {
      const tourId = command.tour ?? engine.tourId
      const tour = tourId ? tours.get(tourId) : undefined
      if (!tour) return 'unknown-tour'
      const stopIndex = command.stop
        ? tour.stops.findIndex((s) => s.id === command.stop)
        : command.hotspot
          ? tour.stops.findIndex((s) => s.hotspots.some((h) => h.id === command.hotspot))
          : 0
      const stop = tour.stops[stopIndex]
      if (!stop) return command.stop ? 'unknown-stop' : 'unknown-hotspot'
      if (command.hotspot && !stop.hotspots.some((h) => h.id === command.hotspot)) return 'unknown-hotspot'
      const hotspotId = command.hotspot ?? null
      // Already there: leave the narration as it is rather than restart the story.
      const here =
        engine.tourId === tour.id && engine.stopIndex === stopIndex && engine.hotspotId === hotspotId
      if (!here) actions.openTour(tour.id, { stopId: stop.id, hotspotId: hotspotId ?? undefined })
      return null
    }
    case 'setLanguage':
      if (!languages.includes(command.language)) return 'unknown-language'
      actions.setLanguage(command.language)
      return null
    case 'playNarration':
      if (!engine.hotspotId) return 'no-hotspot-open'
      if (!narrationActive(engine.narration)) actions.playNarration()
      return null
    case 'pauseNarration':
      if (!engine.hotspotId) return 'no-hotspot-open'
      actions.pauseNarration()
      return null
    case 'getState':
      return null
  }
}

/** Carry out a (parsed) command and build the reply to send back. */
export function executeCommand(command: Command, context: CommandContext): EmbedEvent {
  const error = run(command, context)
  return makeEvent(
    {
      event: 'reply',
      id: command.id ?? null,
      command: command.command,
      ok: error === null,
      ...(error ? { error } : {}),
    },
    embedState(context.store.getState()),
  )
}
