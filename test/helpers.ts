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
