/**
 * `POST /api/poster?tour=&stop=`: the studio's canvas at the current view (a PNG) becomes the
 * stop's poster, at the size and quality `npm run posters` writes (`posters/<stop>.webp`).
 */
import sharp from 'sharp'
import { POSTER_FORMAT } from '../pipeline/poster-format'
import { contentPath } from './guard'
import { HttpError } from './http'
import { atomicWrite } from './tours'

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Writes the poster of `stop` from PNG bytes; resolves to its asset path, e.g. `posters/fort-york.webp`. */
export async function savePoster(
  root: string,
  stop: string,
  png: Uint8Array,
): Promise<{ poster: string; width: number; height: number; bytes: number }> {
  if (!PNG_MAGIC.every((b, i) => png[i] === b))
    throw new HttpError(415, 'unsupported-type', 'The poster must be sent as a PNG image.')
  const poster = `posters/${stop}.webp`
  let webp: Buffer
  try {
    // Cropped to 16:9 around the middle when the view has another shape (a phone's, say).
    webp = await sharp(png, { limitInputPixels: 64_000_000 })
      .resize(POSTER_FORMAT.width, POSTER_FORMAT.height, { fit: 'cover', position: 'centre' })
      .webp({ quality: Math.round(POSTER_FORMAT.quality * 100) })
      .toBuffer()
  } catch (e) {
    throw new HttpError(422, 'bad-image', `The image cannot be read: ${(e as Error).message}`)
  }
  await atomicWrite(contentPath(root, `assets/${poster}`), webp)
  return { poster, width: POSTER_FORMAT.width, height: POSTER_FORMAT.height, bytes: webp.length }
}
