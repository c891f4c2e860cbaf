import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import type { TokenClaims } from '../src/auth/jwt'
import { checkResponsesAgainstDocument } from './openapi-check'

/** What tap hands a test, as far as the helpers need it. */
export interface TestContext { teardown: (fn: () => unknown) => void }

export const SECRET = 'test-secret-for-scanstub-tests'

/** A fresh folder removed when the test ends. */
export function tempDir (t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'scanstub-test-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export interface TestApp {
  app: FastifyInstance
  /** the SQLite file behind it */
  database: string
  /** an HS256 token for these claims (default: alice in tenant "default") */
  token: (claims?: TokenClaims, expiresIn?: string | number) => string
  /** inject with a Neostra bearer token unless headers say otherwise */
  neostra: (options: InjectOptions) => Promise<LightMyRequestResponse>
  /** inject with a Probely `JWT` token unless headers say otherwise */
  probely: (options: InjectOptions) => Promise<LightMyRequestResponse>
}

export const ALICE: TokenClaims = { sub: 'u-alice', email: 'alice@example.com', name: 'Alice Tester' }

/** Builds the real app on a real SQLite file in a temp folder; closed when the test ends. */
export async function buildTestApp (t: TestContext, env: Record<string, string> = {}, database?: string): Promise<TestApp> {
  const file = database ?? join(tempDir(t), 'scanstub.db')
  const app = await buildApp(loadConfig({ DATABASE: file, JWT_SECRET: SECRET, LOG_LEVEL: 'silent', ...env }), { logger: false })
  t.teardown(() => app.close())
  checkResponsesAgainstDocument(app)
  const token = (claims: TokenClaims = ALICE, expiresIn?: string | number) => app.mintToken(claims, expiresIn)
  const withAuth = (scheme: string) => (options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `${scheme} ${token()}`, ...options.headers } })
  return { app, database: file, token, neostra: withAuth('Bearer'), probely: withAuth('JWT') }
}

/** Reads the demo fixture, as a test's expected values. */
export function demoFixture (): any {
  return require('../fixtures/demo.json')
}

/** What `expectAnswer` needs of tap's test object. */
export interface Asserts {
  equal: (found: any, wanted: any, message: string) => unknown
  same: (found: any, wanted: any, message: string) => unknown
  match: (found: any, pattern: any, message: string) => unknown
}

/**
 * Status and body of an answer, checked together: a check of the body alone lets a 404 turn into a 401
 * unseen, one of the status alone lets the vendor's shape drift. `match` compares with t.match (regular
 * expressions, a subset of the keys) instead of deep equality.
 */
export function expectAnswer (t: Asserts, res: LightMyRequestResponse, status: number, body: unknown, how: { match?: boolean, message?: string } = {}): void {
  const what = how.message ?? `${status} answer`
  t.equal(res.statusCode, status, `${what}: status`)
  let json: unknown
  try {
    json = res.json()
  } catch {
    json = res.body
  }
  if (how.match) t.match(json, body, `${what}: body`)
  else t.same(json, body, `${what}: body`)
}

/**
 * Closes `first` and builds a fresh app on the same SQLite file: what it reads comes from disk, not from
 * anything the first app kept in memory.
 */
export async function restart (t: TestContext, first: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  await first.app.close()
  return buildTestApp(t, env, first.database)
}

/** The claims of a JWT, read without checking it (tests of what was minted). */
export function claimsOf (token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))
}

/**
 * `token` with the same header and claims but the signature of another secret. Not a changed last
 * character: a 32-byte HS256 signature's last base64url character carries two padding bits, so
 * 'A' for 'B' (or 'B', 'C', 'D' for 'A') decodes to the same bytes and still verifies (1 token in 16).
 */
export function forgedCopy (token: string): string {
  return withHs256Signature(token.split('.').slice(0, 2).join('.'), 'not-the-server-secret')
}

/** `header.payload` with its HS256 signature under `secret` appended. */
function withHs256Signature (unsigned: string, secret: string): string {
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}

/** An HS256 JWT signed by hand with `secret`, for claims the minting API will not make (an exp in the past). */
export function signHs256 (claims: Record<string, unknown>, secret = SECRET): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return withHs256Signature(`${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`, secret)
}
