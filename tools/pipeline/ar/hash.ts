import { createHash } from 'node:crypto'

/** Hex SHA-256 of a file's bytes: how the AR manifest ties each file to what it was made from. */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
