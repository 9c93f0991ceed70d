/**
 * Starting an embedded tour: its options become settings before the URL is applied, and once the
 * tour is open the bridge to the parent page starts with the deployer's allow-list.
 */
import { UI_LANGUAGES } from '../../core/i18n/i18n'
import type { AppStore } from '../../state/store'
import { startEmbedBridge } from './bridge'
import { EMBED_CONFIG_FILE, parentOrigin, parseEmbedConfig, type EmbedConfig } from './origins'
import { parseEmbedOptions } from './options'

export function applyEmbedSettings(store: AppStore, search: string) {
  const { autoplay, captions } = parseEmbedOptions(search)
  store.getState().actions.setSettings({ autoplay, captions })
}

export async function loadEmbedConfig(base: string): Promise<EmbedConfig> {
  try {
    // Deployers edit this file without a rebuild: always ask the server for the current one.
    const res = await fetch(`${base}${EMBED_CONFIG_FILE}`, { cache: 'no-cache' })
    if (res.status === 404) return { patterns: [], problems: [] }
    if (!res.ok) return { patterns: [], problems: [`${EMBED_CONFIG_FILE}: HTTP ${res.status}`] }
    return parseEmbedConfig(await res.json())
  } catch (e) {
    return { patterns: [], problems: [`${EMBED_CONFIG_FILE}: ${(e as Error).message}`] }
  }
}

/** Call after the URL has been applied: the `ready` event carries the state it opened. */
export async function startEmbed(store: AppStore, base: string): Promise<() => void> {
  const config = await loadEmbedConfig(base)
  for (const p of config.problems)
    console.warn(`Portage embed: ${p} — commands from the parent page are disabled for this entry.`)
  const embedded = window.parent !== window
  const stop = startEmbedBridge({
    store,
    self: window,
    parent: embedded ? window.parent : null,
    parentOrigin: parentOrigin(window),
    allowed: config.patterns,
    languages: UI_LANGUAGES,
    onIgnored: (reason, event) => {
      // Not an error: pages and extensions post all sorts of messages. Said quietly, for integrators.
      if (reason !== 'malformed' || isPortageLike(event.data))
        console.debug(`Portage embed: message from ${event.origin} ignored (${reason}).`)
    },
  })
  const { settings, engine, actions } = store.getState()
  // `autoplay=1` on a link to a story: start it (the browser may still ask for a click first).
  if (settings.autoplay && engine.hotspotId) actions.playNarration()
  return stop
}

const isPortageLike = (data: unknown) =>
  typeof data === 'object' && data !== null && typeof (data as { protocol?: unknown }).protocol === 'string'
