/**
 * The offline worker keeps a file only when it is the file the build listed: same size, same
 * content hash (the manifest's revision, the first 16 hex digits of its SHA-256). A static host
 * that answers a missing file with index.html (a partial deploy), a captive portal's page or a
 * truncated download is refused, so the kiosk never caches HTML as a script or a model.
 */

/** Hex digits of the SHA-256 kept as a file's revision (tools/kiosk/vite-kiosk.ts writes them). */
export const REVISION_HEX = 16

export type ManifestEntry = { url: string; revision: string; bytes: number }

export async function revisionOf(body: ArrayBuffer, subtle: SubtleCrypto): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', body))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, REVISION_HEX)
}

/** Why `body` is not the file of `entry` (for the install's error), or null when it is. */
export async function mismatch(
  entry: ManifestEntry,
  body: ArrayBuffer,
  subtle: SubtleCrypto,
): Promise<string | null> {
  if (body.byteLength !== entry.bytes)
    return `${entry.url}: ${body.byteLength} bytes where the build has ${entry.bytes}`
  const revision = await revisionOf(body, subtle)
  if (revision !== entry.revision)
    return `${entry.url}: content ${revision} where the build has ${entry.revision}`
  return null
}
