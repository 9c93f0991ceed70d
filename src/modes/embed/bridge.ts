/**
 * The bridge between an embedded tour and the page around it: listens for commands on `window`,
 * posts events to the parent. Everything it needs is passed in, so unit tests drive it with fakes.
 */
import type { AppStore } from '../../state/store'
import { executeCommand } from './commands'
import { deriveEvents, embedState } from './events'
import { isAllowedOrigin, type OriginPattern } from './origins'
import { COMMANDS, makeEvent, parseCommand, type EmbedEvent } from './protocol'

export type MessageTarget = { postMessage(message: unknown, targetOrigin: string): void }

/** Why a message was not acted on, for the console of a developer integrating the tour. */
export type IgnoredReason = 'not-from-parent' | 'origin-not-allowed' | 'malformed'

export type BridgeOptions = {
  store: AppStore
  /** Where messages arrive (the frame's window). */
  self: Pick<Window, 'addEventListener' | 'removeEventListener'>
  /** The embedding page's window, or null when not embedded. */
  parent: MessageTarget | null
  /** The embedding page's origin (see parentOrigin), or null when it cannot be known: no events. */
  parentOrigin: string | null
  /** Origins allowed to send commands (empty: events only). */
  allowed: readonly OriginPattern[]
  languages: readonly string[]
  onIgnored?: (reason: IgnoredReason, event: MessageEvent) => void
}

export function startEmbedBridge(options: BridgeOptions): () => void {
  const { store, self, parent, parentOrigin, allowed, languages, onIgnored } = options
  const send = (event: EmbedEvent, targetOrigin: string | null) => {
    if (!parent || !targetOrigin) return
    try {
      parent.postMessage(event, targetOrigin)
    } catch {
      // The parent navigated away or closed: nothing to tell.
    }
  }

  const onMessage = (event: MessageEvent) => {
    // Only the page that embeds the tour may drive it: not a sibling frame, not a popup.
    if (!parent || event.source !== parent) return onIgnored?.('not-from-parent', event)
    if (!isAllowedOrigin(event.origin, allowed)) return onIgnored?.('origin-not-allowed', event)
    const command = parseCommand(event.data)
    if (!command) return onIgnored?.('malformed', event)
    // The reply goes to the origin that asked, which is the parent's own (its source is the parent).
    send(executeCommand(command, { store, languages }), event.origin)
  }

  self.addEventListener('message', onMessage)
  const unsubscribe = store.subscribe((next, prev) => {
    for (const e of deriveEvents(prev, next)) send(e, parentOrigin)
  })
  const acceptsCommands = parentOrigin !== null && isAllowedOrigin(parentOrigin, allowed)
  send(
    makeEvent({ event: 'ready', acceptsCommands, commands: COMMANDS }, embedState(store.getState())),
    parentOrigin,
  )
  return () => {
    self.removeEventListener('message', onMessage)
    unsubscribe()
  }
}
