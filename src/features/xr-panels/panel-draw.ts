/**
 * Drawing helpers for the in-world panels: our own font (DejaVu Sans, served from /fonts, so
 * accents and every French character render the same everywhere, offline), high-contrast colours
 * and buttons with a visible hover state.
 */
import { wrapText, type HitRect } from './panel-layout'

export const FONT_FAMILY = `'Portage Sans', 'DejaVu Sans', system-ui, sans-serif`

export const COLORS = {
  panel: 'rgba(20, 27, 38, 0.96)',
  border: '#5b6b80',
  text: '#ffffff',
  soft: '#d5dde6',
  button: '#34445a',
  buttonHover: '#4d6588',
  primary: '#b3261e',
  primaryHover: '#d2362c',
  current: '#1a5fb4',
  focus: '#ffffff',
} as const

let fonts: Promise<void> | null = null

/** Load the panel font once; panels draw with fallbacks until it is ready, then redraw. */
export function loadPanelFonts(): Promise<void> {
  fonts ??= (async () => {
    if (typeof FontFace === 'undefined' || !document.fonts) return
    const base = import.meta.env.BASE_URL
    const faces = [
      new FontFace('Portage Sans', `url(${base}fonts/DejaVuSans.woff2)`, { weight: '400' }),
      new FontFace('Portage Sans', `url(${base}fonts/DejaVuSans-Bold.woff2)`, { weight: '700' }),
    ]
    await Promise.all(
      faces.map((f) =>
        f.load().then(
          (loaded) => void document.fonts.add(loaded),
          () => undefined, // fall back to the system's sans-serif
        ),
      ),
    )
  })()
  return fonts
}

export const font = (size: number, bold = false) => `${bold ? '700' : '400'} ${size}px ${FONT_FAMILY}`

export function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
) {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}

/**
 * The panel's rounded background, drawn *behind* what is already drawn (destination-over): panels
 * draw their content first, learning their height, then their background, in one pass.
 */
export function drawPanelBackground(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  style: { fill: string; border?: string; radius?: number } = { fill: COLORS.panel, border: COLORS.border },
) {
  ctx.save()
  ctx.globalCompositeOperation = 'destination-over'
  roundRect(ctx, 2, 2, w - 4, h - 4, style.radius ?? 28)
  if (style.border) {
    ctx.lineWidth = 4
    ctx.strokeStyle = style.border
    ctx.stroke()
  }
  ctx.fillStyle = style.fill
  ctx.fill()
  ctx.restore()
}

/** Draw wrapped text from (x, y) (top of the first line); returns the y below the last line. */
export function drawParagraph(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  size: number,
  options: {
    bold?: boolean
    color?: string
    lineHeight?: number
    maxLines?: number
    align?: CanvasTextAlign
  } = {},
): number {
  ctx.font = font(size, options.bold)
  ctx.fillStyle = options.color ?? COLORS.text
  ctx.textBaseline = 'top'
  ctx.textAlign = options.align ?? 'left'
  const lineHeight = size * (options.lineHeight ?? 1.3)
  const lines = wrapText(text, maxWidth, (s) => ctx.measureText(s).width, options.maxLines)
  const ax = options.align === 'center' ? x + maxWidth / 2 : x
  lines.forEach((line, i) => ctx.fillText(line, ax, y + i * lineHeight))
  return y + lines.length * lineHeight
}

export type Icon = 'play' | 'pause' | 'replay' | 'previous' | 'next' | 'close' | 'menu' | null

function drawIcon(ctx: CanvasRenderingContext2D, icon: Icon, cx: number, cy: number, s: number) {
  ctx.fillStyle = COLORS.text
  ctx.strokeStyle = COLORS.text
  ctx.lineWidth = s * 0.22
  ctx.lineCap = 'round'
  ctx.beginPath()
  switch (icon) {
    case 'play':
      ctx.moveTo(cx - s * 0.4, cy - s * 0.5)
      ctx.lineTo(cx + s * 0.5, cy)
      ctx.lineTo(cx - s * 0.4, cy + s * 0.5)
      ctx.fill()
      return
    case 'pause':
      ctx.rect(cx - s * 0.45, cy - s * 0.5, s * 0.32, s)
      ctx.rect(cx + s * 0.13, cy - s * 0.5, s * 0.32, s)
      ctx.fill()
      return
    case 'previous':
    case 'next': {
      const d = icon === 'next' ? 1 : -1
      ctx.moveTo(cx - d * s * 0.35, cy - s * 0.5)
      ctx.lineTo(cx + d * s * 0.35, cy)
      ctx.lineTo(cx - d * s * 0.35, cy + s * 0.5)
      ctx.fill()
      return
    }
    case 'replay':
      ctx.arc(cx, cy, s * 0.42, -Math.PI * 0.35, Math.PI * 1.45)
      ctx.stroke()
      ctx.beginPath()
      ctx.moveTo(cx + s * 0.12, cy - s * 0.62)
      ctx.lineTo(cx + s * 0.48, cy - s * 0.42)
      ctx.lineTo(cx + s * 0.16, cy - s * 0.14)
      ctx.fill()
      return
    case 'close':
      ctx.moveTo(cx - s * 0.4, cy - s * 0.4)
      ctx.lineTo(cx + s * 0.4, cy + s * 0.4)
      ctx.moveTo(cx + s * 0.4, cy - s * 0.4)
      ctx.lineTo(cx - s * 0.4, cy + s * 0.4)
      ctx.stroke()
      return
    case 'menu':
      for (const dy of [-0.35, 0, 0.35]) {
        ctx.moveTo(cx - s * 0.45, cy + dy * s)
        ctx.lineTo(cx + s * 0.45, cy + dy * s)
      }
      ctx.stroke()
      return
    default:
  }
}

export type ButtonStyle = { primary?: boolean; current?: boolean; icon?: Icon; size?: number }

/** A button: rounded box, optional icon, label; hover gets a lighter fill and a white outline. */
export function drawButton(
  ctx: CanvasRenderingContext2D,
  rect: HitRect,
  label: string,
  hover: string | null,
  style: ButtonStyle = {},
) {
  const hovered = hover === rect.id
  roundRect(ctx, rect.x, rect.y, rect.w, rect.h, 18)
  ctx.fillStyle = style.primary
    ? hovered
      ? COLORS.primaryHover
      : COLORS.primary
    : style.current
      ? COLORS.current
      : hovered
        ? COLORS.buttonHover
        : COLORS.button
  ctx.fill()
  if (hovered) {
    ctx.lineWidth = 6
    ctx.strokeStyle = COLORS.focus
    ctx.stroke()
  }
  const size = style.size ?? 34
  const iconSize = size * 0.9
  ctx.font = font(size, true)
  const textWidth = label ? ctx.measureText(label).width : 0
  const gap = style.icon && label ? size * 0.45 : 0
  const total = (style.icon ? iconSize : 0) + gap + textWidth
  const cy = rect.y + rect.h / 2
  let x = rect.x + Math.max(12, (rect.w - Math.min(total, rect.w - 24)) / 2)
  if (style.icon) {
    drawIcon(ctx, style.icon, x + iconSize / 2, cy, iconSize)
    x += iconSize + gap
  }
  if (label) {
    ctx.fillStyle = COLORS.text
    ctx.textBaseline = 'middle'
    ctx.textAlign = 'left'
    ctx.fillText(label, x, cy, rect.x + rect.w - 12 - x)
  }
}
