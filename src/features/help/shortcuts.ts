import type { MessageKey } from '../../core/i18n/i18n'

/** Keyboard shortcuts of the tour view: one table drives both the handler and the help dialog. */
export const SHORTCUTS = [
  { keys: ['N', 'PageDown'], label: 'help.key.next', action: 'nextStop' },
  { keys: ['P', 'PageUp'], label: 'help.key.previous', action: 'previousStop' },
  { keys: [']'], label: 'help.key.hotspotNext', action: 'nextHotspot' },
  { keys: ['['], label: 'help.key.hotspotPrevious', action: 'previousHotspot' },
  { keys: ['K'], label: 'help.key.play', action: 'toggleNarration' },
  { keys: ['R'], label: 'help.key.reset', action: 'resetView' },
  { keys: ['L'], label: 'help.key.lang', action: 'switchLanguage' },
  { keys: ['Esc'], label: 'help.key.close', action: 'close' },
  { keys: ['←', '→', '↑', '↓'], label: 'help.key.orbit', action: null },
  { keys: ['+', '−'], label: 'help.key.zoom', action: null },
  { keys: ['?'], label: 'help.key.help', action: 'help' },
] as const satisfies readonly { keys: readonly string[]; label: MessageKey; action: string | null }[]

export type ShortcutAction = Exclude<(typeof SHORTCUTS)[number]['action'], null>

/** The action for a key press, matching letters case-insensitively. */
export function shortcutFor(key: string): ShortcutAction | null {
  const k = key.length === 1 ? key.toUpperCase() : key === 'Escape' ? 'Esc' : key
  for (const s of SHORTCUTS) if (s.action && (s.keys as readonly string[]).includes(k)) return s.action
  return null
}
