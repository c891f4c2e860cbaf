import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

/**
 * Fixture passwords are kept only as scrypt hashes (`scrypt$N$salt$hash`): the database and the fixture
 * export never hold one in clear. The cost is low on purpose: a test stub signs in often, and its
 * users are test accounts; the point is that no export or backup shows a password.
 */
const COST = 1 << 12
const KEY_BYTES = 32

export function hashPassword (password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password, salt, KEY_BYTES, { N: COST })
  return `scrypt$${COST}$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

export const isPasswordHash = (text: string) => /^scrypt\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/.test(text)

export function verifyPassword (password: string, stored: string): boolean {
  const [, cost, salt, hash] = stored.split('$')
  const expected = Buffer.from(hash ?? '', 'base64url')
  const N = Number(cost)
  if (expected.length !== KEY_BYTES || !Number.isInteger(N) || N < 2 || N > 1 << 20) return false
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), KEY_BYTES, { N, maxmem: 256 * N * 8 + 1024 * 1024 })
  return timingSafeEqual(actual, expected)
}

/**
 * Checked against for an unknown email, so that it takes as long as a wrong password (no user
 * enumeration by timing). Made on first use: start-up does not pay for it. Pure: the same for every app.
 */
let dummy: string | undefined
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(12).toString('hex')))
