/**
 * What a notice may repeat of a link it could not follow. A link is written by anyone: its
 * parameters can be any length and hold anything, including the Unicode controls that reverse the
 * text around them (U+202E…), so quoting them back puts a stranger's words, laid out as they like,
 * on the institution's own page ("We couldn't find the tour “…”"). Only a value shaped like the
 * names Portage gives its tours, stops, stories and languages is quoted, and shortened; anything
 * else is described ("the tour this link names"), never echoed.
 */

/** Longest value quoted whole (characters); a longer id-like value is cut to this, with "…". */
export const QUOTE_MAX = 32

/** Shaped like an id or a language tag: ASCII letters and digits, `-`, `_`, `.` inside. */
const ID_LIKE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/

/** The value as a notice may quote it, or null when it must be described instead. */
export function quotableLinkValue(value: string): string | null {
  if (!ID_LIKE.test(value)) return null
  return value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX - 1)}…` : value
}

/**
 * A notice about a link's value: its key with the value quoted, or its `-unnamed` twin that only
 * describes it (every such key has both, in every language).
 */
export function linkNotice<K extends string>(
  key: K,
  value: string,
): { key: K | `${K}-unnamed`; vars?: { value: string } } {
  const quoted = quotableLinkValue(value)
  return quoted === null ? { key: `${key}-unnamed` } : { key, vars: { value: quoted } }
}
