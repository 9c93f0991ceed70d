/**
 * Layout of the in-world panels, drawn on a 2D canvas and shown as one textured quad each (one
 * draw call per panel, buttons included). Text wrapping and hit testing are pure functions of a
 * `measure` callback, so they are unit-tested without a canvas.
 */

export type Measure = (text: string) => number

/**
 * Greedy word wrap to `maxWidth`; a word longer than a line is cut by characters. No-break spaces
 * (French « guillemets », the space before : ; ? !) hold their words together.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure, maxLines = Infinity): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/[^\S\u00a0\u202f]+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (measure(candidate) <= maxWidth) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = word
      while (measure(line) > maxWidth && line.length > 1) {
        let cut = line.length - 1
        while (cut > 1 && measure(line.slice(0, cut)) > maxWidth) cut--
        lines.push(line.slice(0, cut))
        line = line.slice(cut)
      }
    }
    if (line) lines.push(line)
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines)
    let last = kept[maxLines - 1]!
    while (last && measure(`${last}…`) > maxWidth) last = last.slice(0, -1)
    kept[maxLines - 1] = `${last.trimEnd()}…`
    return kept
  }
  return lines
}

/** A button drawn on a panel, in canvas pixels (origin top-left). */
export type HitRect = { id: string; x: number; y: number; w: number; h: number }

/**
 * The button under a texture coordinate (u right, v up, as three.js reports it) of a panel whose
 * drawn area is `width` × `height` canvas pixels, or null.
 */
export function hitTest(
  rects: readonly HitRect[],
  u: number,
  v: number,
  width: number,
  height: number,
): string | null {
  const px = u * width
  const py = (1 - v) * height
  for (const r of rects) if (px >= r.x && px <= r.x + r.w && py >= r.y && py <= r.y + r.h) return r.id
  return null
}

/** Split a row of `count` equal buttons across `width` with `gap` between them. */
export function rowOfButtons(
  ids: readonly string[],
  x: number,
  y: number,
  width: number,
  height: number,
  gap: number,
): HitRect[] {
  const w = (width - gap * (ids.length - 1)) / ids.length
  return ids.map((id, i) => ({ id, x: x + i * (w + gap), y, w, h: height }))
}
