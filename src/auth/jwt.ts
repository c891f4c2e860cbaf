import fastifyJwt from '@fastify/jwt'
import { type Algorithm, createVerifier } from 'fast-jwt'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { TENANT_PATTERN } from '../core/tenant-name'
import { createTokenSigner, type MintClaims } from './signer'

/** Who is calling: the claims scanstub uses, with the tenant defaulted. */
export interface Principal {
  sub: string
  email: string
  name: string
  tenant: string
  /** a Neostra sign-in token good only for select-tenant (claim `scope`, see TEMPORARY_SCOPE) */
  temporary?: true
}

export type TokenClaims = MintClaims

/** The `scope` claim of a temporary token: refused by every route that does not ask for it. */
export const TEMPORARY_SCOPE = 'neostra:select-tenant'

/** Why a request was refused; each vendor words it in its own shape. */
export type AuthFailure =
  | 'missing' // no Authorization header
  | 'scheme' // a header with a scheme this vendor does not use
  | 'empty' // the scheme with no token after it
  | 'malformed'
  | 'algorithm' // alg none, or an algorithm no configured key signs with
  | 'signature'
  | 'expired'
  | 'inactive' // nbf in the future
  | 'claims' // a claim of the wrong type

export type AuthResult = { ok: true, principal: Principal } | { ok: false, failure: AuthFailure }

declare module 'fastify' {
  interface FastifyInstance {
    /** Checks the Authorization header against `schemes` (e.g. ['Bearer'] or ['JWT', 'Bearer']). */
    authenticate: (request: FastifyRequest, schemes: readonly string[], options?: { temporary?: boolean }) => AuthResult
    /** Signs an HS256 token with the configured secret; `expiresIn` in seconds or as '15m', '12h'. */
    mintToken: (claims: TokenClaims, expiresIn?: string | number) => string
  }
  interface FastifyRequest {
    principal: Principal
  }
}

const VERIFIED_TOKENS_KEPT = 1000

const FAILURE_BY_CODE: Record<string, AuthFailure> = {
  FAST_JWT_EXPIRED: 'expired',
  FAST_JWT_INACTIVE: 'inactive',
  FAST_JWT_INVALID_SIGNATURE: 'signature',
  FAST_JWT_MISSING_SIGNATURE: 'algorithm',
  FAST_JWT_INVALID_ALGORITHM: 'algorithm',
  FAST_JWT_INVALID_KEY: 'algorithm',
  FAST_JWT_INVALID_CLAIM_TYPE: 'claims',
  FAST_JWT_INVALID_CLAIM_VALUE: 'claims',
  FAST_JWT_INVALID_PAYLOAD: 'claims'
}

function principalOf (claims: Record<string, unknown>): Principal | null {
  const text = (v: unknown) => typeof v === 'string' ? v : v === undefined ? '' : null
  const sub = text(claims.sub); const email = text(claims.email); const name = text(claims.name)
  const tenant = claims.tenant === undefined ? 'default' : claims.tenant
  if (sub === null || email === null || name === null) return null
  if (typeof tenant !== 'string' || !TENANT_PATTERN.test(tenant)) return null
  return claims.scope === TEMPORARY_SCOPE ? { sub, email, name, tenant, temporary: true } : { sub, email, name, tenant }
}

function algorithmOf (token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'))
    // Stryker disable next-line OptionalChaining: a header of `null` throws without `?.`, and the catch answers the same undefined
    return typeof header?.alg === 'string' ? header.alg : undefined
  } catch {
    return undefined
  }
}

export interface AuthOptions {
  secret: string
  /** PEM: also accept RS256/ES256 tokens from an identity provider */
  publicKey?: string
}

/**
 * JWT checking for the vendor routes. HS256 tokens are checked by @fastify/jwt with the secret; when a public
 * key is configured, RS256/ES256 tokens are checked against it by a second, separate verifier, so one key
 * can never be used as the other (no HS/RS confusion) and `alg: none` is never accepted.
 */
