import { createSigner } from 'fast-jwt'
import { lifetimeSeconds } from '../core/duration'

/** The claims a minted token may carry (exp is set from the lifetime). */
export interface MintClaims {
  sub?: string
  email?: string
  name?: string
  tenant?: string
  scope?: string
}

/** Signs an HS256 token; `expiresIn`: seconds, or a lifetime as users write it ('15m', '12h'); none: no exp. */
export type TokenSigner = (claims: MintClaims, expiresIn?: number | string) => string

/**
 * The one token signer: app.mintToken (the admin API, the in-process entry, Neostra's sign-in) and
 * `scanstub token` both sign through it, so a token minted either way is the same token. It needs
 * only fast-jwt and the lifetime parser, so the CLI signs without building the app.
 */
export function createTokenSigner (secret: string): TokenSigner {
  const sign = createSigner({ key: secret, algorithm: 'HS256' })
  return (claims, expiresIn) => {
    if (expiresIn === undefined) return sign({ ...claims })
    const seconds = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : lifetimeSeconds(expiresIn)
    if (seconds === undefined) throw new RangeError(`a token lifetime must be at least one second, as seconds or a duration such as "15m" (got ${JSON.stringify(expiresIn)})`)
    return sign({ ...claims, exp: Math.floor(Date.now() / 1000) + seconds })
  }
}
