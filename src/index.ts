import type { FastifyInstance } from 'fastify'
import type { TokenClaims } from './auth/jwt'
import type { JournalEntry, JournalFilter } from './core/journal'
import type { FaultRule, FaultRuleInput } from './core/faults'
import type { ClockState } from './core/clock'
import { loadConfig } from './config'
import { startServer } from './server'
import type { Store } from './store/store'
import { neostraStub, type NeostraStub } from './vendors/index' // issue 18

export { buildApp } from './app'
export { loadConfig } from './config'
export type { Config } from './config'
export type { TokenClaims, JournalEntry, JournalFilter, FaultRule, FaultRuleInput, ClockState }
export type { NeostraStub, TaskStatusEvent } from './vendors/index' // issue 18
export { FaultRuleError, ANY_TENANT } from './core/faults'
export { ANONYMOUS_TENANT } from './core/journal'

/** waitFor's timeout: what did match is in `requests`. */
export class WaitTimeoutError extends Error {
  constructor (readonly filter: Partial<JournalFilter>, readonly count: number, readonly timeoutMs: number, readonly requests: JournalEntry[]) {
    super(`waitFor: ${requests.length} of ${count} matching request(s) after ${timeoutMs} ms (${JSON.stringify(filter)})`)
  }
}

export interface StartOptions {
  /** fixture every tenant starts from (default: the demo data) */
  seedFile?: string
  /** HS256 secret (default: the development secret) */
  jwtSecret?: string
  /** SQLite file; default ':memory:' */
  database?: string
  /** 1: unknown body fields are a 400 */
  strict?: boolean
  /** TCP port (default 0: a free one) */
  port?: number
  /** address to bind (default 127.0.0.1) */
  host?: string
  /** CORS origins allowed (default none: CORS off) */
  corsOrigins?: string[]
  /** pino level (default 'silent') */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** One tenant's clock, for a test to freeze, set and advance (contract section 7). */
export interface TenantClock {
  /** the clock's time, ms since the epoch */
  now: () => number
  state: () => ClockState
  /** freezes (if real), then moves on `ms`, running every event of the span in time order */
  advance: (ms: number) => Promise<ClockState>
  /** sets and freezes: a jump (events in between run late) */
  set: (to: string | Date) => Promise<ClockState>
  /** runs on in real time from the clock's time */
  real: () => Promise<ClockState>
}

/**
 * Probely's workflows, as /__admin/probely/... drives them: `targets({tenant})` and `findings({tenant, targetId})`
 * (as the API shows them, those written through it included), `scans({tenant, targetId, status})`,
 * `finishScan(id, outcome, tenant?)`, `settings(tenant?)`, `setSettings({durations, outcomes}, tenant?)`.
 * (Typed through the store, which the Probely module extends: this file names no vendor.)
 */
export type ProbelyControls = ReturnType<ReturnType<Store['probelyEngine']>['controls']>

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
  /** a tenant's clock (default "default"), as POST /__admin/clock drives it */
  clock: (tenant?: string) => TenantClock
  /** Neostra's workflow controls: tasks, launch now, progress settings, task status events (issue 18) */
  neostra: NeostraStub
  /** Probely's scans and their settings */
  probely: ProbelyControls
  /**
   * add a fault rule (see the admin API), checked by the same function as POST /__admin/faults: a bad
   * rule throws a FaultRuleError naming every problem. Its tenant defaults to "default" ("*" = every tenant).
   */
  fault: (rule: FaultRuleInput) => FaultRule
  /**
   * resolves with the newest `count` (default 1) entries matching `filter` as soon as the journal holds
   * them; rejects with a WaitTimeoutError (carrying what did match) after `timeoutMs` (default 5000)
   */
  waitFor: (filter?: Partial<JournalFilter>, options?: { count?: number, timeoutMs?: number }) => Promise<JournalEntry[]>
  close: () => Promise<void>
}

/**
 * Starts scanstub on a free port of 127.0.0.1 with an in-memory database: for a Node test suite's
 * before/after hooks. Nothing is shared with any other instance in the process.
 */
export async function startScanstub (options: StartOptions = {}): Promise<Scanstub> {
  const config = loadConfig({
    PORT: String(options.port ?? 0),
    HOST: options.host ?? '127.0.0.1',
    ...(options.corsOrigins?.length ? { CORS_ORIGINS: options.corsOrigins.join(',') } : {}),
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
    token: (claims = { sub: 'test-user', email: 'test@scanstub.example.com', name: 'Test User' }, expiresIn) => app.mintToken(claims, expiresIn),
    reset: (tenant = 'default') => {
      app.tenants.reset(tenant)
      app.journal.clear(tenant)
      app.faults.remove(tenant)
    },
    clock: (tenant = 'default') => ({
      now: () => app.clocks.now(tenant),
      state: () => app.clocks.state(tenant),
      advance: ms => { app.tenants.ensure(tenant); return app.clocks.advance(tenant, ms) },
      set: to => { app.tenants.ensure(tenant); return app.clocks.set(tenant, new Date(to).getTime()) },
      real: () => app.clocks.real(tenant)
    }),
    requests: (filter = {}) => app.journal.find({ tenant: 'default', ...filter }),
    neostra: neostraStub(app), // issue 18
    fault: rule => app.faults.add(rule),
    probely: app.store.probelyEngine(app.clocks).controls({ ensure: tenant => app.tenants.ensure(tenant), targets: app.store.targets, write: app.store.write }),
    waitFor: async (filter = {}, { count = 1, timeoutMs = 5000 } = {}) => {
      const { timedOut, requests } = await app.journal.wait({ tenant: 'default', ...filter }, count, timeoutMs)
      if (timedOut) throw new WaitTimeoutError(filter, count, timeoutMs, requests)
      return requests
    },
    close: () => app.close()
  }
}
