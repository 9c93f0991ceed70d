/**
 * `?mode=embed` and its options, read from the URL the teacher pasted into the iframe:
 *
 * - `autoplay=1` starts a story's narration when it opens (off by default in an embed: a lesson
 *   page should not start talking on its own);
 * - `captions=0` hides captions (on by default);
 * - `controls=stops,stories,...` chooses the controls shown (`none` for the 3D view alone, driven
 *   by the parent page through the postMessage API); all of them by default.
 *
 * The state itself (`tour`, `stop`, `hotspot`, `lang`) is read by url-sync as everywhere else.
 */
import { readBootConfig } from '../../core/boot/boot-config'

export const EMBED_CONTROLS = ['title', 'stops', 'stories', 'narration', 'language', 'share', 'open'] as const
export type EmbedControl = (typeof EMBED_CONTROLS)[number]

/** Parameters that belong to the embed only: dropped from the link that opens the full app. */
export const EMBED_PARAMS = ['mode', 'autoplay', 'captions', 'controls'] as const

export type EmbedOptions = {
  /** @default false */
  autoplay: boolean
  /** @default true */
  captions: boolean
  /** @default every control */
  controls: ReadonlySet<EmbedControl>
}

/** Whether an address opens the embed (decided, as every way in, by core/boot/boot-config.ts). */
export const isEmbedMode = (search: string) => readBootConfig(search, '/').way === 'embed'

function flag(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback
  const v = value.trim().toLowerCase()
  if (['1', 'true', 'on', 'yes'].includes(v)) return true
  if (['0', 'false', 'off', 'no'].includes(v)) return false
  return fallback
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const params = new URLSearchParams(search)
  const raw = params.get('controls')
  let controls: Set<EmbedControl>
  if (raw === null || raw.trim() === '' || raw.trim() === 'all') controls = new Set(EMBED_CONTROLS)
  else {
    const asked = raw.split(',').map((c) => c.trim().toLowerCase())
    controls = new Set(EMBED_CONTROLS.filter((c) => asked.includes(c)))
  }
  return {
    autoplay: flag(params.get('autoplay'), false),
    captions: flag(params.get('captions'), true),
    controls,
  }
}

/** The same place in the full app (a new tab): embed-only parameters removed. */
export function fullAppSearch(search: string): string {
  const params = new URLSearchParams(search)
  for (const p of EMBED_PARAMS) params.delete(p)
  const out = params.toString()
  return out ? `?${out}` : ''
}
