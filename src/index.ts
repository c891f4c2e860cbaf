import type { FastifyInstance } from 'fastify'
import type { TokenClaims } from './auth/jwt'
import type { JournalEntry, JournalFilter } from './admin/journal'
import type { FaultRule, FaultRuleInput } from './admin/faults'
import { loadConfig } from './config'
import { startServer } from './server'

export { buildApp } from './app'
export { loadConfig } from './config'
export type { Config } from './config'
export type { TokenClaims, JournalEntry, FaultRule, FaultRuleInput }

export interface StartOptions {
  /** fixture every tenant starts from (default: the demo data) */
  seedFile?: string
  /** HS256 secret (default: the development secret) */
  jwtSecret?: string
  /** SQLite file; default ':memory:' */
  database?: string
  /** 1: unknown body fields are a 400 */
  strict?: boolean
  /** pino level (default 'silent') */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** A running scanstub inside a test process. */
export interface Scanstub {
  /** base URL, e.g. http://127.0.0.1:41234 */
  url: string
  app: FastifyInstance
  /** a JWT both vendors accept; pass a `tenant` per test worker to keep their data apart */
  token: (claims?: TokenClaims, expiresIn?: string | number) => string
  /** a tenant (default "default") back to the fixture, its journal and faults cleared */
  reset: (tenant?: string) => void
  /** journaled requests of a tenant, newest first */
  requests: (filter?: Partial<JournalFilter>) => JournalEntry[]
  /** add a fault rule (see the admin API) */
  fault: (rule: FaultRuleInput) => FaultRule
  close: () => Promise<void>
}

/**
 * Starts scanstub on a free port of 127.0.0.1 with an in-memory database: for a Node test suite's
 * before/after hooks. Nothing is shared with any other instance in the process.
 */
export async function startScanstub (options: StartOptions = {}): Promise<Scanstub> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE: options.database ?? ':memory:',
    LOG_LEVEL: options.logLevel ?? 'silent',
    ...(options.jwtSecret ? { JWT_SECRET: options.jwtSecret } : {}),
    ...(options.seedFile ? { SEED_FILE: options.seedFile } : {}),
    STRICT: options.strict ? '1' : '0'
  })
  const { app, url } = await startServer(config)
  return {
    url,
    app,
    token: (claims = { sub: 'test-user', email: 'test@scanstub.local', name: 'Test User' }, expiresIn) => app.mintToken(claims, expiresIn),
    reset: (tenant = 'default') => {
      app.store.reset(tenant)
      app.journal.clear(tenant)
      app.faults.remove(tenant)
    },
    requests: (filter = {}) => app.journal.find({ tenant: 'default', ...filter }),
    fault: rule => app.faults.add(rule),
    close: () => app.close()
  }
}
