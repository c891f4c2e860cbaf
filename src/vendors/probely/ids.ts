import { randomBytes } from 'node:crypto'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** A new Base58 id, 12 characters like Probely's own. */
export function newProbelyId (): string {
  let id = ''
  for (const byte of randomBytes(12)) id += BASE58[byte % 58]
  return id
}

export const isBase58 = (id: string) => /^[1-9A-HJ-NP-Za-km-z]+$/.test(id)
