/**
 * sRGB transfer functions, in one place for every model tool: the procedural sites write palette
 * colours as linear vertex colours (geometry.ts), and the importer bakes texture colours into the
 * proxy's vertex colours (import/proxy.ts). glTF vertex colours and factors are linear; images are sRGB.
 */

/** One sRGB channel (0–1) as linear light (0–1): IEC 61966-2-1. */
export const srgbToLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)

/** One linear channel (0–1) as sRGB (0–1). */
export const linearToSrgb = (c: number): number =>
  c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055

/** `srgbToLinear(i / 255)` for every 8-bit value, for per-pixel work. */
export const SRGB8_TO_LINEAR: Float64Array = Float64Array.from({ length: 256 }, (_, i) =>
  srgbToLinear(i / 255),
)
