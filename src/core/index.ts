import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Db } from '../store/db'
import type { Fixture } from '../store/fixtures'
import type { Store } from '../store/store'
import { Clocks } from './clock'
import { Faults, type FaultLimits } from './faults'
import { Journal, type JournalLimits } from './journal'
import { createTenants, type DataOwner, SEED_TENANT, type Tenants } from './tenants'

declare module 'fastify' {
  interface FastifyInstance {
    /** every tenant's clock and the events due on it */
    clocks: Clocks
    /** the request journal */
    journal: Journal
    /** fault rules */
    faults: Faults
    /** provisioning, fixture loads, exports and resets of tenants */
    tenants: Tenants
  }
}

export interface CoreOptions {
  db: Db
  store: Store
  owners: readonly DataOwner<any, any>[]
  seed: Fixture
  journal: JournalLimits
  faults: FaultLimits
  formats: Record<string, (value: string) => boolean>
  /** TENANT_LIMIT */
  tenantLimit?: number
  /** after a write that changed much of the file */
  afterBigWrite?: () => void
}

/**
 * The emulator's own state, vendor-free: tenants, their clocks, the journal and the fault rules. The
 * admin routes and the in-process entry only drive it; the traffic hooks feed it.
 */
async function core (app: FastifyInstance, options: CoreOptions) {
  const { db, store, owners } = options
  // requests arrived so far: an advance running while others come runs shorter batches (SHARED_BATCH_MS)
  let arrivals = 0
  // Stryker disable next-line UpdateOperator: counting down moves the count too (bench:scheduler measures what it is for)
  app.addHook('onRequest', (_request, _reply, done) => { arrivals++; done() })
  const clocks = new Clocks(db, {
    transact: fn => store.write(fn),
    onError: (err, event) => app.log.error({ err, ...event }, 'a clock event failed'),
    // Stryker disable next-line ArrowFunction: a count that never moves makes every batch BATCH_MS long: when batches end, not what they run
    arrivals: () => arrivals
  })
  app.decorate('clocks', clocks)
  const journal = new Journal(options.journal)
  app.decorate('journal', journal)
  const faults = new Faults(options.faults)
  app.decorate('faults', faults)
  app.decorate('tenants', createTenants(db, store, owners, options.seed, clocks, options.formats, {
    limit: options.tenantLimit ?? Number.MAX_SAFE_INTEGER,
    // a dropped tenant keeps nothing in memory either: memory is bounded by the settings, not by the tenants ever seen
    onDrop: tenant => { journal.clear(tenant); faults.remove(tenant) },
    afterBigWrite: options.afterBigWrite
  }))
  app.addHook('onClose', async () => { clocks.close(); journal.close() })

  // what was pending when the server stopped is scheduled again (what fell due meanwhile runs late)
  for (const owner of owners) owner.workflows?.resume(store.reposOf(owner) as never, clocks)
  // the seed's stored copy is data to copy, not a tenant: nothing of it may run (a scheduled scan of the
  // seed firing would launch in it, and every new tenant would then be copied with that launch)
  clocks.forget(SEED_TENANT)
}

export default fp(core, { name: 'scanstub-core' })