// Stryker disable next-line ArrayDeclaration: `check` hands the IdP's verifier RS256 and ES256 tokens only; the list is a second lock
const IDP_ALGORITHMS: Algorithm[] = ['RS256', 'ES256']

async function auth (app: FastifyInstance, options: AuthOptions) {
  // tokens are signed by createTokenSigner (signer.ts), so @fastify/jwt only verifies
  await app.register(fastifyJwt, {
    secret: options.secret,
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: `check` hands this verifier HS256 tokens only; the list is a second lock
    verify: { algorithms: ['HS256'] }
  })
  const idpVerify = options.publicKey ? createVerifier({ key: options.publicKey, algorithms: IDP_ALGORITHMS }) : undefined

  app.decorateRequest('principal', null as unknown as Principal)

  // Test suites send the same header thousands of times: remember who a verified one names until its
  // token's own exp, for a bounded number of headers (oldest forgotten first). Only successes are
  // remembered, with the scheme they came under (lower case), which each route still checks.
  // Stryker disable all: a cache of verified headers changes speed and memory only: with it off, emptied or
  // expiring at once, every header is verified afresh with the same answer (what it must never do, answer
  // past exp or under another scheme, is tested)
  const verified = new Map<string, { scheme: string, principal: Principal, expiresAt: number }>()
  const remember = (header: string, scheme: string, principal: Principal, exp: unknown) => {
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string)
    verified.set(header, { scheme, principal, expiresAt: typeof exp === 'number' ? exp * 1000 : Infinity })
  }
  // Stryker restore all
  const allows = (schemes: readonly string[], scheme: string) => schemes.some(s => s.toLowerCase() === scheme)

  app.decorate('authenticate', (request: FastifyRequest, schemes: readonly string[], options?: { temporary?: boolean }): AuthResult => {
    const result = check(request, schemes)
    // a temporary token is only for the route that asks for one (Neostra's select-tenant); elsewhere a 401
    if (result.ok && result.principal.temporary && !options?.temporary) return { ok: false, failure: 'claims' }
    return result
  })

  const check = (request: FastifyRequest, schemes: readonly string[]): AuthResult => {
    const header = request.headers.authorization
    if (header === undefined) return { ok: false, failure: 'missing' }
    const known = verified.get(header)
    // Stryker disable next-line BlockStatement: the cache again (see remember): without it the header is verified afresh
    if (known !== undefined) {
      // Stryker disable next-line EqualityOperator: the cache again: `<` keeps a header one millisecond longer, at the very ms its exp is reached
      if (known.expiresAt <= Date.now()) verified.delete(header)
      else if (allows(schemes, known.scheme)) return { ok: true, principal: known.principal }
    }
    const [sent, token, ...rest] = header.trim().split(/\s+/)
    const scheme = sent.toLowerCase()
    if (!allows(schemes, scheme)) return { ok: false, failure: 'scheme' }
    if (!token) return { ok: false, failure: 'empty' }
    if (rest.length > 0 || token.split('.').length !== 3) return { ok: false, failure: 'malformed' }
    const alg = algorithmOf(token)
    if (alg === undefined) return { ok: false, failure: 'malformed' }
    try {
      let claims: Record<string, unknown>
      // Stryker disable next-line ConditionalExpression: a second lock: the IdP's verifier itself refuses any other algorithm, with the same failure
      const idpAlgorithm = alg === 'RS256' || alg === 'ES256'
      if (alg === 'HS256') claims = app.jwt.verify(token)
      else if (idpVerify && idpAlgorithm) claims = idpVerify(token)
      else return { ok: false, failure: 'algorithm' }
      const principal = principalOf(claims)
      if (!principal) return { ok: false, failure: 'claims' }
      remember(header, scheme, principal, claims.exp)
      return { ok: true, principal }
    } catch (err) {
      return { ok: false, failure: FAILURE_BY_CODE[(err as { code?: string }).code ?? ''] ?? 'malformed' }
    }
  }

  app.decorate('mintToken', createTokenSigner(options.secret))
}

export default fp(auth, { name: 'scanstub-auth' })
